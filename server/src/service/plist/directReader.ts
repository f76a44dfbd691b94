/**
 * The direct path: reads the elements nearly every file is made of straight from the text, without tokens.
 *
 * Contract: `readCommonElements` reads, from the cursor's position on, elements one after another for as long as
 * each is one of these and comes where the innermost open element expects it: `<key>`, `<string>`, `<integer>` and
 * `<real>` with plain text (no markup) and their end tag, `<true/>`, `<false/>`, `<dict>` and `<array>` (not too
 * deep), and the end tag of the innermost container. At anything else it stops before changing anything and leaves
 * the cursor there, for the token path (tokenReader.ts) to read with every check and recovery. The rows, frames and
 * problems it writes are exactly those the token path would write for the same elements; the sameParse tests
 * (test/fuzz/sameParse.ts) compare the two on the corpus and on fuzzed files.
 */
import { MAX_NESTING_DEPTH, takesKeys, takesValue, type ParserState } from './parserState';
import { plainContentEnd } from './scanner';
import { KIND_FALSE, KIND_INTEGER, KIND_KEY, KIND_REAL, KIND_STRING, KIND_TRUE } from './table';

const LESS_THAN = 0x3c;
const SLASH = 0x2f;
const PLUS = 0x2b;
const MINUS = 0x2d;
const POINT = 0x2e;

const TRUE_TAG = '<true/>';
const FALSE_TAG = '<false/>';
const DICT_START = '<dict>';
const ARRAY_START = '<array>';
const DICT_END = '</dict>';
const ARRAY_END = '</array>';

/** An element with text read here: its row kind, name and tags. */
interface TextElement {
  readonly kind: number;
  readonly name: string;
  readonly startTag: string;
  readonly endTagLength: number;
}

function textElement(kind: number, name: string): TextElement {
  return { kind, name, startTag: `<${name}>`, endTagLength: `</${name}>`.length };
}

const KEY_ELEMENT = textElement(KIND_KEY, 'key');
const STRING_ELEMENT = textElement(KIND_STRING, 'string');
const INTEGER_ELEMENT = textElement(KIND_INTEGER, 'integer');
const REAL_ELEMENT = textElement(KIND_REAL, 'real');

/** Reads common elements from the cursor's position on (see the contract above), then moves the cursor past them. */
export function readCommonElements(state: ParserState): void {
  const source = state.text;
  let position = state.cursor.position;
  for (;;) {
    let start = position;
    let code = source.charCodeAt(start);
    while (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d) code = source.charCodeAt(++start);
    if (code !== LESS_THAN) break;
    const end = readElementAt(state, source, start);
    if (end < 0) break;
    position = end;
  }
  state.cursor.moveTo(position);
}

/** Reads the element whose `<` is at `start`; returns where it ends, or -1 (nothing read) when it is not for here. */
function readElementAt(state: ParserState, source: string, start: number): number {
  switch (source.charCodeAt(start + 1)) {
    case 0x6b: // k
      return readTextElement(state, source, start, KEY_ELEMENT);
    case 0x73: // s
      return readTextElement(state, source, start, STRING_ELEMENT);
    case 0x69: // i
      return readTextElement(state, source, start, INTEGER_ELEMENT);
    case 0x72: // r
      return readTextElement(state, source, start, REAL_ELEMENT);
    case 0x74: // t
      return readBoolean(state, source, start, TRUE_TAG, KIND_TRUE);
    case 0x66: // f
      return readBoolean(state, source, start, FALSE_TAG, KIND_FALSE);
    case 0x64: // d
      return openContainerAt(state, source, start, DICT_START, false);
    case 0x61: // a
      return openContainerAt(state, source, start, ARRAY_START, true);
    case SLASH:
      return closeContainerAt(state, source, start);
    default:
      return -1;
  }
}

function readBoolean(state: ParserState, source: string, start: number, tag: string, kind: number): number {
  const frame = state.top();
  if (!isTagAt(source, start, tag) || !takesValue(frame)) return -1;
  const end = start + tag.length;
  const table = state.table;
  table.attachTo(table.add(kind, start, end, end, end, true), frame.element);
  frame.pendingKey = -1;
  return end;
}

