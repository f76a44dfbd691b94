/**
 * A guard in front of the server's stdin that passes on only well-framed messages (one header block with exactly
 * one decimal `Content-Length`, then that many bytes) and resynchronises on the next `Content-Length:` after
 * anything else. vscode-jsonrpc's reader keeps its place after a bad header block, so one broken block would
 * misalign every message after it.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** A header block that never ends is garbage, not a header: valid blocks are a few dozen bytes. */
const MAX_HEADER_BYTES = 8192;
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/**
 * Where a header starts again inside a body. Bodies are JSON, where these raw bytes cannot occur (letters outside a
 * string, a raw line break inside one), so finding them means the declared length ran past its body.
 */
const HEADER_START = /content-length:[ \t]*\d+[ \t]*\r\n/i;
/**
 * The start of a header line cut off at the end of a body: a length a few bytes past its body swallows the start
 * of the next message's header. A JSON-RPC body ends with `}` or `]`, never with these characters.
 */
const HEADER_START_AT_END = /c(?:o(?:n(?:t(?:e(?:n(?:t(?:-(?:l(?:e(?:n(?:g(?:t(?:h(?::[ \t]*\d*\r?)?)?)?)?)?)?)?)?)?)?)?)?)?)?$/i;
const HEADER_NAME = /content-length:/i;
const HEADER_LINE = /^[^\s:][^:]*:/;
/** Bytes of one body chunk kept to find a header start split across chunks; longer than any header line. */
const SCAN_OVERLAP = 64;

/** The body length a header block declares when it has exactly one decimal Content-Length, else `undefined`. */
export function contentLengthOf(headerBlock: string): number | undefined {
  let length: number | undefined;
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    // A second Content-Length is as ambiguous as none: which length the sender meant is unknown.
    if (length !== undefined) return undefined;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return undefined;
    length = Number(value);
  }
  return length;
}

interface PendingBody {
  readonly header: Buffer;
  readonly length: number;
  readonly chunks: Buffer[];
  received: number;
  /** The last bytes scanned, as latin1, so a header start split across two chunks is still found. */
  tail: string;
}

/** A Transform that forwards well-framed messages byte for byte and drops everything else, reporting each drop. */
export function createFramingGuard(report: (message: string) => void): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let body: PendingBody | undefined;

  function reportDrop(count: number, reason: string): void {
    report(`Dropped ${count} bytes of input: ${reason}; reading resumes at the next Content-Length header.`);
  }

  /** Reads header blocks from `pending` until one declares a body; false when more bytes are needed first. */
  function readHeader(): boolean {
    for (;;) {
      const headerEnd = pending.indexOf(HEADER_END);
      if (headerEnd === -1) {
        if (pending.length > MAX_HEADER_BYTES) {
          const start = pending.toString('latin1').search(HEADER_NAME);
          // Keep a tail that may be the beginning of the next header.
          const count = start > 0 ? start : pending.length - SCAN_OVERLAP;
          reportDrop(count, 'bytes without a header block');
          pending = pending.subarray(count);
        }
        return false;
      }
      const headerText = pending.toString('latin1', 0, headerEnd);
      const length = contentLengthOf(headerText);
      if (length !== undefined) {
        const bodyStart = headerEnd + HEADER_END.length;
        body = { header: pending.subarray(0, bodyStart), length, chunks: [], received: 0, tail: '' };
        pending = pending.subarray(bodyStart);
        return true;
      }
      // A body sent without a header, or stray bytes, run into the next message's header: resume at that header.
      // After lines that are all headers, the block itself is the bad one (a second length), so all of it goes.
      const next = headerText.slice(1).search(HEADER_NAME) + 1;
      const before = headerText.slice(0, next);
      const isAfterGarbage = next > 0 && (!before.endsWith('\r\n') || !before.split('\r\n').slice(0, -1).every((line) => HEADER_LINE.test(line)));
      const count = isAfterGarbage ? next : headerEnd + HEADER_END.length;
      reportDrop(count, 'a header block without exactly one valid Content-Length');
      pending = pending.subarray(count);
    }
  }

  /** Adds `pending` to the body being read; forwards the message when it is complete. */
  function readBody(current: PendingBody, push: (chunk: Buffer) => void): boolean {
    const part = pending.subarray(0, current.length - current.received);
    const scanned = current.tail + part.toString('latin1');
    const match = HEADER_START.exec(scanned);
    if (match !== null) {
      const start = current.received - current.tail.length + match.index;
      reportDrop(current.header.length + start, `a Content-Length of ${current.length} that runs past its body`);
      pending = Buffer.concat([...current.chunks, pending]).subarray(start);
      body = undefined;
      return true;
    }
    current.chunks.push(part);
    current.received += part.length;
    current.tail = scanned.slice(-SCAN_OVERLAP);
    pending = pending.subarray(part.length);
    if (current.received < current.length) return false;
    const cut = HEADER_START_AT_END.exec(current.tail);
    if (cut !== null) {
      const start = current.received - current.tail.length + cut.index;
      reportDrop(current.header.length + start, `a Content-Length of ${current.length} that runs into the next header`);
      pending = Buffer.concat([...current.chunks, pending]).subarray(start);
      body = undefined;
      return true;
    }
    push(current.header);
    for (const chunk of current.chunks) push(chunk);
    body = undefined;
    return true;
  }

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const push = (bytes: Buffer): void => {
        if (bytes.length > 0) this.push(bytes);
      };
      for (;;) {
        if (body === undefined && !readHeader()) break;
        if (body !== undefined && !readBody(body, push)) break;
      }
      callback();
    },
  });
}
