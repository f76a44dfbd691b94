/**
 * The one refresh path, through the real server: a project or companion file changing on disk re-pushes
 * diagnostics to a client without pull diagnostics and asks a pull client to pull again; a handler that throws
 * answers with a ResponseError and the server keeps serving.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentDiagnosticReport, DocumentSymbol } from 'vscode-languageserver-protocol';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { startServer } from '../../server/src/startServer';
import { fileUri } from '../../server/src/targetResolver';
import { eventually, PULL_CAPABILITIES, PUSH_CAPABILITIES, startClient } from './lspClient';

const SAMPLE = path.resolve(__dirname, '..', 'fixtures', 'projects', 'Sample');
const CAMERA_PURPOSE = '\t<key>NSCameraUsageDescription</key>\n\t<string>Scans documents.</string>\n</dict>';

function copyOfSample(): { folder: string; entitlements: string; infoPlist: string; project: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-refresh-'));
  cpSync(SAMPLE, folder, { recursive: true });
  return {
    folder,
    entitlements: path.join(folder, 'MacApp', 'MacApp.entitlements'),
    infoPlist: path.join(folder, 'MacApp', 'Info.plist'),
    project: path.join(folder, 'Sample.xcodeproj', 'project.pbxproj'),
  };
}

const codesOf = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((diagnostic) => String(diagnostic.code)).sort();

describe('refresh after a watched file changes', function () {
  this.timeout(60_000);

  it('re-pushes diagnostics to a push client when the companion Info.plist and then the project change on disk', async () => {
    const sample = copyOfSample();
    const client = await startClient(PUSH_CAPABILITIES, { rootUri: fileUri(sample.folder) });
    try {
      const uri = fileUri(sample.entitlements);
      const first = client.nextPublished(uri);
      await client.open(uri, 'entitlements', readFileSync(sample.entitlements, 'utf8'));
      const before = codesOf((await first).diagnostics);
      assert.ok(before.includes('missing-companion'), JSON.stringify(before));
      assert.ok(before.includes('platform-mismatch'), JSON.stringify(before));

      writeFileSync(sample.infoPlist, readFileSync(sample.infoPlist, 'utf8').replace('</dict>', CAMERA_PURPOSE));
      const afterCompanion = client.nextPublished(uri, (params) => !codesOf(params.diagnostics).includes('missing-companion'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(sample.infoPlist), type: 2 }] });
      assert.ok(codesOf((await afterCompanion).diagnostics).includes('platform-mismatch'));

      writeFileSync(sample.project, readFileSync(sample.project, 'utf8').replace('SDKROOT = macosx;', 'SDKROOT = iphoneos;'));
      // As an iOS target the sandbox key is the one out of place, beside the renamed push key.
      const mismatches = (diagnostics: readonly Diagnostic[]) => codesOf(diagnostics).filter((code) => code === 'platform-mismatch').length;
      assert.equal(mismatches((await first).diagnostics), 1);
      const afterProject = client.nextPublished(uri, (params) => mismatches(params.diagnostics) === 2);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(sample.project), type: 2 }] });
      assert.deepEqual(codesOf((await afterProject).diagnostics), ['platform-mismatch', 'platform-mismatch']);
    } finally {
      await client.shutdown();
      rmSync(sample.folder, { recursive: true, force: true });
    }
  });

  it('asks a pull client to pull again when the companion changes on disk, and the next pull sees it', async () => {
    const sample = copyOfSample();
    const client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(sample.folder) });
    const pull = async (uri: string): Promise<string[]> => {
      const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return codesOf(report.kind === 'full' ? report.items : []);
    };
    try {
      const uri = fileUri(sample.entitlements);
      await client.open(uri, 'entitlements', readFileSync(sample.entitlements, 'utf8'));
      assert.ok((await pull(uri)).includes('missing-companion'));
      writeFileSync(sample.infoPlist, readFileSync(sample.infoPlist, 'utf8').replace('</dict>', CAMERA_PURPOSE));
      const refreshes = client.refreshCount;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(sample.infoPlist), type: 2 }] });
      await eventually(() => client.refreshCount > refreshes, 'workspace/diagnostic/refresh');
      assert.ok(!(await pull(uri)).includes('missing-companion'));
      assert.equal(client.published.length, 0, 'a pull client is never pushed to');
    } finally {
      await client.shutdown();
      rmSync(sample.folder, { recursive: true, force: true });
    }
  });
});

describe('a handler that fails', () => {
  it('answers with a ResponseError, logs the stack, and the server keeps serving', async () => {
    const service = createLanguageService(CATALOG);
    const failing = { ...service, hover: () => { throw new Error('hover broke on purpose'); } };
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(fromServer)), failing);
    const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    const logged: string[] = [];
    client.onNotification('window/logMessage', (params: { message: string }) => void logged.push(params.message));
    client.listen();
    try {
      await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await client.sendNotification('initialized', {});
      const uri = 'file:///workspace/App/App.entitlements';
      const text = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n';
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'entitlements', version: 1, text } });
      const failure = await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } }).then(() => undefined, (error: unknown) => error);
      assert.ok(failure instanceof ResponseError, `expected a ResponseError, got ${String(failure)}`);
      assert.equal(failure.code, -32803);
      assert.match(failure.message, /hover .*App\.entitlements failed: hover broke on purpose/);
      await eventually(() => logged.some((message) => message.includes('hover broke on purpose') && message.includes('at ')), 'the logged stack');
      const symbols = await client.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.map((symbol) => symbol.name), ['com.apple.security.app-sandbox']);
    } finally {
      client.dispose();
      toServer.end();
    }
  });
});
