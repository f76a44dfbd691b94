/**
 * Add Capability through the language server: the `plistSentinel/addCapability` request (the list for the quick
 * pick, then one capability's edits across both files) and the code action that adds a capability in place of an
 * invented key. The edits are applied and the results parsed with the plist package.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { ADD_CAPABILITY_METHOD, type AddCapabilityResult } from '../../shared/src/protocol';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const EXAMPLE = path.resolve(__dirname, '..', 'fixtures', 'example-workspace');

describe('Add Capability through the language server', () => {
  let folder: string;
  let client: TestClient;
  let plistPackage: { parse(text: string): unknown };
  const uriOf = (file: string) => pathToFileURL(path.join(folder, file)).toString();
  const read = (file: string) => readFileSync(path.join(folder, file), 'utf8');

  before(async () => {
    plistPackage = await import('plist');
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-cap-lsp-'));
    cpSync(EXAMPLE, folder, { recursive: true });
    client = await startClient(PULL_CAPABILITIES, { rootUri: pathToFileURL(folder).toString() });
    client.settings = { platform: 'iOS' };
  });
  after(async () => {
    await client.shutdown();
    rmSync(folder, { recursive: true, force: true });
  });

  const request = (params: unknown) => client.connection.sendRequest<AddCapabilityResult>(ADD_CAPABILITY_METHOD, params);

  it('lists the capabilities that fit the document\'s target, with what each writes and its approval', async () => {
    await client.open(uriOf('MyApp/Info.plist'), 'info-plist', read('MyApp/Info.plist'));
    const listed = await request({ documentUri: uriOf('MyApp/Info.plist') });
    assert.equal(listed.error, undefined);
    const push = listed.capabilities?.find((item) => item.id === 'push-notifications');
    assert.deepEqual(push?.writes, ['Entitlements: aps-environment', 'Entitlements: com.apple.developer.aps-environment']);
    assert.equal(listed.capabilities?.find((item) => item.id === 'family-controls')?.approvalRequired, true);
    assert.equal(listed.capabilities?.some((item) => item.id === 'app-sandbox'), false);
  });

  it('answers one capability with edits to both files, merged with what they hold', async () => {
    const result = await request({ documentUri: uriOf('MyApp/Info.plist'), capability: 'Siri' });
    assert.equal(result.title, 'Siri');
    const texts: Record<string, string> = { [uriOf('MyApp/MyApp.entitlements')]: read('MyApp/MyApp.entitlements'), [uriOf('MyApp/Info.plist')]: read('MyApp/Info.plist') };
    assert.deepEqual(result.changes?.map((change) => change.uri).sort(), Object.keys(texts).sort());
    for (const change of result.changes ?? []) {
      const after = TextDocument.applyEdits(TextDocument.create(change.uri, 'plist', 1, texts[change.uri] ?? ''), [...change.edits]);
      texts[change.uri] = after;
    }
    const entitlements = plistPackage.parse(texts[uriOf('MyApp/MyApp.entitlements')] ?? '') as Record<string, unknown>;
    assert.equal(entitlements['com.apple.developer.siri'], true);
    assert.equal(entitlements['com.apple.developer.healthkit'], true);
    const info = plistPackage.parse(texts[uriOf('MyApp/Info.plist')] ?? '') as Record<string, unknown>;
    assert.match(String(info.NSSiriUsageDescription), /^TODO: /);
    assert.deepEqual(info.UIBackgroundModes, ['remote-notification']);
  });

  it('says why a capability does not fit, and refuses a document outside the workspace', async () => {
    const mac = await request({ documentUri: uriOf('MyApp/Info.plist'), capability: 'App Sandbox' });
    assert.match(mac.error ?? '', /macOS/);
    const none = await request({});
    assert.match(none.error ?? '', /Open the target/);
  });

  it('offers "Add the Push Notifications capability instead" on the invented push key, replacing it', async () => {
    const uri = uriOf('MyApp/MyApp.entitlements');
    const text = read('MyApp/MyApp.entitlements');
    await client.open(uri, 'entitlements', text);
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const diagnostic = (report.kind === 'full' ? report.items : []).find((candidate: Diagnostic) => candidate.code === 'hallucinated-key');
    assert.ok(diagnostic);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const action = actions.find((candidate) => candidate.title === 'Add the Push Notifications capability instead');
    assert.ok(action, JSON.stringify(actions.map((candidate) => candidate.title)));
    const [own] = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
    assert.equal(own?.textDocument.uri, uri);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'entitlements', 1, text), (own?.edits ?? []) as TextEdit[]);
    const value = plistPackage.parse(after) as Record<string, unknown>;
    assert.equal(value['com.apple.developer.push-notifications'], undefined);
    assert.equal(value['aps-environment'], 'development');
    assert.deepEqual(value['com.apple.security.application-groups'], ['group.com.example.myapp']);
  });
});
