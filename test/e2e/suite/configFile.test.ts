import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, fixtureUri, openFixture, waitForDiagnostics } from '../helpers';

// The same `.plist-sentinel.json` the CLI reads (test/protocol/cliOptions.test.ts) changes the editor's findings:
// the server watches it, so writing, editing and deleting it re-checks the open file with no other action.
// The run works on a throwaway copy of the fixture workspace, so the file written here never reaches the checkout.
describe('configuration file', () => {
  const CODE = 'hallucinated-key';
  let document: vscode.TextDocument;
  let configUri: vscode.Uri;

  const writeConfig = (config: unknown): Thenable<void> => vscode.workspace.fs.writeFile(configUri, Buffer.from(`${JSON.stringify(config, null, 2)}\n`, 'utf8'));
  const withSeverity = (severity: vscode.DiagnosticSeverity) => (): vscode.Diagnostic[] | false => {
    const found = diagnosticsWithCode(document.uri, CODE);
    return found.length === 1 && found[0]?.severity === severity && found;
  };

  before(async () => {
    configUri = fixtureUri('.plist-sentinel.json');
    document = await openFixture('App/App.entitlements');
    await waitForDiagnostics(document.uri, `${CODE} as an Error (its default) before any configuration file`, withSeverity(vscode.DiagnosticSeverity.Error));
  });

  after(async () => {
    await vscode.workspace.fs.delete(configUri).then(undefined, () => undefined);
    await waitForDiagnostics(document.uri, `${CODE} back to an Error after the configuration file is gone`, withSeverity(vscode.DiagnosticSeverity.Error));
  });

  it('turns an Error into a Warning when the file sets the code to warning', async () => {
    await writeConfig({ severity: { [CODE]: 'warning' } });
    const [diagnostic] = await waitForDiagnostics(document.uri, `${CODE} as a Warning after writing .plist-sentinel.json`, withSeverity(vscode.DiagnosticSeverity.Warning));
    assert.ok(diagnostic);
  });

  it('hides the finding when the file is edited to turn the code off', async () => {
    await writeConfig({ severity: { [CODE]: 'off' } });
    await waitForDiagnostics(document.uri, `no ${CODE} after editing .plist-sentinel.json to turn it off`, () => diagnosticsWithCode(document.uri, CODE).length === 0);
  });

  it('brings the Error back when the file is deleted', async () => {
    await vscode.workspace.fs.delete(configUri);
    const [diagnostic] = await waitForDiagnostics(document.uri, `${CODE} as an Error again after deleting .plist-sentinel.json`, withSeverity(vscode.DiagnosticSeverity.Error));
    assert.ok(diagnostic);
  });
});
