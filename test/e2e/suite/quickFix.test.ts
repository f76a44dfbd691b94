import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, keyRange, openFixture, replaceDocumentText, waitForDiagnostics } from '../helpers';

const HALLUCINATED_KEY = 'com.apple.developer.push-notifications';
const REAL_KEY = 'aps-environment';

describe('quick fix', () => {
  let document: vscode.TextDocument;
  let originalText: string;

  before(async () => {
    document = await openFixture('App/App.entitlements');
    originalText = document.getText();
  });

  after(async () => {
    if (document.getText() !== originalText) await replaceDocumentText(document, originalText);
    await waitForDiagnostics(document.uri, 'the fixture diagnostic back after restoring the text',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').length === 1);
  });

  it(`changes a hallucinated key to '${REAL_KEY}' and clears the diagnostic`, async () => {
    // Wait for a diagnostic that covers the key in the text as it is now: right after an earlier suite restores
    // the file, the editor may still hold the diagnostics of the edited version for a moment.
    const [diagnostic] = await waitForDiagnostics(document.uri, 'a hallucinated-key diagnostic on the key as it is now',
      () => {
        const found = diagnosticsWithCode(document.uri, 'hallucinated-key').filter((candidate) => document.getText(candidate.range) === HALLUCINATED_KEY);
        return found.length > 0 && found;
      });
    assert.ok(diagnostic);

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    // A plain Command has a string `command`; a CodeAction's `command`, if any, is an object.
    const codeActions = (actions ?? []).filter((action): action is vscode.CodeAction => typeof action.command !== 'string');
    const title = `Change to '${REAL_KEY}'`;
    const fix = codeActions.find((action) => action.title === title);
    assert.ok(fix, `no '${title}' among the quick fixes: ${JSON.stringify(codeActions.map((action) => action.title))} for ${JSON.stringify(diagnostic)} in version ${document.version}`);
    assert.strictEqual(fix.isPreferred, true, 'the best suggestion is the preferred fix');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind is ${fix.kind?.value}`);
    assert.ok(fix.edit, 'the fix carries a workspace edit');

    const keyStart = document.offsetAt(keyRange(document, HALLUCINATED_KEY).start);
    const expectedText = originalText.slice(0, keyStart) + REAL_KEY + originalText.slice(keyStart + HALLUCINATED_KEY.length);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the fix');
    assert.strictEqual(document.getText(), expectedText);

    await waitForDiagnostics(document.uri, 'no hallucinated-key diagnostic after the fix',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').length === 0);
  });
});
