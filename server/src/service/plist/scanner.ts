/**
 * A scanner for the XML subset that property lists use: tags, text, comments, CDATA, processing instructions and
 * the DOCTYPE. It is hand-written rather than taken from `fast-xml-parser` or `plist` because an editor needs the
 * exact offset of every token while the text is half-typed, and both packages either throw or drop positions on
 * broken input (see ../shared/reference/PARSERS.md). It never resolves the DOCTYPE or an entity, so nothing in a
 * file can make it read a file or reach the network.
 */

/** The kinds of token the scanner yields. */
export type TokenType =
  | 'start-tag'
  | 'end-tag'
  | 'text'
  | 'comment'
  | 'cdata'
  | 'processing-instruction'
  | 'doctype'
  | 'eof';

/** One token. `offset`/`end` are UTF-16 offsets into the text; `end` is exclusive. */
export interface Token {
  readonly type: TokenType;
  readonly offset: number;
  readonly end: number;
  /** Tag name for start and end tags. */
  readonly name: string;
  readonly nameOffset: number;
  /** A start tag written `<name/>`. */
  readonly isSelfClosing: boolean;
  /** What is wrong with the token itself (an unterminated tag or comment), if anything. */
  readonly error?: string;
}

/** A pull scanner over `text`: call `scan()` until it returns a token of type `eof`. */
export interface Scanner {
  scan(): Token;
}

/**
 * The same scanner without a token object per call: `advance()` moves to the next token and the fields describe it
 * until the next call. The parser reads it this way, because allocating 70,000 tokens for a 1 MB file cost more
 * than scanning it.
 */
export interface TokenCursor {
  advance(): TokenType;
  readonly type: TokenType;
  readonly offset: number;
  readonly end: number;
  /** Tag name for start and end tags; the names plists use are shared constants, never sliced from the text. */
  readonly name: string;
  readonly nameOffset: number;
  readonly isSelfClosing: boolean;
  readonly error: string | undefined;
}

const LESS_THAN = 0x3c; // <
const GREATER_THAN = 0x3e; // >
const SLASH = 0x2f; // /
const BANG = 0x21; // !
const QUESTION = 0x3f; // ?
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const BYTE_ORDER_MARK = 0xfeff;

/** The element names of the plist DTD, by length, so a tag name is recognised without slicing it. */
const KNOWN_NAMES: ReadonlyArray<readonly string[]> = [[], [], [], ['key'], ['dict', 'true', 'real', 'date', 'data'], ['array', 'false', 'plist'], ['string'], ['integer']];

function isNameChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x3a || // :
    code > 0x7f
  );
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isNameStart(code: number): boolean {
  return isNameChar(code) && !(code >= 0x30 && code <= 0x39) && code !== 0x2d && code !== 0x2e;
}

/** `text[start, end)` as a string: a shared constant for the plist element names, a slice otherwise. */
function nameAt(text: string, start: number, end: number): string {
  const candidates = KNOWN_NAMES[end - start];
  if (candidates !== undefined) {
    const first = text.charCodeAt(start);
    for (const candidate of candidates) {
      if (candidate.charCodeAt(0) !== first) continue;
      let index = 1;
      while (index < candidate.length && candidate.charCodeAt(index) === text.charCodeAt(start + index)) index++;
      if (index === candidate.length) return candidate;
    }
  }
  return text.slice(start, end);
}

