/**
 * Turns scanner tokens into a plist tree and a list of problems. It never throws and never gives up: on an error it
 * records one problem, recovers at the next tag it understands and carries on, so every key before and after a
 * mistake keeps its exact position. Nesting is handled with an explicit stack, so a 10,000-deep file cannot
 * overflow the call stack.
 */
import { decodeText } from './entities';
import type { ArrayNode, ContainerNode, DictEntry, DictNode, EntryList, KeyNode, PlistDocument, ScalarKind, ScalarNode, SyntaxProblem, ValueNode } from './nodes';
import { createTokenCursor, type TokenType } from './scanner';

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

const INTEGER = /^\s*[+-]?(?:\d+|0[xX][0-9a-fA-F]+)\s*$/;
const REAL = /^\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity)|nan)\s*$/i;
const DATE = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s*$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/**
 * What every frame knows: `path` is the key path of its container (`keyPathOf`, arrays skipped), and `isReachable`
 * says whether the container hangs from the root; entries of a detached value are not in the entry list.
 */
interface FrameBase {
  readonly path: readonly string[];
  readonly isReachable: boolean;
}

type Frame = FrameBase & (
  | { readonly kind: 'document' }
  | { readonly kind: 'plist'; readonly offset: number; readonly nameEnd: number }
  | { readonly kind: 'dict'; readonly node: DictNode; readonly nameEnd: number; pendingEntry: DictEntry | undefined }
  | { readonly kind: 'array'; readonly node: ArrayNode; readonly nameEnd: number }
  | { readonly kind: 'detached'; readonly node: ContainerNode; readonly nameEnd: number; pendingEntry: DictEntry | undefined });

const NO_PATH: readonly string[] = [];

/**
 * Every frame is built with the same fields, so reading `frame.kind` in the parser's loop sees one object shape
 * instead of four.
 */
function frameOf(kind: Frame['kind'], node: ContainerNode | undefined, offset: number, nameEnd: number, path: readonly string[], isReachable: boolean): Frame {
  return { kind, node, offset, nameEnd, pendingEntry: undefined, path, isReachable } as Frame;
}

/** The entry list of a document with no tree. */
function emptyEntryList(): EntryList {
  return { entries: [], dictPaths: [], dictNodes: [] };
}

