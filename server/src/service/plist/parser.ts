/**
 * Turns scanner tokens into a plist tree and a list of problems. It never throws and never gives up: on an error it
 * records one problem, recovers at the next tag it understands and carries on, so every key before and after a
 * mistake keeps its exact position. Nesting is handled with an explicit stack, so a 10,000-deep file cannot
 * overflow the call stack.
 */
import { decodeText } from './entities';
import { ChunkedList, type ReadonlyList } from './chunkedList';
import type { CommentSpan, DerivedKey, EntryList, PlistDocument, SyntaxProblem, ValueNode } from './nodes';
import { createTokenCursor, plainContentEnd, type TokenType } from './scanner';
import { KIND_ARRAY, KIND_DATA, KIND_DATE, KIND_DICT, KIND_FALSE, KIND_INTEGER, KIND_KEY, KIND_REAL, KIND_STRING, KIND_TRUE, PlistTable } from './table';
import { treeRootOf } from './tree';
import { elementTextRange } from './walk';

/** Containers deeper than this are reported and skipped: no real plist comes close, and it bounds every walk. */
export const MAX_NESTING_DEPTH = 512;

/**
 * Longer texts (in UTF-16 code units) are not parsed: real property lists stay under a megabyte, and a tree for a
 * 100 MB file would take gigabytes and seconds on every keystroke.
 */
export const MAX_TEXT_LENGTH = 16 * 1024 * 1024;

/** More syntax problems than this are not reported one by one: past it the file is not a plist being edited. */
export const MAX_SYNTAX_PROBLEMS = 1000;

const REPLACEMENT_CHARACTER = '\ufffd';

/** What a comment addressed to us starts with (after `<!--` and blanks), as in `plist-sentinel-disable-next-line`. */
export const DIRECTIVE_PREFIX = 'plist-sentinel-';

const NO_COMMENTS: ReadonlyList<CommentSpan> = new ChunkedList<CommentSpan>();
const LESS_THAN = 0x3c;
const SLASH = 0x2f;

const INTEGER = /^\s*[+-]?(?:\d+|0[xX][0-9a-fA-F]+)\s*$/;
const REAL = /^\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity)|nan)\s*$/i;
const DATE = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s*$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/**
 * One open element. `element` is its row in the table (-1 for the document and `<plist>`), `pendingKey` a dict's
 * last key while it waits for its value, and `isReachable` says whether the container hangs from the root; entries
 * of a detached value are not in the entry list. Every frame is built with the same fields, so reading them in the
 * parser's loop sees one object shape. A closed frame is used again for the next container (see `pushFrame`).
 */
interface Frame {
  kind: 'document' | 'plist' | 'dict' | 'array' | 'detached';
  element: number;
  isArray: boolean;
  offset: number;
  nameEnd: number;
  isReachable: boolean;
  pendingKey: number;
}

/** True for a dict's frame, attached or not: it takes keys and, after each, a value. */
function takesKeys(frame: Frame): boolean {
  return !frame.isArray && (frame.kind === 'dict' || frame.kind === 'detached');
}

function frameOf(kind: Frame['kind'], element: number, isArray: boolean, offset: number, nameEnd: number, isReachable: boolean): Frame {
  return { kind, element, isArray, offset, nameEnd, isReachable, pendingKey: -1 };
}

/** Each scalar element name's row kind. */
const SCALAR_KINDS: Readonly<Record<string, number>> = {
  string: KIND_STRING,
  integer: KIND_INTEGER,
  real: KIND_REAL,
  date: KIND_DATE,
  data: KIND_DATA,
  true: KIND_TRUE,
  false: KIND_FALSE,
};

/** An element with text that `readCommonElements` reads: its row kind, name, and start tag after the first letter. */
interface TextElement {
  readonly kind: number;
  readonly name: string;
  readonly rest: string;
}

/** `<key>`, `<string>`, `<integer>` and `<real>` by the character code of their first letter (all different). */
const TEXT_ELEMENTS: ReadonlyArray<TextElement | undefined> = (() => {
  const byInitial: Array<TextElement | undefined> = [];
  for (const [kind, name] of [[KIND_KEY, 'key'], [KIND_STRING, 'string'], [KIND_INTEGER, 'integer'], [KIND_REAL, 'real']] as const) {
    byInitial[name.charCodeAt(0)] = { kind, name, rest: `${name.slice(1)}>` };
  }
  return byInitial;
})();

