/**
 * The editing features over JSON-RPC, the way any LSP editor drives them: completion, document symbols, folding
 * ranges and formatting, against the real executable.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, DocumentSymbol, FoldingRange, TextEdit } from 'vscode-languageserver-protocol';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
`;

const ENTITLEMENTS_URI = 'file:///workspace/App/App.entitlements';
/** Half-typed: completion must work on it. */
const ENTITLEMENTS = `${HEADER}<dict>
	<key>aps-environment</key>
	<string>production</string>
	<key>com.apple.developer.associated-dom`;

const INFO_PLIST_URI = 'file:///workspace/App/Info.plist';
const INFO_PLIST = `${HEADER}<dict>
    <key>CFBundleName</key>
    <string>App</string>
    <key>UIBackgroundModes</key>
    <array>
        <string>audio</string>
    </array>
</dict>
</plist>
`;

function positionOf(text: string, offset: number) {
  return TextDocument.create('file:///x', 'plist', 1, text).positionAt(offset);
}

describe('editing features over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient({ ...PULL_CAPABILITIES, textDocument: { ...PULL_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: true } } } });
    await client.open(ENTITLEMENTS_URI, 'entitlements', ENTITLEMENTS);
    await client.open(INFO_PLIST_URI, 'info-plist', INFO_PLIST);
  });
  after(async () => {
    await client.shutdown();
  });

  it('completes a half-typed key, replacing only what was typed', async () => {
    const list = await client.connection.sendRequest<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: ENTITLEMENTS_URI },
      position: positionOf(ENTITLEMENTS, ENTITLEMENTS.length),
      context: { triggerKind: 2, triggerCharacter: '.' },
    });
    assert.ok(list !== null);
    const item = list.items.find((candidate: CompletionItem) => candidate.label === 'com.apple.developer.associated-domains');
    assert.ok(item?.textEdit !== undefined && 'range' in item.textEdit);
    assert.ok(!list.items.some((candidate) => candidate.label === 'aps-environment'), 'a key already in the dict is not offered');
    const document = TextDocument.create(ENTITLEMENTS_URI, 'entitlements', 1, ENTITLEMENTS);
    const result = TextDocument.applyEdits(document, [item.textEdit]);
    assert.ok(result.endsWith('\t<key>com.apple.developer.associated-domains</key>\n\t<array>\n\t\t<string>applinks:${1:domain}</string>\n\t</array>'), result);
    assert.match(item.detail ?? '', /array of string/);
  });

  it('completes the values of an array item', async () => {
    const offset = INFO_PLIST.indexOf('audio') + 'audio'.length;
    const list = await client.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri: INFO_PLIST_URI }, position: positionOf(INFO_PLIST, offset) });
    const labels = list?.items.map((item) => item.label) ?? [];
    assert.ok(labels.includes('audio') && labels.includes('remote-notification'), JSON.stringify(labels));
  });

  it('answers document symbols as a tree', async () => {
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: INFO_PLIST_URI } });
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.detail]), [['CFBundleName', 'App'], ['UIBackgroundModes', 'Array (1 item)']]);
    assert.deepEqual(symbols[1]?.children?.map((symbol) => symbol.name), ['Item 0']);
  });

  it('answers folding ranges', async () => {
    const ranges = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: INFO_PLIST_URI } });
    assert.deepEqual(ranges.map((range) => [range.startLine, range.endLine]), [[3, 9], [7, 8]]);
  });

  it('formats to Xcode’s layout, and not a half-typed file', async () => {
    const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: INFO_PLIST_URI }, options: { tabSize: 4, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(INFO_PLIST_URI, 'info-plist', 1, INFO_PLIST), edits);
    assert.equal(formatted, `${HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t</array>\n</dict>\n</plist>\n`);
    const none = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: ENTITLEMENTS_URI }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(none, []);
  });

  it('answers for a document it was never sent with empty results', async () => {
    const uri = 'file:///workspace/App/Unknown.entitlements';
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.equal(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.equal(client.stderr(), '');
  });
});
