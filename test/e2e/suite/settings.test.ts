import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, openFixture, waitForDiagnostics } from '../helpers';

// The run works on a throwaway copy of the fixture workspace, so the workspace settings file it writes
// here is never the checked-in one.
describe('settings', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await openFixture('App/App.entitlements');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('plistSentinel').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, 'hallucinated-key back to Error after removing the override',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').some((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('applies a severity override from plistSentinel.severity', async () => {
    await waitForDiagnostics(document.uri, 'hallucinated-key as an Error (its default)',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').some((d) => d.severity === vscode.DiagnosticSeverity.Error));

    await vscode.workspace.getConfiguration('plistSentinel')
      .update('severity', { 'hallucinated-key': 'warning' }, vscode.ConfigurationTarget.Workspace);
    const [diagnostic] = await waitForDiagnostics(document.uri, 'hallucinated-key as a Warning after the override', () => {
      const found = diagnosticsWithCode(document.uri, 'hallucinated-key');
      return found.length === 1 && found[0]?.severity === vscode.DiagnosticSeverity.Warning && found;
    });
    assert.ok(diagnostic);
  });
});
