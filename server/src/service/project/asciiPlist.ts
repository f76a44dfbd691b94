/**
 * A reader for the old-style (OpenStep) property lists that Xcode writes `project.pbxproj` in: `{ key = value; }`,
 * `( a, b, )`, quoted and bare strings, `<hex data>`, and comments. Hand-written because no package in our
 * dependencies reads this format, and because a project file half-merged by git must still give what it can:
 * the reader never throws, and stops at the first thing it cannot read, returning what it has.
 */

export type AsciiPlistValue = string | AsciiPlistValue[] | { [key: string]: AsciiPlistValue };

/** Nesting in real project files stays under 10; the bound keeps hostile input from overflowing the stack. */
const MAX_DEPTH = 64;

/**
 * Real build-setting references are a setting's name and a modifier or two. A longer one is read as plain text,
 * so that nested unclosed references (`$($($(...`) cost a bounded scan each rather than one to the end of the file.
 */
const MAX_REFERENCE_LENGTH = 1024;

/** The one-character escapes of quoted strings; `\U` with hex digits and octal escapes are read separately. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const EQUALS = 0x3d;
/** The characters of a bare string, `[A-Za-z0-9_$+/:.\-[\]*=!~^@]`, as a table: tested once per character. */
const BARE_STRING_CHARS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = /[A-Za-z0-9_$+/:.\-[\]*=!~^@]/.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
})();

/** Reads an old-style plist; `undefined` when nothing could be read. */
export function parseAsciiPlist(text: string): AsciiPlistValue | undefined {
  const reader = new AsciiPlistReader(text);
  const value = reader.readValue(0);
  return reader.failed && value === undefined ? undefined : value;
}

/** One read of a text: the position, and whether reading stopped at something it could not read. */
class AsciiPlistReader {
  position = 0;
  failed = false;

  constructor(private readonly text: string) {}

