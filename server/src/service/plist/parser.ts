/**
 * Turns scanner tokens into a plist tree and a list of problems. It never throws and never gives up: on an error it
 * records one problem, recovers at the next tag it understands and carries on, so every key before and after a
 * mistake keeps its exact position. Nesting is handled with an explicit stack, so a 10,000-deep file cannot
 * overflow the call stack.
 */
import { decodeText } from './entities';
import type { ArrayNode, ContainerNode, DictEntry, DictNode, KeyNode, PlistDocument, ScalarKind, ScalarNode, SyntaxProblem, ValueNode } from './nodes';
import { createScanner, type Token } from './scanner';

/** Containers deeper than this are reported and skipped: no real plist comes close, and it bounds every walk. */
export const MAX_NESTING_DEPTH = 512;

const SCALAR_ELEMENTS: ReadonlySet<string> = new Set(['string', 'integer', 'real', 'date', 'data']);
const INTEGER = /^\s*[+-]?(?:\d+|0[xX][0-9a-fA-F]+)\s*$/;
const REAL = /^\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity)|nan)\s*$/i;
const DATE = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s*$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

type Frame =
  | { readonly kind: 'document' }
  | { readonly kind: 'plist'; readonly offset: number; readonly nameEnd: number }
  | { readonly kind: 'dict'; readonly node: DictNode; readonly nameEnd: number; pendingEntry: DictEntry | undefined }
  | { readonly kind: 'array'; readonly node: ArrayNode; readonly nameEnd: number }
  | { readonly kind: 'detached'; readonly node: ContainerNode; readonly nameEnd: number; pendingEntry: DictEntry | undefined };

