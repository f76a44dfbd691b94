/**
 * Privacy manifests through the real server and the CLI: a PrivacyInfo.xcprivacy beside Swift sources gets the
 * wrong-reason and ITMS-91053 findings over JSON-RPC, the missing category's fix applies and clears it, and
 * `plist-sentinel check` finds the manifest in a folder and reports the same.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fileUri } from '../../server/src/targetResolver';
import { BIN, PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>NSPrivacyAccessedAPITypes</key>
	<array>
		<dict>
			<key>NSPrivacyAccessedAPIType</key>
			<string>NSPrivacyAccessedAPICategoryUserDefaults</string>
			<key>NSPrivacyAccessedAPITypeReasons</key>
			<array>
				<string>C617.1</string>
			</array>
		</dict>
	</array>
</dict>
</plist>
`;

const SWIFT = 'import Foundation\n\nlet launches = UserDefaults.standard.integer(forKey: "launches")\nlet uptime = ProcessInfo.processInfo.systemUptime\n';

function makeWorkspace(): string {
  const workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-privacy-'));
  mkdirSync(path.join(workspace, 'App'));
  writeFileSync(path.join(workspace, 'App', 'PrivacyInfo.xcprivacy'), MANIFEST);
  writeFileSync(path.join(workspace, 'App', 'Launch.swift'), SWIFT);
  return workspace;
}

describe('privacy manifest (server and CLI)', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });

  it('reports a wrong reason and a used, undeclared category over JSON-RPC, and the fix adds the category', async () => {
    const workspace = makeWorkspace();
    client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(workspace) });
    const uri = fileUri(path.join(workspace, 'App', 'PrivacyInfo.xcprivacy'));
    await client.open(uri, 'privacy-manifest', MANIFEST);
    const pull = async () => ((await client!.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    const diagnostics = await pull();
    const document = TextDocument.create(uri, 'privacy-manifest', 1, MANIFEST);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, document.getText(diagnostic.range)]), [
      ['missing-api-declaration', 'NSPrivacyAccessedAPITypes'],
      ['invalid-value', 'C617.1'],
    ]);
    const missing = diagnostics[0] as Diagnostic;
    const message = typeof missing.message === 'string' ? missing.message : missing.message.value;
    assert.ok(message.includes('App/Launch.swift:4'), message);
    assert.ok(message.includes('NSPrivacyAccessedAPICategorySystemBootTime'), message);

    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
    const fix = actions.find((action) => action.title === "Add 'NSPrivacyAccessedAPICategorySystemBootTime' to PrivacyInfo.xcprivacy");
    assert.ok(fix?.edit?.changes?.[uri] !== undefined, JSON.stringify(actions.map((action) => action.title)));
    const fixed = TextDocument.applyEdits(document, fix.edit.changes[uri]);
    assert.ok(fixed.includes('<string>NSPrivacyAccessedAPICategorySystemBootTime</string>\n\t\t\t<key>NSPrivacyAccessedAPITypeReasons</key>\n\t\t\t<array>\n\t\t\t\t<string>35F9.1</string>'), fixed);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual((await pull()).map((diagnostic) => diagnostic.code), ['invalid-value']);
  });

  it('is found and checked by `plist-sentinel check`, with the sources beside it', () => {
    const workspace = makeWorkspace();
    const result = spawnSync(process.execPath, [BIN, 'check', 'App'], { encoding: 'utf8', cwd: workspace });
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.some((line) => line.startsWith('App/PrivacyInfo.xcprivacy:5:7: error missing-api-declaration') && line.includes('App/Launch.swift:4')), result.stdout);
    assert.ok(lines.some((line) => line.startsWith('App/PrivacyInfo.xcprivacy:12:13: error invalid-value')), result.stdout);
  });
});
