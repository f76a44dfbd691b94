/**
 * Everything one parse shares between its reading functions (tokenReader.ts and directReader.ts): the text, the
 * token cursor, the table being written, the problems, the stack of open elements and what the last content read
 * found. One object per parse, so nothing outlives it or is seen by another parse.
 */
import { decodeText } from './entities';
import type { ChunkedList } from './chunkedList';
import type { CommentSpan, SyntaxProblem } from './nodes';
import { createTokenCursor, type TokenCursor, type TokenType } from './scanner';
import { KIND_ARRAY, KIND_DATA, KIND_DATE, KIND_DICT, KIND_INTEGER, KIND_REAL, PlistTable, type TableScratch } from './table';
import { elementTextRange } from './walk';

/** Containers deeper than this are reported and skipped: no real plist comes close, and it bounds every walk. */
export const MAX_NESTING_DEPTH = 512;

/** More syntax problems than this are not reported one by one: past it the file is not a plist being edited. */
export const MAX_SYNTAX_PROBLEMS = 1000;

const INTEGER = /^\s*[+-]?(?:\d+|0[xX][0-9a-fA-F]+)\s*$/;
const REAL = /^\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity)|nan)\s*$/i;
const DATE = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s*$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/**
 * One open element. `element` is its row in the table (-1 for the document and `<plist>`), `pendingKey` a dict's
 * last key while it waits for its value, and `isReachable` says whether the container hangs from the root; entries
 * of a detached value are not in the entry list. Every frame has the same fields, so reads of them see one object
 * shape; a closed frame is used again for the next container.
 */
export interface Frame {
  kind: 'document' | 'plist' | 'dict' | 'array' | 'detached';
  element: number;
  isArray: boolean;
  offset: number;
  nameEnd: number;
  isReachable: boolean;
  pendingKey: number;
}

/** True for a dict's frame, attached or not: it takes keys and, after each, a value. */
export function takesKeys(frame: Frame): boolean {
  return !frame.isArray && (frame.kind === 'dict' || frame.kind === 'detached');
}

/** True when the frame expects a value now: an array's item, or the value of a dict's pending key. */
export function takesValue(frame: Frame): boolean {
  return frame.isArray || (takesKeys(frame) && frame.pendingKey >= 0);
}

/** The element name that closes a frame ('' for the document). */
export function frameName(frame: Frame): string {
  if (frame.kind === 'document') return '';
  if (frame.kind === 'plist') return 'plist';
  return frame.isArray ? 'array' : 'dict';
}

function frameOf(kind: Frame['kind'], element: number, isArray: boolean, offset: number, nameEnd: number, isReachable: boolean): Frame {
  return { kind, element, isArray, offset, nameEnd, isReachable, pendingKey: -1 };
}

/** What reading an element's content found (see `readContent` in tokenReader.ts). */
export interface ContentRead {
  /** Where the text ends (before the end tag, or trimmed when the end tag is missing). */
  textEnd: number;
  /** The decoded text; `''` when `isSlice` and the caller asked for no slice. */
  text: string;
  /** Where the element ends. */
  end: number;
  isClosed: boolean;
  /** True when the text is exactly the source between the start tag and `textEnd`. */
  isSlice: boolean;
}

export class ParserState {
  readonly cursor: TokenCursor;
  readonly table: PlistTable;
  readonly problems: SyntaxProblem[] = [];
  readonly content: ContentRead = { textEnd: 0, text: '', end: 0, isClosed: false, isSlice: false };
  plistElement: { offset: number; end: number } | undefined = undefined;
  sawPlistTag = false;
  reportedMissingPlist = false;
  /** The token the cursor is on is to be read again by the next `next()`. */
  isPushedBack = false;
  /** Comments between elements that start with DIRECTIVE_PREFIX; made only when a file has one. */
  directiveComments: ChunkedList<CommentSpan> | undefined = undefined;
  /** What the last `decode` returned was a plain slice. */
  decodedIsSlice = false;
  /** The document frame is never popped, so the stack is never empty. */
  private readonly stack: Frame[] = [frameOf('document', -1, false, 0, 0, true)];
  private readonly spareFrames: Frame[] = [];
  private readonly problemOffsets = new Set<number>();
  /** The first '&' in the text, or -1: without one, all text is plain, known from this alone. */
  private readonly firstAmpersand: number;
  /** The first '&' at or after the text last decoded; content is read in order, so finding them all is one pass. */
  private nextAmpersand = -1;
  private readonly reportEntity = (offset: number, length: number, message: string): void => this.report(offset, length, message);

