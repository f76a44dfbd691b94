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
  return new FramingGuard(report);
}

class FramingGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private body: PendingBody | undefined;

  constructor(private readonly report: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.body === undefined && !this.readHeader()) break;
      if (this.body !== undefined && !this.readBody(this.body)) break;
    }
    callback();
  }

  private forward(bytes: Buffer): void {
    if (bytes.length > 0) this.push(bytes);
  }

  private reportDrop(count: number, reason: string): void {
    this.report(`Dropped ${count} bytes of input: ${reason}; reading resumes at the next Content-Length header.`);
  }

  /** Reads header blocks from `pending` until one declares a body; false when more bytes are needed first. */
  private readHeader(): boolean {
    for (;;) {
      const headerEnd = this.pending.indexOf(HEADER_END);
      if (headerEnd === -1) {
        this.dropHeaderless();
        return false;
      }
      const headerText = this.pending.toString('latin1', 0, headerEnd);
      const length = contentLengthOf(headerText);
      if (length !== undefined) {
        const bodyStart = headerEnd + HEADER_END.length;
        this.body = { header: this.pending.subarray(0, bodyStart), length, chunks: [], received: 0, tail: '' };
        this.pending = this.pending.subarray(bodyStart);
        return true;
      }
      // A body sent without a header, or stray bytes, run into the next message's header: resume at that header.
      // After lines that are all headers, the block itself is the bad one (a second length), so all of it goes.
      const next = headerText.slice(1).search(HEADER_NAME) + 1;
      const before = headerText.slice(0, next);
      const isAfterGarbage = next > 0 && (!before.endsWith('\r\n') || !before.split('\r\n').slice(0, -1).every((line) => HEADER_LINE.test(line)));
      const count = isAfterGarbage ? next : headerEnd + HEADER_END.length;
      this.reportDrop(count, 'a header block without exactly one valid Content-Length');
      this.pending = this.pending.subarray(count);
    }
  }

  /** Past MAX_HEADER_BYTES with no header block end: drop up to a header start, keeping a tail that may begin one. */
  private dropHeaderless(): void {
    if (this.pending.length <= MAX_HEADER_BYTES) return;
    const start = this.pending.toString('latin1').search(HEADER_NAME);
    const count = start > 0 ? start : this.pending.length - SCAN_OVERLAP;
    this.reportDrop(count, 'bytes without a header block');
    this.pending = this.pending.subarray(count);
  }

  /** Adds `pending` to the body being read; forwards the message when it is complete. */
  private readBody(current: PendingBody): boolean {
    const part = this.pending.subarray(0, current.length - current.received);
    const scanned = current.tail + part.toString('latin1');
    const match = HEADER_START.exec(scanned);
    if (match !== null) return this.resumeAt(current, current.received - current.tail.length + match.index, 'runs past its body');
    current.chunks.push(part);
    current.received += part.length;
    current.tail = scanned.slice(-SCAN_OVERLAP);
    this.pending = this.pending.subarray(part.length);
    if (current.received < current.length) return false;
    const cut = HEADER_START_AT_END.exec(current.tail);
    if (cut !== null) return this.resumeAt(current, current.received - current.tail.length + cut.index, 'runs into the next header');
    this.forward(current.header);
    for (const chunk of current.chunks) this.forward(chunk);
    this.body = undefined;
    return true;
  }

  /** Drops a message whose length was wrong and reads on from the header found `start` bytes into its body. */
  private resumeAt(current: PendingBody, start: number, what: string): boolean {
    this.reportDrop(current.header.length + start, `a Content-Length of ${current.length} that ${what}`);
    this.pending = Buffer.concat([...current.chunks, this.pending]).subarray(start);
    this.body = undefined;
    return true;
  }
}
