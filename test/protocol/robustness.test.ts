/**
 * The real server keeps serving whatever arrives: malformed JSON, messages that are not JSON-RPC, unknown methods,
 * known methods with nonsense parameters, edits to documents it never saw, cancelled requests, and hostile
 * documents. After each, a normal request still gets a normal answer. The CLI gives clear messages for files that
 * are not text plists.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { billionLaughs, binaryPlistBytes, deepNesting, externalEntities, hugePlist, invalidUtf8Bytes } from '../fuzz/hostileInputs';
import { BIN, PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const URI = 'file:///workspace/App/App.entitlements';
const TEXT = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>com.apple.developer.push-notifications</key>
	<string>development</string>
	<key>com.apple.security.app-sandbox</key>
	<true/>
</dict>
</plist>
`;

function messageOf(diagnostic: Diagnostic | undefined): string {
  const message = diagnostic?.message ?? '';
  return typeof message === 'string' ? message : message.value;
}

async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  return report.kind === 'full' ? report.items : [];
}

/** A normal request gets a normal answer: the server is still up and still right. */
async function assertServing(client: TestClient): Promise<void> {
  assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr()}`);
  const diagnostics = await pull(client, URI);
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['hallucinated-key']);
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 10 } });
  assert.ok(hover !== null, 'hover on a key still answers');
}

/** Writes raw bytes to the server, framed with a Content-Length header (or not, when `header` is given). */
async function writeRaw(client: TestClient, body: string, header?: string): Promise<void> {
  const framed = header ?? `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  await new Promise<void>((resolve, reject) => client.process.stdin.write(framed + body, (error) => (error ? reject(error) : resolve())));
}

/** The error code a request was answered with, or `undefined` when it succeeded. */
async function errorCodeOf(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await request;
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `expected a JSON-RPC error, got ${String(error)}`);
    return error.code;
  }
}

