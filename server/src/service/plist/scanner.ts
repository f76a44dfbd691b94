/**
 * A scanner for the XML subset that property lists use: tags, text, comments, CDATA, processing instructions and
 * the DOCTYPE. It is hand-written rather than taken from `fast-xml-parser` or `plist` because an editor needs the
 * exact offset of every token while the text is half-typed, and both packages either throw or drop positions on
 * broken input (see docs/research/parsers.md). It never resolves the DOCTYPE or an entity, so nothing in a
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
 * until the next call. The parser reads it this way, since a token object per token costs more than the scan.
 */
export interface TokenCursor {
  advance(): TokenType;
  /** `advance()`, except that blank text (spaces, tabs, line breaks, byte-order marks) before a tag yields no token. */
  advanceMarkup(): TokenType;
  /**
   * Where the content of the element whose start tag is the current token ends, when that content is plain text
   * (no markup) followed at once by `</name>`: the offset of that end tag, else -1. Nothing moves; `takeEndTag`
   * then consumes the end tag. With it the parser reads `<key>text</key>` in one step instead of three tokens.
   */
  simpleContentEnd(name: string): number;
  /** Makes the `</name>` at `offset` (found by `simpleContentEnd`) the current token and moves past it. */
  takeEndTag(offset: number, name: string): void;
  /** Where the next token starts. */
  readonly position: number;
  /**
   * Moves on to `position`, past elements the parser has read from the text itself; the current token's fields
   * are stale until the next `advance`.
   */
  moveTo(position: number): void;
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

/**
 * The plist element name starting at `offset`, as a shared constant, when the tag is one; otherwise `undefined`.
 * Each character is compared once against the one name its first letter allows, because this runs for every tag
 * and slicing or hashing names cost a third of the scan.
 */
function knownNameAt(text: string, offset: number): string | undefined {
  let name: string;
  switch (text.charCodeAt(offset)) {
    case 0x6b: // k
      name = 'key';
      break;
    case 0x73: // s
      name = 'string';
      break;
    case 0x64: // d
      name = text.charCodeAt(offset + 2) === 0x63 ? 'dict' : text.charCodeAt(offset + 3) === 0x61 ? 'data' : 'date';
      break;
    case 0x74: // t
      name = 'true';
      break;
    case 0x66: // f
      name = 'false';
      break;
    case 0x61: // a
      name = 'array';
      break;
    case 0x69: // i
      name = 'integer';
      break;
    case 0x72: // r
      name = 'real';
      break;
    case 0x70: // p
      name = 'plist';
      break;
    default:
      return undefined;
  }
  const length = name.length;
  for (let index = 1; index < length; index++) {
    if (text.charCodeAt(offset + index) !== name.charCodeAt(index)) return undefined;
  }
  return isNameChar(text.charCodeAt(offset + length)) ? undefined : name;
}

/**
 * The cursor as a class: its fields keep one shape, so reading them in the parser's loop stays as cheap as reading
 * locals, which a closure over a fields object does not.
 */
class PlistTokenCursor implements TokenCursor {
  type: TokenType = 'eof';
  offset = 0;
  end = 0;
  name = '';
  nameOffset = 0;
  isSelfClosing = false;
  error: string | undefined = undefined;
  position: number;
  private readonly length: number;

  constructor(private readonly text: string) {
    this.length = text.length;
    this.position = this.length > 0 && text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  }

  advance(): TokenType {
    const text = this.text;
    const start = this.position;
    this.offset = start;
    this.name = '';
    this.nameOffset = start;
    this.isSelfClosing = false;
    this.error = undefined;
    if (start >= this.length) {
      this.offset = this.length;
      this.nameOffset = this.length;
      return this.finish('eof', this.length);
    }
    if (text.charCodeAt(start) !== LESS_THAN) {
      const next = text.indexOf('<', start);
      return this.finish('text', next < 0 ? this.length : next);
    }
    const next = text.charCodeAt(start + 1);
    if (next === SLASH) return this.scanTag(start, true);
    if (next === BANG) return this.scanMarkup(start);
    if (next === QUESTION) {
      const end = this.findAfter('?>', start + 2);
      if (end < 0) this.error = 'Unterminated processing instruction: expected ?>';
      return this.finish('processing-instruction', end < 0 ? this.length : end);
    }
    if (isNameStart(next)) return this.scanTag(start, false);
    // A '<' that starts no markup: report it as text so the parser can say "unescaped '<'".
    const after = text.indexOf('<', start + 1);
    this.error = "Unescaped '<': write &lt;";
    return this.finish('text', after < 0 ? this.length : after);
  }

