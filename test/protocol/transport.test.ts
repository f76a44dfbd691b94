/**
 * The stdio transport after a malformed header block: the server drops the bad bytes, says so on stderr, and
 * answers the next well-framed request. Each shape is written in the same chunk as the request after it, as a
 * broken client's bytes would arrive, so nothing depends on the reader waiting for the next write.
 */
import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const URI = 'file:///workspace/App/App.entitlements';
const TEXT = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n';

function framed(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function hoverRequest(id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 3, character: 10 } } });
}

const BODY = JSON.stringify({ jsonrpc: '2.0', method: 'plistSentinel/noSuchNotification', params: {} });

/** Each malformed shape, the bytes before a well-framed request. */
const SHAPES: Array<[string, string]> = [
  ['a misspelled header name', `Content-Lenght: ${BODY.length}\r\n\r\n${BODY}`],
  ['a length that is not a number', `Content-Length: abc\r\n\r\n${BODY}`],
  ['a negative length', `Content-Length: -5\r\n\r\n${BODY}`],
  ['two Content-Length headers', `Content-Length: ${BODY.length}\r\nContent-Length: 3\r\n\r\n${BODY}`],
  ['a body with no header', BODY],
  ['a length past the body', `Content-Length: ${BODY.length + 500}\r\n\r\n${BODY}`],
  ['a length 10 bytes past the body (into the next header)', `Content-Length: ${BODY.length + 10}\r\n\r\n${BODY}`],
  ['a length 19 bytes past the body (into the next header)', `Content-Length: ${BODY.length + 19}\r\n\r\n${BODY}`],
  ['a header line without a colon', `Content-Length ${BODY.length}\r\n\r\n${BODY}`],
  ['a length shorter than the body', `Content-Length: 7\r\n\r\n${BODY}`],
  ['a length of a terabyte', `Content-Length: 999999999999\r\n\r\n${BODY}`],
  ['an unknown header 20 KB long', `X-Padding: ${'x'.repeat(20_000)}\r\n`],
];

describe('stdio transport after a malformed header', function () {
  this.timeout(30_000);
  let client: TestClient;
  let nextId = 1_000_000;
  before(async () => {
    client = await startClient(PULL_CAPABILITIES);
    await client.open(URI, 'entitlements', TEXT);
  });
  after(async () => {
    await client.shutdown();
  });

  /** Writes `bytes` and a hover request in one chunk; resolves with the hover's answer. */
  async function answerAfter(bytes: string): Promise<Hover | null> {
    const id = nextId++;
    const answered = new Promise<Hover | null>((resolve) => {
      let text = '';
      const onData = (chunk: Buffer): void => {
        text += chunk.toString('utf8');
        const match = new RegExp(`"id":${id},"result":(.*?)\\}(?:Content-Length|$)`).exec(text);
        if (match !== null) {
          client.process.stdout.off('data', onData);
          resolve(JSON.parse(`${match[1] ?? 'null'}`) as Hover | null);
        }
      };
      client.process.stdout.on('data', onData);
    });
    client.process.stdin.write(bytes + framed(hoverRequest(id)));
    return answered;
  }

  for (const [name, bytes] of SHAPES) {
    it(`answers the next request after ${name}`, async () => {
      const hover = await answerAfter(bytes);
      assert.ok(hover !== null, 'the hover after the bad block is answered');
      assert.equal(client.process.exitCode, null);
      // The connection is still in step: a request through the client's own framing is answered too.
      const again = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 3, character: 10 } });
      assert.ok(again !== null);
    });
  }

  it('says on stderr what it dropped', () => {
    assert.match(client.stderr(), /Dropped \d+ bytes of input: a header block without exactly one valid Content-Length/);
    assert.match(client.stderr(), /runs past its body/);
  });
});
