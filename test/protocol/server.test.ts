/**
 * The real server over JSON-RPC: open a file, get diagnostics (pulled and pushed), hover, code actions, and a
 * settings change, the way any LSP editor drives it.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { eventually, PULL_CAPABILITIES, PUSH_CAPABILITIES, startClient, type TestClient } from './lspClient';

const ENTITLEMENTS_URI = 'file:///workspace/App/App.entitlements';
const INFO_PLIST_URI = 'file:///workspace/App/Info.plist';
const HALLUCINATED = 'com.apple.developer.push-notifications';

const ENTITLEMENTS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>${HALLUCINATED}</key>
	<string>development</string>
	<key>com.apple.security.application-groups</key>
	<array>
		<string>group.com.example.app</string>
	</array>
</dict>
</plist>
`;

function coveredText(text: string, diagnostic: Diagnostic): string {
  const document = TextDocument.create('file:///x', 'plist', 1, text);
  return text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
}

async function pullDiagnostics(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

describe('language server over stdio', () => {
  describe('with pull diagnostics', () => {
    let client: TestClient;
    before(async () => {
      client = await startClient(PULL_CAPABILITIES);
    });
    after(async () => {
      await client.shutdown();
    });

    it('reports a hallucinated key on the key text', async () => {
      await client.open(ENTITLEMENTS_URI, 'entitlements', ENTITLEMENTS);
      const diagnostics = await pullDiagnostics(client, ENTITLEMENTS_URI);
      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
      const [diagnostic] = diagnostics as [Diagnostic];
      assert.equal(diagnostic.code, 'hallucinated-key');
      assert.equal(diagnostic.source, 'plist-sentinel');
      assert.equal(diagnostic.severity, 1);
      assert.equal(coveredText(ENTITLEMENTS, diagnostic), HALLUCINATED);
      assert.match(diagnostic.codeDescription?.href ?? '', /^https:\/\/developer\.apple\.com\//);
      assert.match(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, /aps-environment/);
    });

    it('answers hover on a key with its docs', async () => {
      const line = ENTITLEMENTS.split('\n').findIndex((text) => text.includes('application-groups'));
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: ENTITLEMENTS_URI }, position: { line, character: 12 } });
      assert.ok(hover !== null);
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, 'markdown');
      assert.match(contents.value, /com\.apple\.security\.application-groups/);
      assert.match(contents.value, /\(https:\/\/developer\.apple\.com\/[^)]+\)/);
    });

    it('offers a quick fix that replaces the key, and the result is clean', async () => {
      const diagnostics = await pullDiagnostics(client, ENTITLEMENTS_URI);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: ENTITLEMENTS_URI },
        range: diagnostics[0]?.range,
        context: { diagnostics, only: ['quickfix'] },
      });
      const preferred = actions.find((action) => action.isPreferred === true);
      assert.ok(preferred, JSON.stringify(actions.map((action) => action.title)));
      assert.equal(preferred.title, "Change to 'aps-environment'");
      const edits = preferred.edit?.changes?.[ENTITLEMENTS_URI] ?? [];
      const fixed = TextDocument.applyEdits(TextDocument.create(ENTITLEMENTS_URI, 'entitlements', 1, ENTITLEMENTS), edits);
      assert.equal(fixed, ENTITLEMENTS.replace(HALLUCINATED, 'aps-environment'));

      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: ENTITLEMENTS_URI, version: 2 },
        contentChanges: [{ text: fixed }],
      });
      assert.deepEqual(await pullDiagnostics(client, ENTITLEMENTS_URI), []);
    });

    it('applies a severity override after a configuration change', async () => {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: ENTITLEMENTS_URI, version: 3 },
        contentChanges: [{ text: ENTITLEMENTS }],
      });
      client.settings = { severity: { 'hallucinated-key': 'warning' } };
      const refreshesBefore = client.refreshCount;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await eventually(() => client.refreshCount > refreshesBefore, 'workspace/diagnostic/refresh');
      const [diagnostic] = await pullDiagnostics(client, ENTITLEMENTS_URI);
      assert.equal(diagnostic?.code, 'hallucinated-key');
      assert.equal(diagnostic?.severity, 2);

      client.settings = { severity: { 'hallucinated-key': 'off' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await eventually(() => client.refreshCount > refreshesBefore + 1, 'a second refresh');
      assert.deepEqual(await pullDiagnostics(client, ENTITLEMENTS_URI), []);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    });

    it('still answers hover and diagnostics on a half-typed file', async () => {
      const text = ENTITLEMENTS.replace('</dict>\n</plist>\n', '\t<key>com.apple.developer.');
      const uri = 'file:///workspace/App/HalfTyped.entitlements';
      await client.open(uri, 'entitlements', text);
      const diagnostics = await pullDiagnostics(client, uri);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'plist-syntax'), JSON.stringify(diagnostics));
      assert.ok(diagnostics.every((diagnostic) => diagnostic.range.start.line > 0));
      const line = text.split('\n').findIndex((lineText) => lineText.includes('application-groups'));
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 12 } });
      assert.ok(hover !== null);
    });

    it('ignores files that are neither kind', async () => {
      const uri = 'file:///workspace/App/Other.plist';
      await client.open(uri, 'xml', ENTITLEMENTS);
      assert.deepEqual(await pullDiagnostics(client, uri), []);
    });
  });

  describe('with pushed diagnostics (editors without pull support)', () => {
    let client: TestClient;
    before(async () => {
      client = await startClient(PUSH_CAPABILITIES);
    });
    after(async () => {
      await client.shutdown();
    });

    it('publishes diagnostics for an opened Info.plist, with related information for duplicates', async () => {
      const text = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>NSCameraUsageDescriptions</key>
	<string>Scan documents</string>
	<key>CFBundleName</key>
	<string>App</string>
	<key>CFBundleName</key>
	<string>App again</string>
</dict>
</plist>
`;
      const published = client.nextPublished(INFO_PLIST_URI, (params) => params.diagnostics.length > 0);
      await client.open(INFO_PLIST_URI, 'info-plist', text);
      const { diagnostics, version } = await published;
      assert.equal(version, 1);
      const codes = diagnostics.map((diagnostic) => `${String(diagnostic.code)}:${coveredText(text, diagnostic)}`).sort();
      assert.deepEqual(codes, ['duplicate-key:CFBundleName', 'unknown-key:NSCameraUsageDescriptions']);
      const duplicate = diagnostics.find((diagnostic) => diagnostic.code === 'duplicate-key');
      assert.equal(duplicate?.range.start.line, 7);
      assert.equal(duplicate?.relatedInformation?.[0]?.location.range.start.line, 5);
    });

    it('publishes for the latest version only while the user types', async () => {
      const uri = 'file:///workspace/App/Typing.entitlements';
      const finalText = ENTITLEMENTS;
      await client.open(uri, 'entitlements', '');
      let version = 1;
      for (let length = 1; length <= 200; length++) {
        version++;
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ text: finalText.slice(0, length) }],
        });
      }
      version++;
      const last = client.nextPublished(uri, (params) => params.version === version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: finalText }] });
      const { diagnostics } = await last;
      assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['hallucinated-key']);
      const forUri = client.published.filter((params) => params.uri === uri);
      assert.ok(forUri.length < 20, `debouncing should publish a handful of times, not ${forUri.length}`);
      assert.ok(forUri.every((params, index) => index === 0 || (params.version ?? 0) >= (forUri[index - 1]?.version ?? 0)));
    });
  });
});
