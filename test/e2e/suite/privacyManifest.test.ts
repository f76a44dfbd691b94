import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, openFixture, replaceDocumentText, waitForDiagnostics } from '../helpers';

// C617.1 is a file timestamp reason; the fixture declares it for user defaults, whose first reason is CA92.1.
const WRONG_REASON = 'C617.1';
const RIGHT_REASON = 'CA92.1';

describe('privacy manifest', () => {
  let document: vscode.TextDocument;
  let originalText: string;

  before(async () => {
    document = await openFixture('App/PrivacyInfo.xcprivacy');
    originalText = document.getText();
  });

  after(async () => {
    if (document.getText() !== originalText) await replaceDocumentText(document, originalText);
  });

  it('gets the privacy-manifest language', () => {
    assert.strictEqual(document.languageId, 'privacy-manifest');
  });

  it(`flags a reason code of another category and fixes it to '${RIGHT_REASON}'`, async () => {
    const [diagnostic] = await waitForDiagnostics(document.uri, 'an invalid-value diagnostic on the reason code',
      () => {
        const found = diagnosticsWithCode(document.uri, 'invalid-value').filter((candidate) => document.getText(candidate.range) === WRONG_REASON);
        return found.length > 0 && found;
      });
    assert.ok(diagnostic);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic.message.includes('NSPrivacyAccessedAPICategoryFileTimestamp'), diagnostic.message);

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const codeActions = (actions ?? []).filter((action): action is vscode.CodeAction => typeof action.command !== 'string');
    const fix = codeActions.find((action) => action.title.includes(RIGHT_REASON));
    assert.ok(fix?.edit, `no fix to ${RIGHT_REASON} among ${JSON.stringify(codeActions.map((action) => action.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the fix');
    assert.strictEqual(document.getText(), originalText.replace(`<string>${WRONG_REASON}</string>`, `<string>${RIGHT_REASON}</string>`));

    await waitForDiagnostics(document.uri, 'no invalid-value diagnostic after the fix',
      () => diagnosticsWithCode(document.uri, 'invalid-value').length === 0);
  });

  it('shows the approved reasons of a category on hover', async () => {
    const offset = document.getText().indexOf('NSPrivacyAccessedAPICategoryUserDefaults') + 5;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
    const text = (hovers ?? []).flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    for (const code of ['CA92.1', '1C8F.1', 'AC6B.1']) assert.ok(text.includes(code), `hover lacks ${code}: ${text}`);
  });
});