  advanceMarkup(): TokenType {
    const text = this.text;
    const length = this.length;
    let index = this.position;
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code !== 0x20 && code !== 0x0a && code !== 0x09 && code !== 0x0d && code !== BYTE_ORDER_MARK) break;
    }
    this.position = index;
    return this.advance();
  }

  simpleContentEnd(name: string): number {
    return plainContentEnd(this.text, this.position, name);
  }

  takeEndTag(offset: number, name: string): void {
    this.offset = offset;
    this.name = name;
    this.nameOffset = offset + 2;
    this.isSelfClosing = false;
    this.error = undefined;
    this.finish('end-tag', offset + name.length + 3);
  }

  moveTo(position: number): void {
    this.position = position;
  }

  private finish(type: TokenType, end: number): TokenType {
    this.type = type;
    this.end = end;
    this.position = end;
    return type;
  }

  /** Finds `terminator` from `from`; returns the offset after it, or -1. */
  private findAfter(terminator: string, from: number): number {
    const found = this.text.indexOf(terminator, from);
    return found < 0 ? -1 : found + terminator.length;
  }

  private scanMarkup(start: number): TokenType {
    const text = this.text;
    // `start` points at '<!'.
    if (text.startsWith('<!--', start)) {
      const end = this.findAfter('-->', start + 4);
      if (end < 0) this.error = 'Unterminated comment: expected -->';
      return this.finish('comment', end < 0 ? this.length : end);
    }
    if (text.startsWith('<![CDATA[', start)) {
      const end = this.findAfter(']]>', start + 9);
      if (end < 0) this.error = 'Unterminated CDATA section: expected ]]>';
      return this.finish('cdata', end < 0 ? this.length : end);
    }
    // A DOCTYPE (or any other declaration). Skip an internal subset in brackets, honouring quotes, so that a
    // '>' inside an entity declaration does not end it early. Its content is never interpreted.
    let index = start + 2;
    let bracketDepth = 0;
    let quote = 0;
    while (index < this.length) {
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
        return this.finish('doctype', index + 1);
      }
      index++;
    }
    this.error = 'Unterminated declaration: expected >';
    return this.finish('doctype', this.length);
  }

  private scanTag(start: number, isEndTag: boolean): TokenType {
    const text = this.text;
    const length = this.length;
    const type: TokenType = isEndTag ? 'end-tag' : 'start-tag';
    const nameOffset = start + (isEndTag ? 2 : 1);
    let name = knownNameAt(text, nameOffset);
    let index: number;
    if (name !== undefined) {
      index = nameOffset + name.length;
    } else {
      index = nameOffset;
      while (index < length && isNameChar(text.charCodeAt(index))) index++;
      name = text.slice(nameOffset, index);
    }
    this.name = name;
    this.nameOffset = nameOffset;
    // The common cases first: `<key>` and `<true/>`.
    const after = text.charCodeAt(index);
    if (after === GREATER_THAN) return this.finish(type, index + 1);
    if (after === SLASH && !isEndTag && text.charCodeAt(index + 1) === GREATER_THAN) {
      this.isSelfClosing = true;
      return this.finish(type, index + 2);
    }
    // Walk over attributes to the closing '>', honouring quotes. Stop early at a '<' so that a half-typed tag
    // does not swallow the next one.
    let quote = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (quote !== 0) {
        if (code === quote) quote = 0;
        else if (code === LESS_THAN) break;
      } else if (code === GREATER_THAN) {
        this.isSelfClosing = !isEndTag && text.charCodeAt(index - 1) === SLASH;
        return this.finish(type, index + 1);
      } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
        quote = code;
      } else if (code === LESS_THAN) {
        break;
      }
      index++;
    }
    // End the broken tag at its last non-blank character, so its problem underlines `<stri` and not the line break
    // and indentation before the next tag.
    while (index > nameOffset && isBlank(text.charCodeAt(index - 1))) index--;
    this.error = `Unterminated tag ${isEndTag ? `</${name}>` : `<${name}>`}: expected '>'`;
    return this.finish(type, index);
  }
}

/**
 * Where text read from `from` meets `</name>` with no markup before it: the offset of that end tag, else -1. What
 * `simpleContentEnd` answers, for the parser's loop that reads elements without moving the cursor.
 */
export function plainContentEnd(text: string, from: number, name: string): number {
  const endTag = text.indexOf('<', from);
  if (endTag < 0 || text.charCodeAt(endTag + 1) !== SLASH) return -1;
  const nameOffset = endTag + 2;
  const nameLength = name.length;
  for (let index = 0; index < nameLength; index++) {
    if (text.charCodeAt(nameOffset + index) !== name.charCodeAt(index)) return -1;
  }
  return text.charCodeAt(nameOffset + nameLength) === GREATER_THAN ? endTag : -1;
}

/** Creates a token cursor over `text`. A leading byte-order mark is skipped. */
export function createTokenCursor(text: string): TokenCursor {
  return new PlistTokenCursor(text);
}

/** Creates a scanner over `text`. A leading byte-order mark is skipped. */
export function createScanner(text: string): Scanner {
  const cursor = createTokenCursor(text);
  return {
    scan(): Token {
      const type = cursor.advance();
      const { offset, end, name, nameOffset, isSelfClosing, error } = cursor;
      return error === undefined ? { type, offset, end, name, nameOffset, isSelfClosing } : { type, offset, end, name, nameOffset, isSelfClosing, error };
    },
  };
}