/** A parse: the fields, and the tree made from the table when `root` is first read. */
class ParsedDocument implements PlistDocument {
  readonly entryList: EntryList;
  private madeRoot = false;
  private rootNode: ValueNode | undefined = undefined;
  private derivedValues: Map<DerivedKey<unknown>, { readonly inputs: readonly unknown[]; readonly value: unknown }> | undefined = undefined;

  constructor(
    readonly text: string,
    readonly table: PlistTable,
    readonly problems: readonly SyntaxProblem[],
    readonly plistElement: { readonly offset: number; readonly end: number } | undefined,
    readonly directiveComments: ReadonlyList<CommentSpan> = NO_COMMENTS,
  ) {
    this.entryList = { table, keys: table.entryKeys };
  }

  derive<T>(key: DerivedKey<T>, inputs: readonly unknown[], make: () => T): T {
    const kept = this.derivedValues?.get(key);
    if (kept !== undefined && kept.inputs.length === inputs.length && kept.inputs.every((input, index) => input === inputs[index])) return kept.value as T;
    const value = make();
    (this.derivedValues ??= new Map()).set(key, { inputs, value });
    return value;
  }

  get root(): ValueNode | undefined {
    if (!this.madeRoot) {
      this.rootNode = treeRootOf(this.table);
      this.madeRoot = true;
    }
    return this.rootNode;
  }
}

/** Parses plist XML. Always returns a document; problems describe whatever was wrong. */
export function parsePlist(text: string): PlistDocument {
  return parse(text, true);
}

/**
 * 'UTF-16' or 'UTF-32' when the text is such a file read as UTF-8 (by the CLI, or an editor that missed its byte
 * order mark): its start, past the mark's undecodable bytes, is XML with NULs between or around the characters.
 */
function wideEncodingOf(text: string): 'UTF-16' | 'UTF-32' | undefined {
  const head = text.slice(0, 32);
  // A plist's first characters are ASCII markup ('<?xml', '<plist'), so half or more of them come out as NULs.
  if (head.split('\u0000').length - 1 < 8 || !head.includes('<')) return undefined;
  return head.includes('\u0000\u0000\u0000') ? 'UTF-32' : 'UTF-16';
}

/**
 * The same parse with every element read through the token loop, none directly from the text: what
 * `readCommonElements` must agree with. Tests compare the two on the corpus and on fuzzed files.
 */
export function parsePlistByTokens(text: string): PlistDocument {
  return parse(text, false);
}