/** Parses plist XML. Always returns a document; problems describe whatever was wrong. */
export function parsePlist(text: string): PlistDocument {
  if (text.startsWith('bplist')) {
    // A binary plist opened as text: nothing to parse, and every other message would be noise.
    return { text, root: undefined, plistElement: undefined, problems: [{ offset: 0, length: 6, message: 'This is a binary property list; convert it to XML to edit it (plutil -convert xml1 FILE)' }] };
  }
  const scanner = createScanner(text);
  const problems: SyntaxProblem[] = [];
  const problemOffsets = new Set<number>();
  let root: ValueNode | undefined;
  let plistElement: { offset: number; end: number } | undefined;
  let sawPlistTag = false;
  let reportedMissingPlist = false;
  const stack: Frame[] = [{ kind: 'document' }];
  let pushedBack: Token | undefined;

  function report(offset: number, length: number, message: string): void {
    // One problem per offset keeps a cascade of recoveries from burying the first, real mistake.
    if (problemOffsets.has(offset)) return;
    problemOffsets.add(offset);
    problems.push({ offset, length: Math.max(0, length), message });
  }

  function next(): Token {
    if (pushedBack !== undefined) {
      const token = pushedBack;
      pushedBack = undefined;
      return token;
    }
    const token = scanner.scan();
    if (token.error !== undefined) report(token.offset, token.end - token.offset, token.error);
    return token;
  }

  function top(): Frame {
    // The document frame is never popped, so the stack is never empty.
    return stack[stack.length - 1] as Frame;
  }

  function containerDepth(): number {
    return stack.length - 2;
  }

  function tagLength(token: Token): number {
    return token.nameOffset + token.name.length - token.offset;
  }

  function currentParent(): ContainerNode | undefined {
    const frame = top();
    return frame.kind === 'dict' || frame.kind === 'array' || frame.kind === 'detached' ? frame.node : undefined;
  }

  /** Places a finished or opened value where the enclosing frame expects one. Returns false if it has no home. */
  function attach(value: ValueNode, token: Token): boolean {
    const frame = top();
    switch (frame.kind) {
      case 'document':
        if (root === undefined) {
          root = value;
          if (!sawPlistTag && !reportedMissingPlist) {
            reportedMissingPlist = true;
            report(token.offset, tagLength(token), 'Missing <plist> root element around this value');
          }
          return true;
        }
        report(token.offset, tagLength(token), `Unexpected <${token.name}> after the root value`);
        return false;
      case 'plist':
        if (root === undefined) {
          root = value;
          return true;
        }
        report(token.offset, tagLength(token), `A plist holds one root value; unexpected <${token.name}>`);
        return false;
      case 'dict':
      case 'detached':
        if (frame.node.kind === 'array') {
          frame.node.items.push(value);
          return true;
        }
        if (frame.pendingEntry === undefined) {
          report(token.offset, tagLength(token), `Value <${token.name}> has no <key> before it`);
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

  /** Reads the content of a `<key>` or scalar element up to its end tag, recovering if the end tag is missing. */
  function readContent(start: Token, elementName: string): { textOffset: number; textEnd: number; text: string; end: number; isClosed: boolean } {
    const textOffset = start.end;
    let textEnd = textOffset;
    let decoded = '';
    for (;;) {
      const token = next();
      switch (token.type) {
        case 'text':
          decoded += decodeText(text, token.offset, token.end, report);
          textEnd = token.end;
          continue;
        case 'cdata':
          decoded += text.slice(token.offset + 9, token.error === undefined ? token.end - 3 : token.end);
          textEnd = token.end;
          continue;
        case 'comment':
          textEnd = token.end;
          continue;
        case 'end-tag':
          if (token.name === elementName) return { textOffset, textEnd, text: decoded, end: token.end, isClosed: true };
          break;
        default:
          break;
      }
      // Anything else means the end tag is missing: end the element before this token and let the caller see it.
      pushedBack = token;
      const trimmedEnd = trimEnd(textOffset, textEnd);
      const length = trimmedEnd > textOffset ? trimmedEnd - textOffset : start.end - start.offset;
      report(trimmedEnd > textOffset ? textOffset : start.offset, length, `Missing </${elementName}>`);
      return { textOffset, textEnd: trimmedEnd, text: decoded.trimEnd(), end: trimmedEnd, isClosed: false };
    }
  }

  function trimEnd(from: number, to: number): number {
    let end = to;
    while (end > from && isWhitespace(text.charCodeAt(end - 1))) end--;
    return end;
  }

  function readKey(token: Token): void {
    const frame = top();
    const dict = frame.kind === 'dict' || (frame.kind === 'detached' && frame.node.kind === 'dict') ? frame.node as DictNode : undefined;
    if (dict === undefined) report(token.offset, tagLength(token), '<key> is only allowed directly inside a <dict>');
    const content = token.isSelfClosing
      ? { textOffset: token.end, textEnd: token.end, text: '', end: token.end, isClosed: true }
      : readContent(token, 'key');
    if (dict === undefined || (frame.kind !== 'dict' && frame.kind !== 'detached')) return;
    if (frame.pendingEntry !== undefined) reportMissingValue(frame.pendingEntry);
    const key: KeyNode = { kind: 'key', offset: token.offset, ...content, parent: dict };
    const entry: DictEntry = { key, value: undefined };
    dict.entries.push(entry);
    frame.pendingEntry = entry;
  }

  function reportMissingValue(entry: DictEntry): void {
    const key = entry.key;
    const hasText = key.textEnd > key.textOffset;
    report(hasText ? key.textOffset : key.offset, hasText ? key.textEnd - key.textOffset : key.end - key.offset, `Key '${key.text}' has no value`);
  }

  function readScalar(token: Token, kind: ScalarKind): void {
    const parent = currentParent();
    let node: ScalarNode;
    if (kind === 'boolean') {
      node = { kind, offset: token.offset, end: token.end, isClosed: true, parent, textOffset: token.end, textEnd: token.end, text: token.name };
      if (!token.isSelfClosing) {
        const content = readContent(token, token.name);
        if (content.text.trim() !== '') report(content.textOffset, content.textEnd - content.textOffset, `<${token.name}> takes no content; write <${token.name}/>`);
        node.end = content.end;
        node.isClosed = content.isClosed;
      }
    } else if (token.isSelfClosing) {
      node = { kind, offset: token.offset, end: token.end, isClosed: true, parent, textOffset: token.end, textEnd: token.end, text: '' };
    } else {
      const content = readContent(token, token.name);
      node = { kind, offset: token.offset, parent, ...content };
    }
    checkScalarText(node);
    attach(node, token);
  }

  function checkScalarText(node: ScalarNode): void {
    const range = node.textEnd > node.textOffset ? [node.textOffset, node.textEnd - node.textOffset] as const : [node.offset, node.end - node.offset] as const;
    switch (node.kind) {
      case 'integer':
        if (!INTEGER.test(node.text)) report(range[0], range[1], `Invalid <integer> '${node.text.trim()}'`);
        break;
      case 'real':
        if (!REAL.test(node.text)) report(range[0], range[1], `Invalid <real> '${node.text.trim()}'`);
        break;
      case 'date':
        if (!DATE.test(node.text)) report(range[0], range[1], `Invalid <date> '${node.text.trim()}': expected YYYY-MM-DDTHH:MM:SSZ`);
        break;
      case 'data':
        if (!BASE64.test(node.text)) report(range[0], range[1], '<data> must hold base64 text');
        break;
      default:
        break;
    }
  }

  function openContainer(token: Token, kind: 'dict' | 'array'): void {
    const parent = currentParent();
    const node: ContainerNode = kind === 'dict'
      ? { kind, offset: token.offset, end: token.end, isClosed: true, parent, entries: [] }
      : { kind, offset: token.offset, end: token.end, isClosed: true, parent, items: [] };
    const isAttached = attach(node, token);
    if (token.isSelfClosing) return;
    if (containerDepth() >= MAX_NESTING_DEPTH) {
      report(token.offset, tagLength(token), `Nesting deeper than ${MAX_NESTING_DEPTH} levels; the rest of this element is skipped`);
      skipElement();
      return;
    }
    node.isClosed = false;
    const nameEnd = token.nameOffset + token.name.length;
    if (!isAttached) {
      // Still parse its content, so that one misplaced value does not swallow what follows.
      stack.push({ kind: 'detached', node, nameEnd, pendingEntry: undefined });
    } else if (node.kind === 'dict') {
      stack.push({ kind: 'dict', node, nameEnd, pendingEntry: undefined });
    } else {
      stack.push({ kind: 'array', node, nameEnd });
    }
  }

  /** Skips an element and everything inside it without building nodes. */
  function skipElement(): void {
    let depth = 1;
    for (;;) {
      const token = next();
      if (token.type === 'eof') {
        pushedBack = token;
        return;
      }
      if (token.type === 'start-tag' && !token.isSelfClosing && token.error === undefined) depth++;
      else if (token.type === 'end-tag' && --depth === 0) return;
    }
  }

  /** Closes the innermost frames up to and including the one that `</name>` closes; reports the ones left open. */
  function closeElement(token: Token): void {
    let index = stack.length - 1;
    while (index > 0 && frameName(stack[index] as Frame) !== token.name) index--;
    if (index === 0) {
      report(token.offset, token.end - token.offset, `Unexpected </${token.name}>`);
      return;
    }
    while (stack.length - 1 > index) closeFrame(stack.pop() as Frame, token.offset, false);
    closeFrame(stack.pop() as Frame, token.end, true);
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

  function readText(token: Token): void {
    if (token.error !== undefined) return;
    for (let index = token.offset; index < token.end; index++) {
      if (!isWhitespace(text.charCodeAt(index))) {
        if (isPreprocessorText(text.slice(index, token.end))) return;
        const end = trimEnd(index, token.end);
        const frame = top();
        const where = frame.kind === 'document' ? 'outside the root element' : `inside <${frameName(frame)}>`;
        report(index, end - index, `Unexpected text ${where}`);
        return;
      }
    }
  }

  for (;;) {
    const token = next();
    if (token.type === 'eof') break;
    switch (token.type) {
      case 'text':
        readText(token);
        break;
      case 'cdata':
        report(token.offset, token.end - token.offset, 'CDATA is only allowed inside <key> or <string>');
        break;
      case 'comment':
      case 'processing-instruction':
      case 'doctype':
        break;
      case 'end-tag':
        closeElement(token);
        break;
      case 'start-tag':
        if (token.error !== undefined) {
          // A half-typed tag such as `<stri` at the end of the file: already reported, nothing to build.
          break;
        }
        if (token.name === 'plist') {
          if (sawPlistTag || stack.length > 1) {
            report(token.offset, tagLength(token), 'Unexpected <plist>: it may only be the root element');
            break;
          }
          sawPlistTag = true;
          if (token.isSelfClosing) plistElement = { offset: token.offset, end: token.end };
          else stack.push({ kind: 'plist', offset: token.offset, nameEnd: token.nameOffset + token.name.length });
        } else if (token.name === 'dict' || token.name === 'array') {
          openContainer(token, token.name);
        } else if (token.name === 'key') {
          readKey(token);
        } else if (SCALAR_ELEMENTS.has(token.name)) {
          readScalar(token, token.name as ScalarKind);
        } else if (token.name === 'true' || token.name === 'false') {
          readScalar(token, 'boolean');
        } else {
          report(token.offset, tagLength(token), `Unknown element <${token.name}>; plists use dict, array, key, string, integer, real, true, false, date and data`);
          if (!token.isSelfClosing) skipElement();
        }
        break;
    }
  }
  while (stack.length > 1) closeFrame(stack.pop() as Frame, text.length, false);
  if (root === undefined && !sawPlistTag && text.trim() !== '') {
    report(0, 0, 'No <plist> element found');
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { text, root, problems, plistElement };
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
