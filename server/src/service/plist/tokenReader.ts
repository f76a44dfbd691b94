/**
 * The token path: reads one token at a time and everything it can mean, with every check and every recovery.
 *
 * Contract: `readToken` reads the token after the cursor (or the pushed-back one) and whatever element it starts,
 * content and end tag included, writing rows, frames and problems into the state; it returns false at the end of
 * the text. It accepts any input and any state the direct path (directReader.ts) leaves, and a parse made only of
 * calls to it (`parsePlistByTokens`) is the reference the direct path is compared with.
 */
import { ChunkedList } from './chunkedList';
import type { CommentSpan } from './nodes';
import { frameName, isWhitespace, takesKeys, type ParserState } from './parserState';
import { KIND_DATA, KIND_DATE, KIND_FALSE, KIND_INTEGER, KIND_KEY, KIND_REAL, KIND_STRING, KIND_TRUE } from './table';

/** What a comment addressed to us starts with (after `<!--` and blanks), as in `plist-sentinel-disable-next-line`. */
export const DIRECTIVE_PREFIX = 'plist-sentinel-';

const COMMENT_START_LENGTH = '<!--'.length;
const CDATA_START_LENGTH = '<![CDATA['.length;
const CDATA_END_LENGTH = ']]>'.length;

/** Each scalar element name's row kind. */
const SCALAR_KINDS: ReadonlyMap<string, number> = new Map([
  ['string', KIND_STRING],
  ['integer', KIND_INTEGER],
  ['real', KIND_REAL],
  ['date', KIND_DATE],
  ['data', KIND_DATA],
  ['true', KIND_TRUE],
  ['false', KIND_FALSE],
]);

const PREPROCESSOR_LINE = /^#\s*(if|ifdef|ifndef|elif|else|endif|include|import|define|undef|error|warning|pragma)\b/;

/** Reads the next token and the element it starts; false at the end of the text. */
export function readToken(state: ParserState): boolean {
  const type = state.next(true);
  const cursor = state.cursor;
  switch (type) {
    case 'eof':
      return false;
    case 'text':
      if (cursor.error === undefined) readText(state, cursor.offset, cursor.end);
      break;
    case 'cdata':
      state.report(cursor.offset, cursor.end - cursor.offset, 'CDATA is only allowed inside <key> or <string>');
      break;
    case 'comment':
      if (cursor.error === undefined && isDirectiveComment(state.text, cursor.offset, cursor.end)) {
        (state.directiveComments ??= new ChunkedList<CommentSpan>()).push({ offset: cursor.offset, end: cursor.end });
      }
      break;
    case 'processing-instruction':
    case 'doctype':
      break;
    case 'end-tag':
      state.closeElement(cursor.name, cursor.offset, cursor.end);
      break;
    case 'start-tag':
      // A half-typed tag such as `<stri` at the end of the file is already reported, and there is nothing to build.
      if (cursor.error === undefined) readStartTag(state);
      break;
  }
  return true;
}

function readStartTag(state: ParserState): void {
  const cursor = state.cursor;
  const name = cursor.name;
  const tagOffset = cursor.offset;
  const tagEnd = cursor.end;
  const nameEnd = cursor.nameOffset + name.length;
  const isSelfClosing = cursor.isSelfClosing;
  if (name === 'dict' || name === 'array') {
    if (!state.openContainer(name === 'array', tagOffset, tagEnd, nameEnd, isSelfClosing)) skipElement(state);
    return;
  }
  if (name === 'key') return readKey(state, tagOffset, tagEnd, nameEnd, isSelfClosing);
  if (name === 'plist') return readPlistTag(state, tagOffset, tagEnd, nameEnd, isSelfClosing);
  const kind = SCALAR_KINDS.get(name);
  if (kind !== undefined) return readScalar(state, kind, name, tagOffset, tagEnd, nameEnd, isSelfClosing);
  state.report(tagOffset, nameEnd - tagOffset, `Unknown element <${name}>; plists use dict, array, key, string, integer, real, true, false, date and data`);
  if (!isSelfClosing) skipElement(state);
}

function readPlistTag(state: ParserState, tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
  if (state.sawPlistTag || !state.isAtDocumentLevel()) {
    state.report(tagOffset, nameEnd - tagOffset, 'Unexpected <plist>: it may only be the root element');
    return;
  }
  state.sawPlistTag = true;
  if (isSelfClosing) state.plistElement = { offset: tagOffset, end: tagEnd };
  else state.pushFrame('plist', -1, false, tagOffset, nameEnd, true);
}

function readKey(state: ParserState, tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
  const frame = state.top();
  const isInDict = takesKeys(frame);
  if (!isInDict) state.report(tagOffset, nameEnd - tagOffset, '<key> is only allowed directly inside a <dict>');
  const content = state.content;
  if (isSelfClosing) setEmptyContent(state, tagEnd);
  else readContent(state, tagOffset, tagEnd, 'key', false);
  if (!isInDict) return;
  if (frame.pendingKey >= 0) state.reportMissingValue(frame.pendingKey);
  const table = state.table;
  const key = table.add(KIND_KEY, tagOffset, content.end, tagEnd, content.textEnd, content.isClosed);
  if (isSelfClosing || content.isSlice) table.setSourceText(key);
  else table.setText(key, content.text);
  table.attachTo(key, frame.element);
  frame.pendingKey = key;
  // The entry list (see EntryList) is built as keys are read, so rules need no walk of their own.
  if (frame.isReachable) table.addEntryKey(key);
}

