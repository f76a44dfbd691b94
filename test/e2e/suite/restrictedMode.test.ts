import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, EXTENSION_ID, fixtureUri, openFixture, waitForActivation, waitForDiagnostics } from '../helpers';

// Runs alone, in its own code-server with workspace trust on and the workspace not trusted (scripts/e2e/run.sh,
// stage "restricted"). The workspace's settings there set a severity (honoured) and profilePaths (restricted).
describe('restricted mode', () => {
  it('runs in a workspace that is not trusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the restricted stage must open an untrusted workspace');
  });

  it('activates and reports diagnostics', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
    const document = await openFixture('App/App.entitlements');
    assert.strictEqual(document.languageId, 'entitlements');
    await waitForActivation(extension);
    await waitForDiagnostics(document.uri, 'a hallucinated-key diagnostic in Restricted Mode',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').length > 0);
  });

  it('honours the workspace severity but not the workspace profilePaths', async () => {
    const document = await openFixture('App/App.entitlements');
    await waitForDiagnostics(document.uri, 'hallucinated-key as a Warning, from the workspace settings',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').some((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    // VS Code drops a restricted setting from an untrusted workspace's configuration altogether, so the file is
    // read to prove that it does set one.
    const settingsFile = fixtureUri('.vscode/settings.json');
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(settingsFile))) as Record<string, unknown>;
    assert.deepStrictEqual(written['plistSentinel.profilePaths'], ['/etc'], 'the stage writes a workspace profilePaths');
    const configuration = vscode.workspace.getConfiguration('plistSentinel', document.uri);
    assert.deepStrictEqual(configuration.get('profilePaths'), [], 'profilePaths from an untrusted workspace must not apply');
    assert.strictEqual(configuration.inspect('profilePaths')?.workspaceValue, undefined);
  });

  it('has Restart Server and Show Output', async () => {
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('plistSentinel.restartServer'));
    assert.ok(registered.includes('plistSentinel.showOutput'));
  });
});