  readValue(depth: number): AsciiPlistValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.skipTrivia();
    const char = this.text.charAt(this.position);
    if (char === '{') return this.readDictionary(depth);
    if (char === '(') return this.readArray(depth);
    if (char === '<') return this.readData();
    return this.readString();
  }

  private readDictionary(depth: number): AsciiPlistValue {
    const text = this.text;
    this.position++;
    const record: { [key: string]: AsciiPlistValue } = Object.create(null) as { [key: string]: AsciiPlistValue };
    for (;;) {
      this.skipTrivia();
      if (text.charAt(this.position) === '}') {
        this.position++;
        return record;
      }
      const key = this.readString();
      this.skipTrivia();
      if (key === undefined || text.charAt(this.position) !== '=') return this.fail(record);
      this.position++;
      const value = this.readValue(depth + 1);
      if (value === undefined) return this.fail(record);
      record[key] = value;
      this.skipTrivia();
      if (text.charAt(this.position) === ';') this.position++;
    }
  }

  private readArray(depth: number): AsciiPlistValue {
    const text = this.text;
    this.position++;
    const list: AsciiPlistValue[] = [];
    for (;;) {
      this.skipTrivia();
      if (text.charAt(this.position) === ')') {
        this.position++;
        return list;
      }
      const value = this.readValue(depth + 1);
      if (value === undefined) return this.fail(list);
      list.push(value);
      this.skipTrivia();
      if (text.charAt(this.position) === ',') this.position++;
    }
  }

  /** `<hex data>`, kept as its text. */
  private readData(): AsciiPlistValue | undefined {
    const end = this.text.indexOf('>', this.position);
    if (end < 0) return undefined;
    const data = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return data;
  }

  private fail<T extends AsciiPlistValue>(partial: T): T {
    this.failed = true;
    this.position = this.text.length;
    return partial;
  }

  private skipTrivia(): void {
    const text = this.text;
    while (this.position < text.length) {
      const char = text.charCodeAt(this.position);
      if (char === 0x20 || char === 0x09 || char === 0x0a || char === 0x0d || char === 0xfeff) {
        this.position++;
      } else if (text.startsWith('/*', this.position)) {
        const end = text.indexOf('*/', this.position + 2);
        this.position = end < 0 ? text.length : end + 2;
      } else if (text.startsWith('//', this.position)) {
        const end = text.indexOf('\n', this.position + 2);
        this.position = end < 0 ? text.length : end + 1;
      } else {
        return;
      }
    }
  }

  private readString(): string | undefined {
    const quote = this.text.charCodeAt(this.position);
    return quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE ? this.readQuotedString(quote) : this.readBareString();
  }

  /** Runs between escapes are added as slices, so that a long string is not a rope of one node per character. */
  private readQuotedString(quoteCode: number): string | undefined {
    const text = this.text;
    let result = '';
    this.position++;
    let runStart = this.position;
    while (this.position < text.length) {
      const char = text.charCodeAt(this.position);
      if (char === quoteCode) break;
      if (char === BACKSLASH && this.position + 1 < text.length) {
        result += text.slice(runStart, this.position);
        result += this.readEscape();
        runStart = this.position;
      } else {
        this.position++;
      }
    }
    if (this.position >= text.length) return undefined;
    result += text.slice(runStart, this.position);
    this.position++;
    return result;
  }

  private readBareString(): string | undefined {
    const text = this.text;
    const start = this.position;
    // Whether the last bracket read so far opened one, kept as the string is read so that a key such as
    // `A[====...]` stays linear.
    let isInsideBrackets = false;
    while (this.position < text.length) {
      // A build-setting reference such as `$(SRCROOT)` or `${TARGET_NAME}` is part of a bare string.
      const referenceEnd = this.buildSettingReferenceEnd(this.position);
      if (referenceEnd !== undefined) {
        for (; this.position < referenceEnd; this.position++) isInsideBrackets = bracketStateAfter(text.charCodeAt(this.position), isInsideBrackets);
        continue;
      }
      const char = text.charCodeAt(this.position);
      if (BARE_STRING_CHARS[char] !== 1) break;
      // '=' ends a bare key, except inside brackets such as `CODE_SIGN_ENTITLEMENTS[sdk=macosx*]`.
      if (char === EQUALS && !isInsideBrackets) break;
      isInsideBrackets = bracketStateAfter(char, isInsideBrackets);
      this.position++;
    }
    return this.position > start ? text.slice(start, this.position) : undefined;
  }

  /** After the backslash at `position`: the escaped character(s), as the old-style format defines them. */
  private readEscape(): string {
    const text = this.text;
    const escaped = text.charAt(this.position + 1);
    this.position += 2;
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== undefined) return simple;
    if (escaped === 'U') {
      const hex = /^[0-9A-Fa-f]{1,4}/.exec(text.slice(this.position, this.position + 4))?.[0];
      if (hex === undefined) return escaped;
      this.position += hex.length;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (/[0-7]/.test(escaped)) {
      const octal = escaped + (/^[0-7]{0,2}/.exec(text.slice(this.position, this.position + 2))?.[0] ?? '');
      this.position += octal.length - 1;
      return String.fromCharCode(parseInt(octal, 8));
    }
    return escaped;
  }

  /** The end of a `$(NAME)` or `${NAME}` reference starting at `at`, or `undefined` when there is none. */
  private buildSettingReferenceEnd(at: number): number | undefined {
    const text = this.text;
    if (text.charAt(at) !== '$') return undefined;
    const open = text.charAt(at + 1);
    const close = open === '(' ? ')' : open === '{' ? '}' : undefined;
    if (close === undefined) return undefined;
    const openCode = open.charCodeAt(0);
    const closeCode = close.charCodeAt(0);
    let depth = 0;
    const end = Math.min(text.length, at + MAX_REFERENCE_LENGTH);
    for (let index = at + 1; index < end; index++) {
      const char = text.charCodeAt(index);
      if (char === openCode) depth++;
      else if (char === closeCode && --depth === 0) return index + 1;
      else if (isReferenceStop(char)) return undefined;
    }
    return undefined;
  }
}

/** Whether a bare string is inside brackets after the character `char`: the last bracket seen decides. */
function bracketStateAfter(char: number, isInsideBrackets: boolean): boolean {
  if (char === 0x5b) return true;
  if (char === 0x5d) return false;
  return isInsideBrackets;
}

/** Whitespace and the characters that cannot be part of a build-setting reference: `;`, `,`, quotes, `=`. */
function isReferenceStop(char: number): boolean {
  return char === 0x3b || char === 0x2c || char === 0x22 || char === 0x27 || char === 0x3d || /\s/.test(String.fromCharCode(char));
}