/** Parses plist XML. Always returns a document; problems describe whatever was wrong. */
export function parsePlist(text: string): PlistDocument {
  if (text.startsWith('bplist')) {
    // A binary plist opened as text: nothing to parse, and every other message would be noise.
    return { text, root: undefined, plistElement: undefined, problems: [{ offset: 0, length: 6, message: 'This is a binary property list; convert it to XML to edit it (plutil -convert xml1 FILE)' }], entryList: emptyEntryList() };
  }
  if (text.length > MAX_TEXT_LENGTH) {
    const firstLineEnd = text.indexOf('\n');
    const length = firstLineEnd < 0 || firstLineEnd > 200 ? Math.min(text.length, 200) : firstLineEnd;
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    const message = `File too large to check: ${megabytes} MB, and plist-sentinel checks property lists up to ${MAX_TEXT_LENGTH / (1024 * 1024)} MB`;
    return { text, root: undefined, plistElement: undefined, problems: [{ offset: 0, length, message }], entryList: emptyEntryList() };
  }
  // The scanner is read field by field and every node is built with one literal shape: this loop runs once per
  // keystroke, and per-token objects and spread-built nodes made it several times slower than the scan itself.
  const cursor = createTokenCursor(text);
  const problems: SyntaxProblem[] = [];
  const problemOffsets = new Set<number>();
  let root: ValueNode | undefined;
  let plistElement: { offset: number; end: number } | undefined;
  let sawPlistTag = false;
  let reportedMissingPlist = false;
  const stack: Frame[] = [frameOf('document', undefined, 0, 0, NO_PATH, true)];
  // The entry list (see EntryList), built as keys are read: rules then need no walk of their own.
  const entries: DictEntry[] = [];
  const entryPaths: Array<readonly string[]> = [];
  const dictNodes: DictNode[] = [];
  let isPushedBack = false;
  // The first '&' at or after the text being decoded; content is read in order, so finding them all costs one pass.
  let nextAmpersand = -1;

  // What `readContent` found, in variables rather than a result object per element.
  let contentTextEnd = 0;
  let contentText = '';
  let contentEnd = 0;
  let contentIsClosed = false;

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

  function top(): Frame {
    // The document frame is never popped, so the stack is never empty.
    return stack[stack.length - 1] as Frame;
  }

  function containerDepth(): number {
    return stack.length - 2;
  }

  function currentParent(): ContainerNode | undefined {
    const frame = top();
    return frame.kind === 'dict' || frame.kind === 'array' || frame.kind === 'detached' ? frame.node : undefined;
  }

  /**
   * Places a finished or opened value where the enclosing frame expects one. Returns false if it has no home.
   * `tagOffset`/`nameEnd`/`name` describe its start tag, for the problem.
   */
  function attach(value: ValueNode, tagOffset: number, nameEnd: number, name: string): boolean {
    const frame = top();
    switch (frame.kind) {
      case 'document':
        if (root === undefined) {
          root = value;
          if (!sawPlistTag && !reportedMissingPlist) {
            reportedMissingPlist = true;
            report(tagOffset, nameEnd - tagOffset, 'Missing <plist> root element around this value');
          }
          return true;
        }
        report(tagOffset, nameEnd - tagOffset, `Unexpected <${name}> after the root value`);
        return false;
      case 'plist':
        if (root === undefined) {
          root = value;
          return true;
        }
        report(tagOffset, nameEnd - tagOffset, `A plist holds one root value; unexpected <${name}>`);
        return false;
      case 'dict':
      case 'detached':
        if (frame.node.kind === 'array') {
          frame.node.items.push(value);
          return true;
        }
        if (frame.pendingEntry === undefined) {
          report(tagOffset, nameEnd - tagOffset, `Value <${name}> has no <key> before it`);
          return false;
        }
        frame.pendingEntry.value = value;
        frame.pendingEntry = undefined;
        return true;
      case 'array':
        frame.node.items.push(value);
        return true;
    }
  }

  /** Decodes `text[from, to)`; without an '&' in it, that is a plain slice. */
  function decode(from: number, to: number): string {
    if (nextAmpersand < from) {
      nextAmpersand = text.indexOf('&', from);
      if (nextAmpersand < 0) nextAmpersand = text.length;
    }
    return nextAmpersand >= to ? text.slice(from, to) : decodeText(text, from, to, report);
  }

  /**
   * Reads the content of a `<key>` or scalar element (its start tag ends at `textOffset`) up to its end tag,
   * recovering if the end tag is missing. The result is left in the `content*` variables.
   */
  function readContent(tagOffset: number, textOffset: number, elementName: string): void {
    // Nearly every element is plain text and its end tag: read that in one step, with the same result as below.
    const simpleEnd = isPushedBack ? -1 : cursor.simpleContentEnd(elementName);
    if (simpleEnd >= 0) {
      contentText = simpleEnd > textOffset ? decode(textOffset, simpleEnd) : '';
      contentTextEnd = simpleEnd;
      cursor.takeEndTag(simpleEnd, elementName);
      contentEnd = cursor.end;
      contentIsClosed = true;
      return;
    }
    let textEnd = textOffset;
    let decoded = '';
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
    const dict = frame.kind === 'dict' || (frame.kind === 'detached' && frame.node.kind === 'dict') ? frame.node as DictNode : undefined;
    if (dict === undefined) report(tagOffset, nameEnd - tagOffset, '<key> is only allowed directly inside a <dict>');
    if (isSelfClosing) {
      contentTextEnd = tagEnd;
      contentText = '';
      contentEnd = tagEnd;
      contentIsClosed = true;
    } else {
      readContent(tagOffset, tagEnd, 'key');
    }
    if (dict === undefined || (frame.kind !== 'dict' && frame.kind !== 'detached')) return;
    if (frame.pendingEntry !== undefined) reportMissingValue(frame.pendingEntry);
    const key: KeyNode = { kind: 'key', offset: tagOffset, end: contentEnd, isClosed: contentIsClosed, textOffset: tagEnd, textEnd: contentTextEnd, text: contentText, parent: dict };
    const entry: DictEntry = { key, value: undefined };
    dict.entries.push(entry);
    frame.pendingEntry = entry;
    if (frame.isReachable) {
      entries.push(entry);
      entryPaths.push(frame.path);
    }
  }

  function reportMissingValue(entry: DictEntry): void {
    const key = entry.key;
    const hasText = key.textEnd > key.textOffset;
    report(hasText ? key.textOffset : key.offset, hasText ? key.textEnd - key.textOffset : key.end - key.offset, `Key '${key.text}' has no value`);
  }

  function readScalar(kind: ScalarKind, name: string, tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
    const parent = currentParent();
    const node: ScalarNode = { kind, offset: tagOffset, end: tagEnd, isClosed: true, parent, textOffset: tagEnd, textEnd: tagEnd, text: kind === 'boolean' ? name : '' };
    if (!isSelfClosing) {
      readContent(tagOffset, tagEnd, name);
      if (kind === 'boolean') {
        if (contentText.trim() !== '') report(tagEnd, contentTextEnd - tagEnd, `<${name}> takes no content; write <${name}/>`);
      } else {
        node.textEnd = contentTextEnd;
        node.text = contentText;
      }
      node.end = contentEnd;
      node.isClosed = contentIsClosed;
    }
    checkScalarText(node);
    attach(node, tagOffset, nameEnd, name);
  }

  function checkScalarText(node: ScalarNode): void {
    switch (node.kind) {
      case 'integer':
        if (!INTEGER.test(node.text)) reportScalar(node, `Invalid <integer> '${node.text.trim()}'`);
        break;
      case 'real':
        if (!REAL.test(node.text)) reportScalar(node, `Invalid <real> '${node.text.trim()}'`);
        break;
      case 'date':
        if (!DATE.test(node.text)) reportScalar(node, `Invalid <date> '${node.text.trim()}': expected YYYY-MM-DDTHH:MM:SSZ`);
        break;
      case 'data':
        if (!BASE64.test(node.text)) reportScalar(node, '<data> must hold base64 text');
        break;
      default:
        break;
    }
  }

  /** A problem on a scalar's text, or on the whole element when it has none. */
  function reportScalar(node: ScalarNode, message: string): void {
    if (node.textEnd > node.textOffset) report(node.textOffset, node.textEnd - node.textOffset, message);
    else report(node.offset, node.end - node.offset, message);
  }

  function openContainer(kind: 'dict' | 'array', tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
    const parent = currentParent();
    const node: ContainerNode = kind === 'dict'
      ? { kind, offset: tagOffset, end: tagEnd, isClosed: true, parent, entries: [] }
      : { kind, offset: tagOffset, end: tagEnd, isClosed: true, parent, items: [] };
    const parentFrame = top();
    const owner = parentFrame.kind === 'dict' || parentFrame.kind === 'detached' ? parentFrame.pendingEntry : undefined;
    const path = owner === undefined ? parentFrame.path : appendKey(parentFrame.path, owner.key.text);
    const isAttached = attach(node, tagOffset, nameEnd, kind);
    const isReachable = isAttached && parentFrame.isReachable;
    if (isReachable && node.kind === 'dict') dictNodes.push(node);
    if (isSelfClosing) return;
    if (containerDepth() >= MAX_NESTING_DEPTH) {
      report(tagOffset, nameEnd - tagOffset, `Nesting deeper than ${MAX_NESTING_DEPTH} levels; the rest of this element is skipped`);
      skipElement();
      return;
    }
    node.isClosed = false;
    if (!isAttached) {
      // Still parse its content, so that one misplaced value does not swallow what follows.
      stack.push(frameOf('detached', node, tagOffset, nameEnd, path, false));
    } else if (node.kind === 'dict') {
      stack.push(frameOf('dict', node, tagOffset, nameEnd, path, isReachable));
    } else {
      stack.push(frameOf('array', node, tagOffset, nameEnd, path, isReachable));
    }
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
    while (stack.length - 1 > index) closeFrame(stack.pop() as Frame, tagOffset, false);
    closeFrame(stack.pop() as Frame, tagEnd, true);
  }

  function frameName(frame: Frame): string {
    if (frame.kind === 'document') return '';
    if (frame.kind === 'plist') return 'plist';
    return frame.node.kind;
  }

  function closeFrame(frame: Frame, end: number, isClosed: boolean): void {
    if (frame.kind === 'document') return;
    if (frame.kind === 'plist') {
      plistElement = { offset: frame.offset, end };
      if (!isClosed) report(frame.offset, frame.nameEnd - frame.offset, 'Missing </plist>');
      return;
    }
    if (frame.kind !== 'array' && frame.pendingEntry !== undefined) reportMissingValue(frame.pendingEntry);
    frame.node.end = end;
    frame.node.isClosed = isClosed;
    if (!isClosed) report(frame.node.offset, frame.nameEnd - frame.node.offset, `Missing </${frame.node.kind}>`);
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
        else stack.push(frameOf('plist', undefined, tagOffset, nameEnd, NO_PATH, true));
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
        readScalar(name, name, tagOffset, tagEnd, nameEnd, isSelfClosing);
        return;
      case 'true':
      case 'false':
        readScalar('boolean', name, tagOffset, tagEnd, nameEnd, isSelfClosing);
        return;
      default:
        report(tagOffset, nameEnd - tagOffset, `Unknown element <${name}>; plists use dict, array, key, string, integer, real, true, false, date and data`);
        if (!isSelfClosing) skipElement();
    }
  }

  for (;;) {
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
  while (stack.length > 1) closeFrame(stack.pop() as Frame, text.length, false);
  // Undecodable bytes reach us as U+FFFD, from the editor or from Node's decoder in the CLI. Xcode rejects such a
  // file; one problem, at the first, says why.
  const replacement = text.indexOf(REPLACEMENT_CHARACTER);
  if (replacement >= 0) report(replacement, 1, 'Invalid UTF-8: bytes here could not be decoded (shown as U+FFFD); save the file as UTF-8');
  if (root === undefined && !sawPlistTag && text.trim() !== '') {
    report(0, 0, 'No <plist> element found');
  }
  problems.sort((a, b) => a.offset - b.offset);
  const entryList: EntryList = { entries, dictPaths: entryPaths, dictNodes };
  return { text, root, problems, plistElement, entryList };
}

/** `path` with `key` added: by hand, because `concat` cost a sixth of the whole parse. */
function appendKey(path: readonly string[], key: string): readonly string[] {
  const result: string[] = [];
  for (let index = 0; index < path.length; index++) result.push(path[index] as string);
  result.push(key);
  return result;
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

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}