function parse(text: string, readsCommonElements: boolean): PlistDocument {
  if (text.startsWith('bplist')) {
    // A binary plist opened as text: nothing to parse, and every other message would be noise.
    return new ParsedDocument(text, PlistTable.empty(text), [{ offset: 0, length: 6, message: 'This is a binary property list; convert it to XML to edit it (plutil -convert xml1 FILE)' }], undefined);
  }
  const wideEncoding = wideEncodingOf(text);
  if (wideEncoding !== undefined) {
    // Read as UTF-8, every other character is a NUL and each '<' an error: one message says what is wrong instead.
    const message = `This file is ${wideEncoding}-encoded; plist-sentinel reads UTF-8 plists: convert it (plutil -convert xml1 FILE)`;
    return new ParsedDocument(text, PlistTable.empty(text), [{ offset: 0, length: Math.min(text.length, 2), message }], undefined);
  }
  if (text.length > MAX_TEXT_LENGTH) {
    const firstLineEnd = text.indexOf('\n');
    const length = firstLineEnd < 0 || firstLineEnd > 200 ? Math.min(text.length, 200) : firstLineEnd;
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    const message = `File too large to check: ${megabytes} MB, and plist-sentinel checks property lists up to ${MAX_TEXT_LENGTH / (1024 * 1024)} MB`;
    return new ParsedDocument(text, PlistTable.empty(text), [{ offset: 0, length, message }], undefined);
  }
  // The scanner is read field by field and elements are rows in a typed array (table.ts): this loop runs once per
  // keystroke, and per-token objects, then a tree of objects, made it several times slower than the scan itself.
  const cursor = createTokenCursor(text);
  const table = new PlistTable(text);
  const problems: SyntaxProblem[] = [];
  const problemOffsets = new Set<number>();
  let plistElement: { offset: number; end: number } | undefined;
  let sawPlistTag = false;
  let reportedMissingPlist = false;
  const stack: Frame[] = [frameOf('document', -1, false, 0, 0, true)];
  /** Closed frames, to be used again: a new frame per container was a sixth of what a parse of 1 MB allocated (1.65 MB). */
  const spareFrames: Frame[] = [];
  let isPushedBack = false;
  // Comments between elements that start with DIRECTIVE_PREFIX; made only when a file has one.
  let directiveComments: ChunkedList<CommentSpan> | undefined;
  // The first '&' at or after the text being decoded; content is read in order, so finding them all costs one pass.
  let nextAmpersand = -1;
  // Without any '&' (most files), all text is plain, known from this constant alone (one search, a hundredth of the
  // floor at 1 MB). With only the variable above, a parse of a large file after another one sometimes searched the
  // rest of the text for an '&' at every element, as if the variable were never updated: gdb showed one memchr over
  // the remaining text per element, formatting a 15 MB file (which parses its result again) took 23 s instead of 1,
  // and a second 14 MB file with a comment after every key 25 s instead of 0.2. Any instrumentation of the function
  // made it go away, so the cause is in V8's optimized code (node 20); a file with an '&' may still meet it.
  const firstAmpersand = text.indexOf('&');

  // What `readContent` found, in variables rather than a result object per element.
  let contentTextEnd = 0;
  let contentText = '';
  let contentEnd = 0;
  let contentIsClosed = false;
  /** True when `contentText` is exactly the source between the start tag and `contentTextEnd`. */
  let contentIsSlice = false;
  /** What the last `decode` returned was a plain slice. */
  let decodedIsSlice = false;

  function report(offset: number, length: number, message: string): void {
    // One problem per offset keeps a cascade of recoveries from burying the first, real mistake.
    if (problemOffsets.has(offset) || problems.length > MAX_SYNTAX_PROBLEMS) return;
    problemOffsets.add(offset);
    if (problems.length === MAX_SYNTAX_PROBLEMS) {
      problems.push({ offset, length: Math.max(0, length), message: `More than ${MAX_SYNTAX_PROBLEMS} syntax problems; the rest are not reported` });
      return;
    }
    problems.push({ offset, length: Math.max(0, length), message });
  }

  /**
   * Moves to the next token (or back to the pushed-back one); a new token's own error is reported once. Between
   * elements (`isBetweenElements`) blank text means nothing and is skipped inside the cursor.
   */
  function next(isBetweenElements = false): TokenType {
    if (isPushedBack) {
      isPushedBack = false;
      return cursor.type;
    }
    const type = isBetweenElements ? cursor.advanceMarkup() : cursor.advance();
    if (cursor.error !== undefined) report(cursor.offset, cursor.end - cursor.offset, cursor.error);
    return type;
  }

  function pushFrame(kind: Frame['kind'], element: number, isArray: boolean, offset: number, nameEnd: number, isReachable: boolean): void {
    const frame = spareFrames.pop();
    if (frame === undefined) {
      stack.push(frameOf(kind, element, isArray, offset, nameEnd, isReachable));
      return;
    }
    frame.kind = kind;
    frame.element = element;
    frame.isArray = isArray;
    frame.offset = offset;
    frame.nameEnd = nameEnd;
    frame.isReachable = isReachable;
    frame.pendingKey = -1;
    stack.push(frame);
  }

  /** Closes the innermost frame (see `closeFrame`) and keeps it for the next container. */
  function popFrame(end: number, isClosed: boolean): void {
    const frame = stack.pop() as Frame;
    closeFrame(frame, end, isClosed);
    spareFrames.push(frame);
  }

  function top(): Frame {
    // The document frame is never popped, so the stack is never empty.
    return stack[stack.length - 1] as Frame;
  }

  function containerDepth(): number {
    return stack.length - 2;
  }

  /**
   * Places a finished or opened value where the enclosing frame expects one. Returns false if it has no home.
   * `tagOffset`/`nameEnd`/`name` describe its start tag, for the problem.
   */
  function attach(value: number, tagOffset: number, nameEnd: number, name: string): boolean {
    const frame = top();
    switch (frame.kind) {
      case 'document':
        if (table.root < 0) {
          table.root = value;
          if (!sawPlistTag && !reportedMissingPlist) {
            reportedMissingPlist = true;
            report(tagOffset, nameEnd - tagOffset, 'Missing <plist> root element around this value');
          }
          return true;
        }
        report(tagOffset, nameEnd - tagOffset, `Unexpected <${name}> after the root value`);
        return false;
      case 'plist':
        if (table.root < 0) {
          table.root = value;
          return true;
        }
        report(tagOffset, nameEnd - tagOffset, `A plist holds one root value; unexpected <${name}>`);
        return false;
      case 'dict':
      case 'detached':
        if (frame.isArray) {
          table.attachTo(value, frame.element);
          return true;
        }
        if (frame.pendingKey < 0) {
          report(tagOffset, nameEnd - tagOffset, `Value <${name}> has no <key> before it`);
          return false;
        }
        table.attachTo(value, frame.element);
        frame.pendingKey = -1;
        return true;
      case 'array':
        table.attachTo(value, frame.element);
        return true;
    }
  }

  /** True when `text[from, to)` holds no '&', so that its decoded text is a plain slice. */
  function isPlainText(from: number, to: number): boolean {
    if (firstAmpersand < 0) return true;
    if (nextAmpersand < from) {
      nextAmpersand = text.indexOf('&', from);
      if (nextAmpersand < 0) nextAmpersand = text.length;
    }
    return nextAmpersand >= to;
  }

  /** Decodes `text[from, to)`; without an '&' in it, that is a plain slice. */
  function decode(from: number, to: number): string {
    decodedIsSlice = isPlainText(from, to);
    return decodedIsSlice ? text.slice(from, to) : decodeText(text, from, to, report);
  }

  /**
   * Reads the content of a `<key>` or scalar element (its start tag ends at `textOffset`) up to its end tag,
   * recovering if the end tag is missing. The result is left in the `content*` variables. Unless `isSliceNeeded`,
   * plain text is not sliced: `contentIsSlice` says so and `contentText` is then `''` (a `<string>`'s text is read
   * from the source when asked for, and slicing every one only to drop it was a tenth of what a parse allocated).
   */
  function readContent(tagOffset: number, textOffset: number, elementName: string, isSliceNeeded: boolean): void {
    // Nearly every element is plain text and its end tag: read that in one step, with the same result as below.
    const simpleEnd = isPushedBack ? -1 : cursor.simpleContentEnd(elementName);
    if (simpleEnd >= 0) {
      if (simpleEnd === textOffset || (!isSliceNeeded && isPlainText(textOffset, simpleEnd))) {
        contentText = '';
        contentIsSlice = true;
      } else {
        contentText = decode(textOffset, simpleEnd);
        contentIsSlice = decodedIsSlice;
      }
      contentTextEnd = simpleEnd;
      cursor.takeEndTag(simpleEnd, elementName);
      contentEnd = cursor.end;
      contentIsClosed = true;
      return;
    }
    let textEnd = textOffset;
    let decoded = '';
    contentIsSlice = false;
    for (;;) {
      const type = next();
      if (type === 'text') {
        decoded += decode(cursor.offset, cursor.end);
        textEnd = cursor.end;
        continue;
      }
      if (type === 'cdata') {
        decoded += text.slice(cursor.offset + 9, cursor.error === undefined ? cursor.end - 3 : cursor.end);
        textEnd = cursor.end;
        continue;
      }
      if (type === 'comment') {
        textEnd = cursor.end;
        continue;
      }
      if (type === 'end-tag' && cursor.name === elementName) {
        contentTextEnd = textEnd;
        contentText = decoded;
        contentEnd = cursor.end;
        contentIsClosed = true;
        return;
      }
      // Anything else means the end tag is missing: end the element before this token and let the caller see it.
      isPushedBack = true;
      const trimmedEnd = trimEnd(textOffset, textEnd);
      const length = trimmedEnd > textOffset ? trimmedEnd - textOffset : textOffset - tagOffset;
      report(trimmedEnd > textOffset ? textOffset : tagOffset, length, `Missing </${elementName}>`);
      contentTextEnd = trimmedEnd;
      contentText = decoded.trimEnd();
      contentEnd = trimmedEnd;
      contentIsClosed = false;
      return;
    }
  }

  function trimEnd(from: number, to: number): number {
    let end = to;
    while (end > from && isWhitespace(text.charCodeAt(end - 1))) end--;
    return end;
  }

  function readKey(tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
    const frame = top();
    const isInDict = takesKeys(frame);
    if (!isInDict) report(tagOffset, nameEnd - tagOffset, '<key> is only allowed directly inside a <dict>');
    if (isSelfClosing) {
      contentTextEnd = tagEnd;
      contentText = '';
      contentEnd = tagEnd;
      contentIsClosed = true;
    } else {
      readContent(tagOffset, tagEnd, 'key', false);
    }
    if (!isInDict) return;
    if (frame.pendingKey >= 0) reportMissingValue(frame.pendingKey);
    const key = table.add(KIND_KEY, tagOffset, contentEnd, tagEnd, contentTextEnd, contentIsClosed);
    if (isSelfClosing || contentIsSlice) table.setSourceText(key);
    else table.setText(key, contentText);
    table.attachTo(key, frame.element);
    frame.pendingKey = key;
    // The entry list (see EntryList), built as keys are read: rules then need no walk of their own.
    if (frame.isReachable) table.addEntryKey(key);
  }

  function reportMissingValue(key: number): void {
    const { offset, length } = elementTextRange(table, key);
    report(offset, length, `Key '${table.textOf(key)}' has no value`);
  }

  function readScalar(kind: number, name: string, tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
    const scalar = table.add(kind, tagOffset, tagEnd, tagEnd, tagEnd, true);
    let scalarText = '';
    if (!isSelfClosing) {
      readContent(tagOffset, tagEnd, name, kind !== KIND_STRING);
      if (kind === KIND_TRUE || kind === KIND_FALSE) {
        if (contentText.trim() !== '') report(tagEnd, contentTextEnd - tagEnd, `<${name}> takes no content; write <${name}/>`);
      } else {
        table.setTextEnd(scalar, contentTextEnd);
        if (!contentIsSlice) table.setText(scalar, contentText);
        scalarText = contentText;
      }
      table.setEnd(scalar, contentEnd, contentIsClosed);
    }
    checkScalarText(kind, scalar, scalarText);
    attach(scalar, tagOffset, nameEnd, name);
  }

  function checkScalarText(kind: number, scalar: number, scalarText: string): void {
    switch (kind) {
      case KIND_INTEGER:
        if (!INTEGER.test(scalarText)) reportScalar(scalar, `Invalid <integer> '${scalarText.trim()}'`);
        break;
      case KIND_REAL:
        if (!REAL.test(scalarText)) reportScalar(scalar, `Invalid <real> '${scalarText.trim()}'`);
        break;
      case KIND_DATE:
        if (!DATE.test(scalarText)) reportScalar(scalar, `Invalid <date> '${scalarText.trim()}': expected YYYY-MM-DDTHH:MM:SSZ`);
        break;
      case KIND_DATA:
        if (!BASE64.test(scalarText)) reportScalar(scalar, '<data> must hold base64 text');
        break;
      default:
        break;
    }
  }

  /** A problem on a scalar's text, or on the whole element when it has none. */
  function reportScalar(scalar: number, message: string): void {
    const { offset, length } = elementTextRange(table, scalar);
    report(offset, length, message);
  }

  function openContainer(kind: 'dict' | 'array', tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
    const isArray = kind === 'array';
    const container = table.add(isArray ? KIND_ARRAY : KIND_DICT, tagOffset, tagEnd, tagEnd, tagEnd, true);
    const parentFrame = top();
    const isAttached = attach(container, tagOffset, nameEnd, kind);
    const isReachable = isAttached && parentFrame.isReachable;
    if (isSelfClosing) return;
    if (containerDepth() >= MAX_NESTING_DEPTH) {
      report(tagOffset, nameEnd - tagOffset, `Nesting deeper than ${MAX_NESTING_DEPTH} levels; the rest of this element is skipped`);
      skipElement();
      return;
    }
    table.setEnd(container, tagEnd, false);
    // A detached container's content is still parsed, so that one misplaced value does not swallow what follows.
    pushFrame(!isAttached ? 'detached' : kind, container, isArray, tagOffset, nameEnd, isReachable);
  }

  /** Skips an element and everything inside it without building nodes. */
  function skipElement(): void {
    let depth = 1;
    for (;;) {
      const type = next();
      if (type === 'eof') {
        isPushedBack = true;
        return;
      }
      if (type === 'start-tag' && !cursor.isSelfClosing && cursor.error === undefined) depth++;
      else if (type === 'end-tag' && --depth === 0) return;
    }
  }

  /** Closes the innermost frames up to and including the one that `</name>` closes; reports the ones left open. */
  function closeElement(name: string, tagOffset: number, tagEnd: number): void {
    let index = stack.length - 1;
    while (index > 0 && frameName(stack[index] as Frame) !== name) index--;
    if (index === 0) {
      report(tagOffset, tagEnd - tagOffset, `Unexpected </${name}>`);
      return;
    }
    while (stack.length - 1 > index) popFrame(tagOffset, false);
    popFrame(tagEnd, true);
  }

  function frameName(frame: Frame): string {
    if (frame.kind === 'document') return '';
    if (frame.kind === 'plist') return 'plist';
    return frame.isArray ? 'array' : 'dict';
  }

  function closeFrame(frame: Frame, end: number, isClosed: boolean): void {
    if (frame.kind === 'document') return;
    if (frame.kind === 'plist') {
      plistElement = { offset: frame.offset, end };
      if (!isClosed) report(frame.offset, frame.nameEnd - frame.offset, 'Missing </plist>');
      return;
    }
    if (frame.pendingKey >= 0) reportMissingValue(frame.pendingKey);
    table.closeContainer(frame.element, end, isClosed);
    if (!isClosed) report(frame.offset, frame.nameEnd - frame.offset, `Missing </${frameName(frame)}>`);
  }

  function readText(offset: number, end: number): void {
    for (let index = offset; index < end; index++) {
      if (!isWhitespace(text.charCodeAt(index))) {
        if (isPreprocessorText(text.slice(index, end))) return;
        const textEnd = trimEnd(index, end);
        const frame = top();
        const where = frame.kind === 'document' ? 'outside the root element' : `inside <${frameName(frame)}>`;
        report(index, textEnd - index, `Unexpected text ${where}`);
        return;
      }
    }
  }

  function readStartTag(): void {
    const name = cursor.name;
    const tagOffset = cursor.offset;
    const tagEnd = cursor.end;
    const nameEnd = cursor.nameOffset + name.length;
    const isSelfClosing = cursor.isSelfClosing;
    switch (name) {
      case 'plist':
        if (sawPlistTag || stack.length > 1) {
          report(tagOffset, nameEnd - tagOffset, 'Unexpected <plist>: it may only be the root element');
          return;
        }
        sawPlistTag = true;
        if (isSelfClosing) plistElement = { offset: tagOffset, end: tagEnd };
        else pushFrame('plist', -1, false, tagOffset, nameEnd, true);
        return;
      case 'dict':
      case 'array':
        openContainer(name, tagOffset, tagEnd, nameEnd, isSelfClosing);
        return;
      case 'key':
        readKey(tagOffset, tagEnd, nameEnd, isSelfClosing);
        return;
      case 'string':
      case 'integer':
      case 'real':
      case 'date':
      case 'data':
      case 'true':
      case 'false':
        readScalar(SCALAR_KINDS[name] as number, name, tagOffset, tagEnd, nameEnd, isSelfClosing);
        return;
      default:
        report(tagOffset, nameEnd - tagOffset, `Unknown element <${name}>; plists use dict, array, key, string, integer, real, true, false, date and data`);
        if (!isSelfClosing) skipElement();
    }
  }

  /**
   * Reads the elements nearly every file is made of straight from the text, one after another, for as long as they
   * come where the enclosing element expects them: `<key>`, `<string>`, `<integer>` and `<real>` with text and their
   * end tag, `<true/>`, `<false/>`, `<dict>`, `<array>` and the end tag of the innermost container. At anything else
   * (comments, attributes, self-closed containers, a key without a value, a missing end tag...) it stops before
   * changing anything, leaves the cursor there, and the token loop reads that with every check and recovery. The
   * result is the same either way (see `parsePlistByTokens`).
   *
   * One loop, with the enclosing frame, what it takes and the position in locals and each element's reading written
   * out here rather than in a function per kind: reading one element per call from the token loop, looking up the
   * frame and moving the cursor every time, a parse of 1 MB measured 1.46 times as long (2.45 against 1.69 times
   * the floor, in one process).
   */
  function readCommonElements(): void {
    // The text in a local: a closure variable is read again from its context after every call the loop makes.
    const source = text;
    let position = cursor.position;
    let frame = top();
    // What the frame takes: a dict (or a detached one) takes keys and, after each, a value; an array takes values.
    let isDictFrame = takesKeys(frame);
    let isArrayFrame = frame.isArray;
    for (;;) {
      let start = position;
      let code = source.charCodeAt(start);
      while (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d) code = source.charCodeAt(++start);
      if (code !== LESS_THAN) break;
      // Elements with text: their kind and name; the rest are read in the switch.
      let kind = 0;
      let name = '';
      const initial = source.charCodeAt(start + 1);
      switch (initial) {
        case 0x6b: // k
        case 0x73: // s
        case 0x69: // i
        case 0x72: {
          // r
          const element = TEXT_ELEMENTS[initial] as TextElement;
          if (isTagAt(source, start + 2, element.rest)) {
            kind = element.kind;
            name = element.name;
          }
          break;
        }
        case 0x74: // t
        case 0x66: {
          // f
          const isTrue = initial === 0x74;
          if (!(isTrue ? isTagAt(source, start + 2, 'rue/>') : isTagAt(source, start + 2, 'alse/>'))) break;
          if (!(isArrayFrame || (isDictFrame && frame.pendingKey >= 0))) break;
          position = start + (isTrue ? 7 : 8);
          table.attachTo(table.add(isTrue ? KIND_TRUE : KIND_FALSE, start, position, position, position, true), frame.element);
          frame.pendingKey = -1;
          continue;
        }
        // A container nested too deep is left to the token loop, which reports it and skips it.
        case 0x64: // d
        case 0x61: {
          // a
          const isArray = initial === 0x61;
          if (!(isArray ? isTagAt(source, start + 2, 'rray>') : isTagAt(source, start + 2, 'ict>')) || containerDepth() >= MAX_NESTING_DEPTH) break;
          position = start + (isArray ? 7 : 6);
          openContainer(isArray ? 'array' : 'dict', start, position, position - 1, false);
          frame = top();
          isDictFrame = takesKeys(frame);
          isArrayFrame = frame.isArray;
          continue;
        }
        // Only the innermost container's end tag: one that closes others too reports them, in the token loop.
        case SLASH:
          if (isArrayFrame ? isTagAt(source, start + 2, 'array>') : isDictFrame && isTagAt(source, start + 2, 'dict>')) {
            position = start + (isArrayFrame ? 8 : 7);
            popFrame(position, true);
            frame = top();
            isDictFrame = takesKeys(frame);
            isArrayFrame = frame.isArray;
            continue;
          }
          break;
        default:
          break;
      }
      if (kind === 0) break;
      // A key where its dict takes one; a value where one is expected.
      if (kind === KIND_KEY ? !isDictFrame || frame.pendingKey >= 0 : !(isArrayFrame || (isDictFrame && frame.pendingKey >= 0))) break;
      const textOffset = start + name.length + 2;
      const textEnd = plainContentEnd(source, textOffset, name);
      if (textEnd < 0) break;
      position = textEnd + name.length + 3;
      const element = table.add(kind, start, position, textOffset, textEnd, true);
      table.attachTo(element, frame.element);
      if (kind === KIND_KEY) {
        if (isPlainText(textOffset, textEnd)) table.setSourceText(element);
        else table.setText(element, decode(textOffset, textEnd));
        frame.pendingKey = element;
        if (frame.isReachable) table.addEntryKey(element);
        continue;
      }
      frame.pendingKey = -1;
      // A string's plain text is read from the source when asked for; numbers are checked as readScalar does, a plain
      // run of digits without making its text.
      if (kind === KIND_STRING) {
        if (!isPlainText(textOffset, textEnd)) table.setText(element, decode(textOffset, textEnd));
      } else if (!(kind === KIND_INTEGER ? isPlainInteger(textOffset, textEnd) : isPlainReal(textOffset, textEnd))) {
        const scalarText = textEnd === textOffset ? '' : decode(textOffset, textEnd);
        if (!decodedIsSlice && textEnd > textOffset) table.setText(element, scalarText);
        checkScalarText(kind, element, scalarText);
      }
    }
    cursor.moveTo(position);
  }

  /** An optional sign and digits: what INTEGER takes, short of spaces and hexadecimal. */
  function isPlainInteger(from: number, to: number): boolean {
    let index = from;
    const first = text.charCodeAt(index);
    if (first === 0x2b || first === 0x2d) index++;
    if (index === to) return false;
    for (; index < to; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x30 || code > 0x39) return false;
    }
    return true;
  }

  /** An optional sign, digits and at most one '.' after the first digit: what REAL takes, short of exponents and the rest. */
  function isPlainReal(from: number, to: number): boolean {
    let index = from;
    const first = text.charCodeAt(index);
    if (first === 0x2b || first === 0x2d) index++;
    if (index === to || !isDigit(text.charCodeAt(index))) return false;
    let sawPoint = false;
    for (; index < to; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x2e && !sawPoint) sawPoint = true;
      else if (!isDigit(code)) return false;
    }
    return true;
  }

  for (;;) {
    if (readsCommonElements && !isPushedBack) readCommonElements();
    const type = next(true);
    if (type === 'eof') break;
    switch (type) {
      case 'text':
        if (cursor.error === undefined) readText(cursor.offset, cursor.end);
        break;
      case 'cdata':
        report(cursor.offset, cursor.end - cursor.offset, 'CDATA is only allowed inside <key> or <string>');
        break;
      case 'comment':
        if (cursor.error === undefined && isDirectiveComment(text, cursor.offset, cursor.end)) (directiveComments ??= new ChunkedList<CommentSpan>()).push({ offset: cursor.offset, end: cursor.end });
        break;
      case 'processing-instruction':
      case 'doctype':
        break;
      case 'end-tag':
        closeElement(cursor.name, cursor.offset, cursor.end);
        break;
      case 'start-tag':
        // A half-typed tag such as `<stri` at the end of the file is already reported, and there is nothing to build.
        if (cursor.error === undefined) readStartTag();
        break;
    }
  }
  while (stack.length > 1) popFrame(text.length, false);
  // Undecodable bytes reach us as U+FFFD, from the editor or from Node's decoder in the CLI. Xcode rejects such a
  // file; one problem, at the first, says why.
  const replacement = text.indexOf(REPLACEMENT_CHARACTER);
  if (replacement >= 0) report(replacement, 1, 'Invalid UTF-8: bytes here could not be decoded (shown as U+FFFD); save the file as UTF-8');
  if (table.root < 0 && !sawPlistTag && text.trim() !== '') {
    report(0, 0, 'No <plist> element found');
  }
  problems.sort((a, b) => a.offset - b.offset);
  table.seal();
  return new ParsedDocument(text, table, problems, plistElement, directiveComments);
}

/** True when the comment `text[offset, end)` starts, after `<!--` and blanks, with DIRECTIVE_PREFIX. */
function isDirectiveComment(text: string, offset: number, end: number): boolean {
  let start = offset + 4;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  return text.startsWith(DIRECTIVE_PREFIX, start);
}

/**
 * Xcode can run Info.plist through the C preprocessor (INFOPLIST_PREPROCESS), so real files carry `#ifdef` lines
 * between elements. Text made only of such directive lines is not an error.
 */
function isPreprocessorText(segment: string): boolean {
  let sawDirective = false;
  for (const line of segment.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!/^#\s*(if|ifdef|ifndef|elif|else|endif|include|import|define|undef|error|warning|pragma)\b/.test(trimmed)) return false;
    sawDirective = true;
  }
  return sawDirective;
}

/** True when `text` holds `rest` at `offset`. */
function isTagAt(text: string, offset: number, rest: string): boolean {
  for (let index = 0; index < rest.length; index++) {
    if (text.charCodeAt(offset + index) !== rest.charCodeAt(index)) return false;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}