function readScalar(state: ParserState, kind: number, name: string, tagOffset: number, tagEnd: number, nameEnd: number, isSelfClosing: boolean): void {
  const table = state.table;
  const scalar = table.add(kind, tagOffset, tagEnd, tagEnd, tagEnd, true);
  let scalarText = '';
  if (!isSelfClosing) {
    const content = state.content;
    readContent(state, tagOffset, tagEnd, name, kind !== KIND_STRING);
    if (kind === KIND_TRUE || kind === KIND_FALSE) {
      if (content.text.trim() !== '') state.report(tagEnd, content.textEnd - tagEnd, `<${name}> takes no content; write <${name}/>`);
    } else {
      table.setTextEnd(scalar, content.textEnd);
      if (!content.isSlice) table.setText(scalar, content.text);
      scalarText = content.text;
    }
    table.setEnd(scalar, content.end, content.isClosed);
  }
  state.checkScalarText(kind, scalar, scalarText);
  state.attach(scalar, tagOffset, nameEnd, name);
}

function setEmptyContent(state: ParserState, at: number): void {
  const content = state.content;
  content.textEnd = at;
  content.text = '';
  content.end = at;
  content.isClosed = true;
  content.isSlice = true;
}

/**
 * Reads the content of a `<key>` or scalar element (its start tag ends at `textOffset`) up to its end tag,
 * recovering if the end tag is missing, into `state.content`. Unless `isSliceNeeded`, plain text is not sliced
 * (`content.isSlice`, with `content.text` `''`): a `<string>`'s text is read from the source when asked for.
 */
function readContent(state: ParserState, tagOffset: number, textOffset: number, elementName: string, isSliceNeeded: boolean): void {
  // Nearly every element is plain text and its end tag: read in one step, with the same result as the token loop.
  const simpleEnd = state.isPushedBack ? -1 : state.cursor.simpleContentEnd(elementName);
  if (simpleEnd >= 0) readPlainContent(state, textOffset, simpleEnd, elementName, isSliceNeeded);
  else readMixedContent(state, tagOffset, textOffset, elementName);
}

function readPlainContent(state: ParserState, textOffset: number, textEnd: number, elementName: string, isSliceNeeded: boolean): void {
  const content = state.content;
  if (textEnd === textOffset || (!isSliceNeeded && state.isPlainText(textOffset, textEnd))) {
    content.text = '';
    content.isSlice = true;
  } else {
    content.text = state.decode(textOffset, textEnd);
    content.isSlice = state.decodedIsSlice;
  }
  content.textEnd = textEnd;
  state.cursor.takeEndTag(textEnd, elementName);
  content.end = state.cursor.end;
  content.isClosed = true;
}

/** Content with entities, CDATA or comments in it, token by token. */
function readMixedContent(state: ParserState, tagOffset: number, textOffset: number, elementName: string): void {
  const cursor = state.cursor;
  const content = state.content;
  let textEnd = textOffset;
  let decoded = '';
  content.isSlice = false;
  for (;;) {
    const type = state.next();
    if (type === 'text') decoded += state.decode(cursor.offset, cursor.end);
    else if (type === 'cdata') decoded += state.text.slice(cursor.offset + CDATA_START_LENGTH, cursor.error === undefined ? cursor.end - CDATA_END_LENGTH : cursor.end);
    else if (type !== 'comment') break;
    textEnd = cursor.end;
  }
  if (cursor.type === 'end-tag' && cursor.name === elementName) {
    content.textEnd = textEnd;
    content.text = decoded;
    content.end = cursor.end;
    content.isClosed = true;
    return;
  }
  // Anything else means the end tag is missing: end the element before this token and let the caller read it.
  state.isPushedBack = true;
  const trimmedEnd = state.trimEnd(textOffset, textEnd);
  const hasText = trimmedEnd > textOffset;
  state.report(hasText ? textOffset : tagOffset, hasText ? trimmedEnd - textOffset : textOffset - tagOffset, `Missing </${elementName}>`);
  content.textEnd = trimmedEnd;
  content.text = decoded.trimEnd();
  content.end = trimmedEnd;
  content.isClosed = false;
}

/** Skips an element and everything inside it without building rows. */
function skipElement(state: ParserState): void {
  const cursor = state.cursor;
  let depth = 1;
  for (;;) {
    const type = state.next();
    if (type === 'eof') {
      state.isPushedBack = true;
      return;
    }
    if (type === 'start-tag' && !cursor.isSelfClosing && cursor.error === undefined) depth++;
    else if (type === 'end-tag' && --depth === 0) return;
  }
}

/** Text between elements: blanks and preprocessor lines are fine, anything else is reported. */
function readText(state: ParserState, offset: number, end: number): void {
  const text = state.text;
  let index = offset;
  while (index < end && isWhitespace(text.charCodeAt(index))) index++;
  if (index === end || isPreprocessorText(text.slice(index, end))) return;
  const frame = state.top();
  const where = frame.kind === 'document' ? 'outside the root element' : `inside <${frameName(frame)}>`;
  state.report(index, state.trimEnd(index, end) - index, `Unexpected text ${where}`);
}

/** True when the comment `text[offset, end)` starts, after `<!--` and blanks, with DIRECTIVE_PREFIX. */
function isDirectiveComment(text: string, offset: number, end: number): boolean {
  let start = offset + COMMENT_START_LENGTH;
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
    if (!PREPROCESSOR_LINE.test(trimmed)) return false;
    sawDirective = true;
  }
  return sawDirective;
}
