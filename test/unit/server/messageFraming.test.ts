import * as assert from 'node:assert/strict';
import { contentLengthOf, createFramingGuard } from '../../../server/src/messageFraming';

function framed(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** What the guard forwards for `input` written in chunks of `chunkSize` bytes, and what it reported. */
function through(input: string, chunkSize = Number.MAX_SAFE_INTEGER): { output: string; reports: string[] } {
  const reports: string[] = [];
  const guard = createFramingGuard((message) => reports.push(message));
  const output: Buffer[] = [];
  guard.on('data', (chunk: Buffer) => output.push(chunk));
  const bytes = Buffer.from(input, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += chunkSize) guard.write(bytes.subarray(offset, offset + chunkSize));
  return { output: Buffer.concat(output).toString('utf8'), reports };
}

describe('messageFraming', () => {
  const good = framed('{"jsonrpc":"2.0","id":1,"method":"x","params":{"text":"Content-Length: 5\\r\\n"}}');

  it('reads exactly one decimal Content-Length, whatever other headers there are', () => {
    assert.equal(contentLengthOf('Content-Length: 12'), 12);
    assert.equal(contentLengthOf('content-length:12\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8'), 12);
    for (const bad of ['Content-Lenght: 12', 'Content-Length: abc', 'Content-Length: -5', 'Content-Length: 1\r\nContent-Length: 1', 'Content-Length 12', '', 'Content-Length: 1e3']) {
      assert.equal(contentLengthOf(bad), undefined, bad);
    }
  });

  it('forwards well-framed messages byte for byte, in any chunking', () => {
    const input = good + framed('{"é":"ü"}') + good;
    for (const size of [1, 2, 7, 64, 1 << 20]) {
      const { output, reports } = through(input, size);
      assert.equal(output, input, `chunks of ${size}`);
      assert.deepEqual(reports, []);
    }
  });

  it('drops each malformed shape and resumes at the next message, in any chunking', () => {
    const body = '{"jsonrpc":"2.0","method":"n"}';
    const shapes = [
      `Content-Lenght: ${body.length}\r\n\r\n${body}`,
      `Content-Length: abc\r\n\r\n${body}`,
      `Content-Length: -5\r\n\r\n${body}`,
      `Content-Length: ${body.length}\r\nContent-Length: 3\r\n\r\n${body}`,
      body,
      `Content-Length: ${body.length + 500}\r\n\r\n${body}`,
      'garbage without any header end',
      '\r\n',
      '\r\n\r\n',
      `Content-Length: ${body.length}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ];
    for (const shape of shapes) {
      for (const size of [1, 5, 1 << 20]) {
        const { output, reports } = through(shape + good, size);
        assert.equal(output, good, `${JSON.stringify(shape)} in chunks of ${size}`);
        assert.ok(reports.length > 0, JSON.stringify(shape));
      }
    }
  });

  it('bounds what it keeps of bytes that never form a header', () => {
    const { output, reports } = through('x'.repeat(100_000) + good, 4096);
    assert.equal(output, good);
    assert.ok(reports.length > 0);
  });

  it('reads a large body in linear time', () => {
    const large = framed(`{"text":"${'a'.repeat(16 * 1024 * 1024)}"}`);
    const started = Date.now();
    const { output } = through(large, 65_536);
    assert.equal(output.length, large.length);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });
});