/** Creates a token cursor over `text`. A leading byte-order mark is skipped. */
export function createTokenCursor(text: string): TokenCursor {
  const length = text.length;
  let position = length > 0 && text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  const cursor = {
    advance,
    type: 'eof' as TokenType,
    offset: 0,
    end: 0,
    name: '',
    nameOffset: 0,
    isSelfClosing: false,
    error: undefined as string | undefined,
  };

  function set(type: TokenType, offset: number, end: number, error: string | undefined): TokenType {
    cursor.type = type;
    cursor.offset = offset;
    cursor.end = end;
    cursor.name = '';
    cursor.nameOffset = offset;
    cursor.isSelfClosing = false;
    cursor.error = error;
    position = end;
    return type;
  }

  /** Finds `terminator` from `from`; returns the offset after it, or -1. */
  function findAfter(terminator: string, from: number): number {
    const found = text.indexOf(terminator, from);
    return found < 0 ? -1 : found + terminator.length;
  }

  function scanMarkup(start: number): TokenType {
    // `start` points at '<!'.
    if (text.startsWith('<!--', start)) {
      const end = findAfter('-->', start + 4);
      return set('comment', start, end < 0 ? length : end, end < 0 ? 'Unterminated comment: expected -->' : undefined);
    }
    if (text.startsWith('<![CDATA[', start)) {
      const end = findAfter(']]>', start + 9);
      return set('cdata', start, end < 0 ? length : end, end < 0 ? 'Unterminated CDATA section: expected ]]>' : undefined);
    }
    // A DOCTYPE (or any other declaration). Skip an internal subset in brackets, honouring quotes, so that a
    // '>' inside an entity declaration does not end it early. Its content is never interpreted.
    let index = start + 2;
    let bracketDepth = 0;
    let quote = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
        quote = code;
      } else if (code === OPEN_BRACKET) {
        bracketDepth++;
      } else if (code === CLOSE_BRACKET) {
        if (bracketDepth > 0) bracketDepth--;
      } else if (code === GREATER_THAN && bracketDepth === 0) {
        return set('doctype', start, index + 1, undefined);
      }
      index++;
    }
    return set('doctype', start, length, 'Unterminated declaration: expected >');
  }

  function scanTag(start: number, isEndTag: boolean): TokenType {
    const type: TokenType = isEndTag ? 'end-tag' : 'start-tag';
    const nameOffset = start + (isEndTag ? 2 : 1);
    let index = nameOffset;
    while (index < length && isNameChar(text.charCodeAt(index))) index++;
    const name = nameAt(text, nameOffset, index);
    // Walk over attributes to the closing '>', honouring quotes. Stop early at a '<' so that a half-typed tag
    // does not swallow the next one.
    let quote = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (quote !== 0) {
        if (code === quote) quote = 0;
        else if (code === LESS_THAN) break;
      } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
        quote = code;
      } else if (code === GREATER_THAN) {
        set(type, start, index + 1, undefined);
        cursor.name = name;
        cursor.nameOffset = nameOffset;
        cursor.isSelfClosing = !isEndTag && text.charCodeAt(index - 1) === SLASH;
        return type;
      } else if (code === LESS_THAN) {
        break;
      }
      index++;
    }
    // End the broken tag at its last non-blank character, so its problem underlines `<stri` and not the line break
    // and indentation before the next tag.
    while (index > nameOffset && isBlank(text.charCodeAt(index - 1))) index--;
    set(type, start, index, `Unterminated tag ${isEndTag ? `</${name}>` : `<${name}>`}: expected '>'`);
    cursor.name = name;
    cursor.nameOffset = nameOffset;
    return type;
  }

  function advance(): TokenType {
    if (position >= length) return set('eof', length, length, undefined);
    const start = position;
    if (text.charCodeAt(start) !== LESS_THAN) {
      const next = text.indexOf('<', start);
      return set('text', start, next < 0 ? length : next, undefined);
    }
    const next = text.charCodeAt(start + 1);
    if (next === BANG) return scanMarkup(start);
    if (next === QUESTION) {
      const end = findAfter('?>', start + 2);
      return set('processing-instruction', start, end < 0 ? length : end, end < 0 ? 'Unterminated processing instruction: expected ?>' : undefined);
    }
    if (next === SLASH) return scanTag(start, true);
    if (isNameStart(next)) return scanTag(start, false);
    // A '<' that starts no markup: report it as text so the parser can say "unescaped '<'".
    const after = text.indexOf('<', start + 1);
    return set('text', start, after < 0 ? length : after, "Unescaped '<': write &lt;");
  }

  return cursor;
}

/** Creates a scanner over `text`. A leading byte-order mark is skipped. */
export function createScanner(text: string): Scanner {
  const cursor = createTokenCursor(text);
  return {
    scan(): Token {
      const type = cursor.advance();
      const token = { type, offset: cursor.offset, end: cursor.end, name: cursor.name, nameOffset: cursor.nameOffset, isSelfClosing: cursor.isSelfClosing };
      return cursor.error === undefined ? token : { ...token, error: cursor.error };
    },
  };
}