describe('server robustness', function () {
  this.timeout(60_000);
  let client: TestClient;
  before(async () => {
    client = await startClient(PULL_CAPABILITIES);
    await client.open(URI, 'entitlements', TEXT);
  });
  after(async () => {
    await client.shutdown();
  });

  it('survives bodies that are not JSON, and JSON that is not JSON-RPC', async () => {
    for (const body of ['{not json', '', '\u0000\u0001\u0002', '{"jsonrpc":"2.0","id":', '{"foo":1}', '[]', '42', 'null', '"text"', '{"jsonrpc":"2.0","method":5}', '{"jsonrpc":"2.0","id":987654,"result":null}', '{"jsonrpc":"1.0","id":1,"method":"initialize"}']) {
      await writeRaw(client, body);
    }
    await assertServing(client);
  });

  it('survives header blocks without a usable Content-Length', async () => {
    // vscode-jsonrpc drops such a block and waits for the next bytes before reading what follows it in the same
    // chunk, so each block is written on its own here, as a broken client's writes would arrive.
    await writeRaw(client, '', 'X-Nonsense: 1\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeRaw(client, '', 'Content-Length: lots\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await assertServing(client);
  });

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    assert.equal(await errorCodeOf(client.connection.sendRequest('plistSentinel/noSuchMethod', { a: 1 })), -32601);
    await client.connection.sendNotification('plistSentinel/noSuchNotification', { a: 1 });
    await client.connection.sendNotification('$/noSuchProtocolNotification', null);
    await assertServing(client);
  });

  it('answers known requests with nonsense parameters with an error or an empty answer, never by dying', async () => {
    const nonsense: Array<[string, unknown]> = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: URI } }],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -5, character: 1e12 } }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: 'here' }],
      ['textDocument/completion', { textDocument: { uri: URI }, position: { line: 1e9, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri: URI } }],
      ['textDocument/codeAction', { textDocument: { uri: URI }, range: null, context: { diagnostics: [{ source: 'plist-sentinel', code: 'unknown-key', range: null, data: { replacements: [7, null] } }] } }],
      ['textDocument/codeAction', { textDocument: { uri: URI }, context: { diagnostics: 'none' } }],
      ['textDocument/diagnostic', {}],
      ['textDocument/diagnostic', { textDocument: { uri: 'file:///never/opened.entitlements' } }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/foldingRange', { textDocument: { uri: 'not a uri' } }],
      ['textDocument/formatting', { textDocument: { uri: URI }, options: null }],
    ];
    for (const [method, params] of nonsense) {
      // Either an answer or a JSON-RPC error is fine; a dead server or a hung request is not.
      await errorCodeOf(client.connection.sendRequest(method, params));
    }
    await assertServing(client);
  });

  it('answers code actions for the well-formed diagnostics of a request that also holds a null, without an error', async () => {
    const [diagnostic] = await pull(client, URI);
    assert.ok(diagnostic !== undefined);
    const logged: string[] = [];
    client.connection.onNotification('window/logMessage', (params: { message: string }) => {
      logged.push(params.message);
    });
    const actions = await client.connection.sendRequest<Array<{ title: string }>>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [null, diagnostic, { range: null }, 7] },
    });
    assert.ok(actions.length > 0, 'the well-formed diagnostic still gets its fixes');
    client.connection.onNotification('window/logMessage', () => undefined);
    assert.deepEqual(logged.filter((message) => /failed/.test(message)), []);
  });

  it('ignores edits to unknown documents and malformed edits, and keeps the document it has', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.entitlements', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: null, text: 'x' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: 'everything' });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never/opened.entitlements' } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///broken/A.entitlements', languageId: 'entitlements', version: 1, text: 12 } });
    await client.connection.sendNotification('textDocument/didOpen', null);
    await errorCodeOf(client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///broken/A.entitlements' } }));
    await assertServing(client);
  });

  it('answers a request cancelled before it runs as cancelled', async () => {
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }, source.token);
    source.cancel();
    const code = await errorCodeOf(request);
    // Cancelled (-32800), or answered in full when the server had already finished: never anything else.
    assert.ok(code === undefined || code === -32800, `answered with ${String(code)}`);
    await assertServing(client);
  });

  it('checks hostile documents quickly, with a clear diagnostic, and keeps serving', async () => {
    const hostile: Array<[string, string, RegExp]> = [
      ['file:///hostile/Bomb-Info.plist', billionLaughs(1000), /Unknown entity '&lol9;'/],
      ['file:///hostile/Xxe-Info.plist', externalEntities(), /Unknown entity '&xxe;'/],
      ['file:///hostile/Deep-Info.plist', deepNesting(10_000, false), /Nesting deeper than/],
      ['file:///hostile/Huge-Info.plist', hugePlist(17 * 1024 * 1024), /too large/],
      ['file:///hostile/Utf8-Info.plist', invalidUtf8Bytes().toString('utf8'), /Invalid UTF-8/],
      ['file:///hostile/Binary-Info.plist', binaryPlistBytes().toString('utf8'), /binary property list/],
    ];
    for (const [uri, text, expected] of hostile) {
      await client.open(uri, 'info-plist', text);
      const started = Date.now();
      const diagnostics = await pull(client, uri);
      assert.ok(Date.now() - started < 10_000, `${uri} took ${Date.now() - started} ms`);
      assert.ok(diagnostics.some((diagnostic) => expected.test(messageOf(diagnostic))), `${uri}: ${diagnostics.slice(0, 3).map(messageOf).join(' | ')}`);
      await errorCodeOf(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } }));
      await errorCodeOf(client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 5 } }));
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    await assertServing(client);
  });
});

describe('CLI on files that are not text plists', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-hostile-'));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function check(name: string, bytes: Buffer): { status: number | null; stdout: string; stderr: string } {
    const file = path.join(folder, name);
    writeFileSync(file, bytes);
    const result = spawnSync(process.execPath, [BIN, 'check', file], { encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('reads a binary plist, and says clearly when one is truncated', () => {
    const whole = check('Whole.entitlements', binaryPlistBytes());
    assert.ok(whole.status === 0 || whole.status === 1, `exit status ${String(whole.status)}`);
    const truncated = check('Truncated.entitlements', binaryPlistBytes().subarray(0, 20));
    assert.equal(truncated.status, 2);
    assert.match(truncated.stderr, /binary property list/);
  });

  it('says where the bytes are not UTF-8, and fails', () => {
    const result = check('Info.plist', invalidUtf8Bytes());
    assert.equal(result.status, 1);
    assert.match(result.stdout, /Info\.plist:\d+:\d+: error plist-syntax Invalid UTF-8/);
  });

  it('says once that a UTF-16 file is not UTF-8, and fails', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n</dict>\n</plist>\n';
    const result = check('Wide-Info.plist', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    assert.equal(result.status, 1);
    const errors = result.stdout.split('\n').filter((line) => / error /.test(line));
    assert.equal(errors.length, 1, result.stdout);
    assert.match(errors[0] ?? '', /plist-syntax This file is UTF-16-encoded/);
  });

  it('refuses an over-size file with one clear error, quickly', () => {
    const started = Date.now();
    const result = check('Huge-Info.plist', Buffer.from(hugePlist(17 * 1024 * 1024)));
    assert.equal(result.status, 1);
    assert.match(result.stdout, /too large to check/);
    assert.ok(Date.now() - started < 15_000);
  });
});
