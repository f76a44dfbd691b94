/**
 * Target inference through the real server: a workspace holding an Xcode project, files matched to their targets,
 * the platform and App Clip rules, and fixes that edit the target's other file.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { parsePlist } from '../../server/src/service/plist/parser';
import { fileUri } from '../../server/src/targetResolver';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const SAMPLE = path.resolve(__dirname, '..', 'fixtures', 'projects', 'Sample');

function fixture(relative: string): { uri: string; text: string } {
  const file = path.join(SAMPLE, relative);
  return { uri: fileUri(file), text: readFileSync(file, 'utf8') };
}

function covered(text: string, diagnostic: Diagnostic): string {
  const document = TextDocument.create('file:///x', 'plist', 1, text);
  return text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
}

describe('target inference over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(SAMPLE) });
  });
  after(async () => {
    await client.shutdown();
  });

  async function diagnose(relative: string, languageId: string): Promise<{ uri: string; text: string; diagnostics: Diagnostic[] }> {
    const { uri, text } = fixture(relative);
    await client.open(uri, languageId, text);
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    return { uri, text, diagnostics: report.kind === 'full' ? report.items : [] };
  }

  it('flags an iOS key in the macOS target the project names, and renames it', async () => {
    const { uri, text, diagnostics } = await diagnose('MacApp/MacApp.entitlements', 'entitlements');
    const mismatch = diagnostics.find((diagnostic) => diagnostic.code === 'platform-mismatch');
    assert.ok(mismatch, JSON.stringify(diagnostics));
    assert.equal(covered(text, mismatch), 'aps-environment');
    assert.equal(mismatch.severity, 2);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch] } });
    const rename = actions.find((action) => action.title === "Change to 'com.apple.developer.aps-environment'");
    assert.ok(rename, JSON.stringify(actions.map((action) => action.title)));
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'entitlements', 1, text), rename.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, text.replace('<key>aps-environment</key>', '<key>com.apple.developer.aps-environment</key>'));
  });

  it('adds the missing purpose string to the paired Info.plist in one workspace edit', async () => {
    const { uri, diagnostics } = await diagnose('MacApp/MacApp.entitlements', 'entitlements');
    const missing = diagnostics.find((diagnostic) => diagnostic.code === 'missing-companion');
    assert.ok(missing, JSON.stringify(diagnostics));
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
    const add = actions.find((action) => action.title === "Add 'NSCameraUsageDescription' to Info.plist");
    assert.ok(add, JSON.stringify(actions.map((action) => action.title)));
    const infoPlist = fixture('MacApp/Info.plist');
    const edits = add.edit?.changes?.[infoPlist.uri];
    assert.ok(edits !== undefined, `the fix edits ${Object.keys(add.edit?.changes ?? {}).join(', ')}`);
    const fixed = TextDocument.applyEdits(TextDocument.create(infoPlist.uri, 'info-plist', 1, infoPlist.text), edits);
    const parsed = parsePlist(fixed);
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.root?.kind === 'dict' && parsed.root.entries.some((entry) => entry.key.text === 'NSCameraUsageDescription'));
  });

  it('counts Info.plist keys generated from INFOPLIST_KEY_ build settings', async () => {
    const { diagnostics } = await diagnose('MyApp/MyApp.entitlements', 'entitlements');
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['missing-companion']);
    assert.match(JSON.stringify(diagnostics[0]?.message), /NFCReaderUsageDescription/);
  });

  it('applies the App Clip rules to the App Clip target', async () => {
    const { text, diagnostics } = await diagnose('MyClip/MyClip.entitlements', 'entitlements');
    const clip = diagnostics.filter((diagnostic) => diagnostic.code === 'app-clip-unsupported').map((diagnostic) => covered(text, diagnostic));
    assert.deepEqual(clip, ['com.apple.developer.healthkit', 'CloudKit']);
  });

  it('does not flag a Mac Catalyst target for keys valid on one of its platforms', async () => {
    const { diagnostics } = await diagnose('Catalyst/Catalyst.entitlements', 'entitlements');
    assert.deepEqual(diagnostics, []);
  });

  it('narrows a file to the platforms its setting covers when an [sdk=...] variant takes the others', async () => {
    assert.deepEqual((await diagnose('Shared/Shared.entitlements', 'entitlements')).diagnostics, []);
    assert.deepEqual((await diagnose('Shared/Shared-macOS.entitlements', 'entitlements')).diagnostics, []);
  });

  it('says on the root what it inferred and why', async () => {
    const { uri, text } = fixture('MyClip/MyClip.entitlements');
    const line = text.split('\n').findIndex((lineText) => lineText.startsWith('<dict>'));
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
    const value = ((hover?.contents as MarkupContent | undefined)?.value ?? '').replace(/\\(.)/g, '$1');
    assert.match(value, /MyClip/);
    assert.match(value, /App Clip/);
    assert.match(value, /CODE_SIGN_ENTITLEMENTS/);
    assert.match(value, /Sample\.xcodeproj/);
  });
});
