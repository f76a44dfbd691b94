import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWithCode, keyRange, openFixture, replaceDocumentText, showRange, SOURCE, waitForDiagnostics } from '../helpers';

const HALLUCINATED_KEY = 'com.apple.developer.push-notifications';

describe('diagnostics', () => {
  let document: vscode.TextDocument;
  let originalText: string;

  before(async () => {
    document = await openFixture('App/App.entitlements');
    originalText = document.getText();
  });

  afterEach(async () => {
    if (document.getText() !== originalText) await replaceDocumentText(document, originalText);
    await waitForDiagnostics(document.uri, 'the fixture diagnostic back after restoring the text',
      (diagnostics) => diagnostics.some((d) => d.range.isEqual(keyRange(document, HALLUCINATED_KEY))));
  });

  it('reports a hallucinated key on exactly the key text, as an Error', async () => {
    const expectedRange = keyRange(document, HALLUCINATED_KEY);
    const [diagnostic] = await waitForDiagnostics(document.uri, 'a hallucinated-key diagnostic',
      () => { const found = diagnosticsWithCode(document.uri, 'hallucinated-key'); return found.length > 0 && found; });

    assert.strictEqual(diagnosticsWithCode(document.uri, 'hallucinated-key').length, 1, 'one hallucinated key, one diagnostic');
    assert.ok(diagnostic);
    assert.strictEqual(diagnostic.source, SOURCE);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic.range.isEqual(expectedRange),
      `diagnostic at ${showRange(diagnostic.range)} covers '${document.getText(diagnostic.range)}', ` +
      `expected ${showRange(expectedRange)} ('${HALLUCINATED_KEY}')`);
    assert.ok(diagnostic.message.includes(HALLUCINATED_KEY), `the message names the key: ${diagnostic.message}`);
  });

  it('updates diagnostics when the file is edited', async () => {
    // Remove the hallucinated entry (its <key> line and its value line): the diagnostic must go away.
    const keyLine = keyRange(document, HALLUCINATED_KEY).start.line;
    const removal = new vscode.WorkspaceEdit();
    removal.delete(document.uri, new vscode.Range(keyLine, 0, keyLine + 2, 0));
    assert.ok(await vscode.workspace.applyEdit(removal));
    assert.ok(!document.getText().includes(HALLUCINATED_KEY));
    await waitForDiagnostics(document.uri, 'no hallucinated-key diagnostic after deleting the key',
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').length === 0);

    // Type it back elsewhere (just before </dict>): a diagnostic must appear on the new position.
    const closingDict = document.positionAt(document.getText().lastIndexOf('</dict>'));
    const insertion = new vscode.WorkspaceEdit();
    insertion.insert(document.uri, closingDict, `\t<key>${HALLUCINATED_KEY}</key>\n\t<string>production</string>\n`);
    assert.ok(await vscode.workspace.applyEdit(insertion));
    const movedRange = keyRange(document, HALLUCINATED_KEY);
    assert.ok(movedRange.start.line > keyLine, 'the key moved further down');
    await waitForDiagnostics(document.uri, `a hallucinated-key diagnostic at ${showRange(movedRange)}`,
      () => diagnosticsWithCode(document.uri, 'hallucinated-key').some((d) => d.range.isEqual(movedRange)));
  });
});