  constructor(
    readonly text: string,
    scratch: TableScratch | undefined,
  ) {
    this.cursor = createTokenCursor(text);
    this.table = new PlistTable(text, scratch);
    this.firstAmpersand = text.indexOf('&');
  }

  /** Records a problem; one per offset keeps a cascade of recoveries from burying the first, real mistake. */
  report(offset: number, length: number, message: string): void {
    const problems = this.problems;
    if (this.problemOffsets.has(offset) || problems.length > MAX_SYNTAX_PROBLEMS) return;
    this.problemOffsets.add(offset);
    const text = problems.length === MAX_SYNTAX_PROBLEMS ? `More than ${MAX_SYNTAX_PROBLEMS} syntax problems; the rest are not reported` : message;
    problems.push({ offset, length: Math.max(0, length), message: text });
  }

  /**
   * Moves to the next token (or back to the pushed-back one); a new token's own error is reported once. Between
   * elements (`isBetweenElements`) blank text means nothing and is skipped inside the cursor.
   */
  next(isBetweenElements = false): TokenType {
    const cursor = this.cursor;
    if (this.isPushedBack) {
      this.isPushedBack = false;
      return cursor.type;
    }
    const type = isBetweenElements ? cursor.advanceMarkup() : cursor.advance();
    if (cursor.error !== undefined) this.report(cursor.offset, cursor.end - cursor.offset, cursor.error);
    return type;
  }