/** A container nested too deep is left to the token path, which reports it and skips it. */
function openContainerAt(state: ParserState, source: string, start: number, tag: string, isArray: boolean): number {
  if (!isTagAt(source, start, tag) || state.containerDepth() >= MAX_NESTING_DEPTH) return -1;
  const end = start + tag.length;
  state.openContainer(isArray, start, end, end - 1, false);
  return end;
}

/** Only the innermost container's end tag: one that closes others too is left to the token path, which reports them. */
function closeContainerAt(state: ParserState, source: string, start: number): number {
  const frame = state.top();
  const tag = frame.isArray ? ARRAY_END : takesKeys(frame) ? DICT_END : undefined;
  if (tag === undefined || !isTagAt(source, start, tag)) return -1;
  const end = start + tag.length;
  state.popFrame(end, true);
  return end;
}

/** A key where its dict takes one, or a value where one is expected, with plain text and its end tag. */
function readTextElement(state: ParserState, source: string, start: number, element: TextElement): number {
  const frame = state.top();
  const kind = element.kind;
  if (!(kind === KIND_KEY ? takesKeys(frame) && frame.pendingKey < 0 : takesValue(frame))) return -1;
  if (!isTagAt(source, start, element.startTag)) return -1;
  const textOffset = start + element.startTag.length;
  const textEnd = plainContentEnd(source, textOffset, element.name);
  if (textEnd < 0) return -1;
  const end = textEnd + element.endTagLength;
  const table = state.table;
  const row = table.add(kind, start, end, textOffset, textEnd, true);
  table.attachTo(row, frame.element);
  if (kind === KIND_KEY) {
    if (state.isPlainText(textOffset, textEnd)) table.setSourceText(row);
    else table.setText(row, state.decode(textOffset, textEnd));
    frame.pendingKey = row;
    if (frame.isReachable) table.addEntryKey(row);
  } else {
    frame.pendingKey = -1;
    readValueText(state, kind, row, textOffset, textEnd);
  }
  return end;
}

/**
 * A value's text, as the token path keeps and checks it. A string's plain text is read from the source when asked
 * for, and a plain run of digits is a valid number without making its text.
 */
function readValueText(state: ParserState, kind: number, row: number, textOffset: number, textEnd: number): void {
  const source = state.text;
  if (kind === KIND_STRING) {
    if (!state.isPlainText(textOffset, textEnd)) state.table.setText(row, state.decode(textOffset, textEnd));
    return;
  }
  if (kind === KIND_INTEGER ? isPlainInteger(source, textOffset, textEnd) : isPlainReal(source, textOffset, textEnd)) return;
  const text = textEnd === textOffset ? '' : state.decode(textOffset, textEnd);
  if (!state.decodedIsSlice && textEnd > textOffset) state.table.setText(row, text);
  state.checkScalarText(kind, row, text);
}

/** An optional sign and digits: what INTEGER takes, short of spaces and hexadecimal. */
function isPlainInteger(source: string, from: number, to: number): boolean {
  let index = from;
  const first = source.charCodeAt(index);
  if (first === PLUS || first === MINUS) index++;
  if (index === to) return false;
  for (; index < to; index++) {
    if (!isDigit(source.charCodeAt(index))) return false;
  }
  return true;
}

/** An optional sign, digits and at most one '.' after the first digit: what REAL takes, short of exponents and the rest. */
function isPlainReal(source: string, from: number, to: number): boolean {
  let index = from;
  const first = source.charCodeAt(index);
  if (first === PLUS || first === MINUS) index++;
  if (index === to || !isDigit(source.charCodeAt(index))) return false;
  let sawPoint = false;
  for (; index < to; index++) {
    const code = source.charCodeAt(index);
    if (code === POINT && !sawPoint) sawPoint = true;
    else if (!isDigit(code)) return false;
  }
  return true;
}

/** True when `text` holds `tag` at `offset`. */
function isTagAt(text: string, offset: number, tag: string): boolean {
  for (let index = 0; index < tag.length; index++) {
    if (text.charCodeAt(offset + index) !== tag.charCodeAt(index)) return false;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
