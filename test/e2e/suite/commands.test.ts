import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, keyRange, openFixture, replaceDocumentText, waitForDiagnostics } from '../helpers';

const HALLUCINATED_KEY = 'com.apple.developer.push-notifications';

describe('commands', () => {
  let document: vscode.TextDocument;
  let originalText: string;

  before(async () => {
    document = await openFixture('App/App.entitlements');
    originalText = document.getText();
    await waitForDiagnostics(document.uri, 'the fixture hallucinated-key diagnostic', () => diagnosticsWithCode(document.uri, 'hallucinated-key').length > 0);
  });

  after(async () => {
    if (document.getText() !== originalText) await replaceDocumentText(document, originalText);
    await waitForDiagnostics(document.uri, 'the fixture diagnostic back after restoring the text', () => diagnosticsWithCode(document.uri, 'hallucinated-key').length > 0);
  });

  it('registers Restart Server and Show Output', async () => {
    const registered = await vscode.commands.getCommands(true);
    for (const command of ['plistSentinel.restartServer', 'plistSentinel.showOutput']) {
      assert.ok(registered.includes(command), `${command} is not registered`);
    }
  });

  it('Show Output runs', async () => {
    await vscode.commands.executeCommand('plistSentinel.showOutput');
  });

  it('Restart Server brings back a server that answers edits', async () => {
    await vscode.commands.executeCommand('plistSentinel.restartServer');
    // Only a running server can clear the diagnostic after the key goes, and report it again when it returns.
    const keyLine = keyRange(document, HALLUCINATED_KEY).start.line;
    const removal = new vscode.WorkspaceEdit();
    removal.delete(document.uri, new vscode.Range(keyLine, 0, keyLine + 2, 0));
    assert.ok(await vscode.workspace.applyEdit(removal));
    await waitForDiagnostics(document.uri, 'no hallucinated-key after deleting the key, from the restarted server',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').length === 0);
    await replaceDocumentText(document, originalText);
    await waitForDiagnostics(document.uri, 'hallucinated-key again after restoring the key',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').some((d) => d.range.isEqual(keyRange(document, HALLUCINATED_KEY))));
  });
});