  top(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  /** How many containers are open (`<plist>` and the document not counted). */
  containerDepth(): number {
    return this.stack.length - 2;
  }

  /** True while no element is open (not even `<plist>`). */
  isAtDocumentLevel(): boolean {
    return this.stack.length === 1;
  }

  pushFrame(kind: Frame['kind'], element: number, isArray: boolean, offset: number, nameEnd: number, isReachable: boolean): void {
    const frame = this.spareFrames.pop();
    if (frame === undefined) {
      this.stack.push(frameOf(kind, element, isArray, offset, nameEnd, isReachable));
      return;
    }
    frame.kind = kind;
    frame.element = element;
    frame.isArray = isArray;
    frame.offset = offset;
    frame.nameEnd = nameEnd;
    frame.isReachable = isReachable;
    frame.pendingKey = -1;
    this.stack.push(frame);
  }

  /** Closes the innermost frame at `end` and keeps it for the next container. */
  popFrame(end: number, isClosed: boolean): void {
    const frame = this.stack.pop() as Frame;
    this.closeFrame(frame, end, isClosed);
    this.spareFrames.push(frame);
  }

  /** Closes the innermost frames up to and including the one that `</name>` closes; reports the ones left open. */
  closeElement(name: string, tagOffset: number, tagEnd: number): void {
    const stack = this.stack;
    let index = stack.length - 1;
    while (index > 0 && frameName(stack[index] as Frame) !== name) index--;
    if (index === 0) {
      this.report(tagOffset, tagEnd - tagOffset, `Unexpected </${name}>`);
      return;
    }
    while (stack.length - 1 > index) this.popFrame(tagOffset, false);
    this.popFrame(tagEnd, true);
  }

  /** Closes every open element at the end of the text. */
  closeAll(): void {
    while (this.stack.length > 1) this.popFrame(this.text.length, false);
  }

  private closeFrame(frame: Frame, end: number, isClosed: boolean): void {
    if (frame.kind === 'document') return;
    if (frame.kind === 'plist') {
      this.plistElement = { offset: frame.offset, end };
      if (!isClosed) this.report(frame.offset, frame.nameEnd - frame.offset, 'Missing </plist>');
      return;
    }
    if (frame.pendingKey >= 0) this.reportMissingValue(frame.pendingKey);
    this.table.closeContainer(frame.element, end, isClosed);
    if (!isClosed) this.report(frame.offset, frame.nameEnd - frame.offset, `Missing </${frameName(frame)}>`);
  }

  /**
   * Places a finished or opened value where the enclosing frame expects one. Returns false if it has no home.
   * `tagOffset`/`nameEnd`/`name` describe its start tag, for the problem.
   */
  attach(value: number, tagOffset: number, nameEnd: number, name: string): boolean {
    const frame = this.top();
    if (frame.kind === 'document' || frame.kind === 'plist') return this.attachRoot(value, frame.kind === 'plist', tagOffset, nameEnd, name);
    if (!frame.isArray && frame.pendingKey < 0) {
      this.report(tagOffset, nameEnd - tagOffset, `Value <${name}> has no <key> before it`);
      return false;
    }
    this.table.attachTo(value, frame.element);
    frame.pendingKey = -1;
    return true;
  }

  private attachRoot(value: number, isInPlist: boolean, tagOffset: number, nameEnd: number, name: string): boolean {
    const table = this.table;
    if (table.root >= 0) {
      this.report(tagOffset, nameEnd - tagOffset, isInPlist ? `A plist holds one root value; unexpected <${name}>` : `Unexpected <${name}> after the root value`);
      return false;
    }
    table.root = value;
    if (!isInPlist && !this.sawPlistTag && !this.reportedMissingPlist) {
      this.reportedMissingPlist = true;
      this.report(tagOffset, nameEnd - tagOffset, 'Missing <plist> root element around this value');
    }
    return true;
  }

  /**
   * Adds a `<dict>` or `<array>` whose start tag is `text[tagOffset, tagEnd)`, attaches it and opens its frame.
   * Returns false when it is nested too deep, which is reported: the caller then skips its content.
   */
  openContainer(isArray: boolean, tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): boolean {
    const table = this.table;
    const container = table.add(isArray ? KIND_ARRAY : KIND_DICT, tagOffset, tagEnd, tagEnd, tagEnd, true);
    const parentFrame = this.top();
    const isAttached = this.attach(container, tagOffset, nameEnd, isArray ? 'array' : 'dict');
    const isReachable = isAttached && parentFrame.isReachable;
    if (isSelfClosing) return true;
    if (this.containerDepth() >= MAX_NESTING_DEPTH) {
      this.report(tagOffset, nameEnd - tagOffset, `Nesting deeper than ${MAX_NESTING_DEPTH} levels; the rest of this element is skipped`);
      return false;
    }
    table.setEnd(container, tagEnd, false);
    // A detached container's content is still parsed, so that one misplaced value does not swallow what follows.
    this.pushFrame(!isAttached ? 'detached' : isArray ? 'array' : 'dict', container, isArray, tagOffset, nameEnd, isReachable);
    return true;
  }

  /** True when `text[from, to)` holds no '&', so that its decoded text is a plain slice. */
  isPlainText(from: number, to: number): boolean {
    if (this.firstAmpersand < 0) return true;
    if (this.nextAmpersand < from) {
      const found = this.text.indexOf('&', from);
      this.nextAmpersand = found < 0 ? this.text.length : found;
    }
    return this.nextAmpersand >= to;
  }

  /** Decodes `text[from, to)`; without an '&' in it, that is a plain slice. */
  decode(from: number, to: number): string {
    this.decodedIsSlice = this.isPlainText(from, to);
    return this.decodedIsSlice ? this.text.slice(from, to) : decodeText(this.text, from, to, this.reportEntity);
  }

  /** `to`, moved back over trailing whitespace down to `from`. */
  trimEnd(from: number, to: number): number {
    let end = to;
    while (end > from && isWhitespace(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  reportMissingValue(key: number): void {
    const { offset, length } = elementTextRange(this.table, key);
    this.report(offset, length, `Key '${this.table.textOf(key)}' has no value`);
  }

  /** Reports a scalar whose text is not what its kind takes. */
  checkScalarText(kind: number, scalar: number, scalarText: string): void {
    switch (kind) {
      case KIND_INTEGER:
        if (!INTEGER.test(scalarText)) this.reportScalar(scalar, `Invalid <integer> '${scalarText.trim()}'`);
        break;
      case KIND_REAL:
        if (!REAL.test(scalarText)) this.reportScalar(scalar, `Invalid <real> '${scalarText.trim()}'`);
        break;
      case KIND_DATE:
        if (!DATE.test(scalarText)) this.reportScalar(scalar, `Invalid <date> '${scalarText.trim()}': expected YYYY-MM-DDTHH:MM:SSZ`);
        break;
      case KIND_DATA:
        if (!BASE64.test(scalarText)) this.reportScalar(scalar, '<data> must hold base64 text');
        break;
      default:
        break;
    }
  }

  /** A problem on a scalar's text, or on the whole element when it has none. */
  private reportScalar(scalar: number, message: string): void {
    const { offset, length } = elementTextRange(this.table, scalar);
    this.report(offset, length, message);
  }
}

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}
