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
/** The characters of a bare string, `[A-Za-z0-9_$+/:.\-[\]*=!~^@]`, as a table: tested once per character. */
const BARE_STRING_CHARS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = /[A-Za-z0-9_$+/:.\-[\]*=!~^@]/.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
})();

/** Reads an old-style plist; `undefined` when nothing could be read. */
export function parseAsciiPlist(text: string): AsciiPlistValue | undefined {
  let position = 0;
  let failed = false;

  function skipTrivia(): void {
    while (position < text.length) {
      const char = text.charCodeAt(position);
      if (char === 0x20 || char === 0x09 || char === 0x0a || char === 0x0d || char === 0xfeff) {
        position++;
      } else if (text.startsWith('/*', position)) {
        const end = text.indexOf('*/', position + 2);
        position = end < 0 ? text.length : end + 2;
      } else if (text.startsWith('//', position)) {
        const end = text.indexOf('\n', position + 2);
        position = end < 0 ? text.length : end + 1;
      } else {
        return;
      }
    }
  }

  function readString(): string | undefined {
    const quote = text.charAt(position);
    if (quote === '"' || quote === "'") {
      // Runs between escapes are added as slices: a character at a time made a rope node per character, 330 MB
      // for a 10 MB string.
      const quoteCode = quote.charCodeAt(0);
      let result = '';
      position++;
      let runStart = position;
      while (position < text.length) {
        const char = text.charCodeAt(position);
        if (char === quoteCode) break;
        if (char === BACKSLASH && position + 1 < text.length) {
          result += text.slice(runStart, position);
          result += readEscape();
          runStart = position;
        } else {
          position++;
        }
      }
      if (position >= text.length) return undefined;
      result += text.slice(runStart, position);
      position++;
      return result;
    }
    const start = position;
    // Whether the last bracket read so far opened one; kept as the string is read, since looking back over the
    // string at every '=' made a key such as `A[====...]` quadratic.
    let isInsideBrackets = false;
    while (position < text.length) {
      // A build-setting reference such as `$(SRCROOT)` or `${TARGET_NAME}` is part of a bare string.
      const referenceEnd = buildSettingReferenceEnd(position);
      if (referenceEnd !== undefined) {
        for (; position < referenceEnd; position++) isInsideBrackets = bracketStateAfter(text.charCodeAt(position), isInsideBrackets);
        continue;
      }
      if (BARE_STRING_CHARS[text.charCodeAt(position)] !== 1) break;
      // '=' ends a bare key, except inside brackets such as `CODE_SIGN_ENTITLEMENTS[sdk=macosx*]`.
      if (text.charAt(position) === '=' && !isInsideBrackets) break;
      isInsideBrackets = bracketStateAfter(text.charCodeAt(position), isInsideBrackets);
      position++;
    }
    return position > start ? text.slice(start, position) : undefined;
  }

  /** After the backslash at `position`: the escaped character(s), as the old-style format defines them. */
  function readEscape(): string {
    const escaped = text.charAt(position + 1);
    position += 2;
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== undefined) return simple;
    if (escaped === 'U') {
      const hex = /^[0-9A-Fa-f]{1,4}/.exec(text.slice(position, position + 4))?.[0];
      if (hex === undefined) return escaped;
      position += hex.length;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (/[0-7]/.test(escaped)) {
      const octal = escaped + (/^[0-7]{0,2}/.exec(text.slice(position, position + 2))?.[0] ?? '');
      position += octal.length - 1;
      return String.fromCharCode(parseInt(octal, 8));
    }
    return escaped;
  }

  /** The end of a `$(NAME)` or `${NAME}` reference starting at `at`, or `undefined` when there is none. */
  function buildSettingReferenceEnd(at: number): number | undefined {
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

  function readValue(depth: number): AsciiPlistValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    skipTrivia();
    const char = text.charAt(position);
    if (char === '{') {
      position++;
      const record: { [key: string]: AsciiPlistValue } = Object.create(null) as { [key: string]: AsciiPlistValue };
      for (;;) {
        skipTrivia();
        if (text.charAt(position) === '}') {
          position++;
          return record;
        }
        const key = readString();
        skipTrivia();
        if (key === undefined || text.charAt(position) !== '=') return fail(record);
        position++;
        const value = readValue(depth + 1);
        if (value === undefined) return fail(record);
        record[key] = value;
        skipTrivia();
        if (text.charAt(position) === ';') position++;
      }
    }
    if (char === '(') {
      position++;
      const list: AsciiPlistValue[] = [];
      for (;;) {
        skipTrivia();
        if (text.charAt(position) === ')') {
          position++;
          return list;
        }
        const value = readValue(depth + 1);
        if (value === undefined) return fail(list);
        list.push(value);
        skipTrivia();
        if (text.charAt(position) === ',') position++;
      }
    }
    if (char === '<') {
      const end = text.indexOf('>', position);
      if (end < 0) return undefined;
      const data = text.slice(position + 1, end);
      position = end + 1;
      return data;
    }
    return readString();
  }

  function fail<T extends AsciiPlistValue>(partial: T): T {
    failed = true;
    position = text.length;
    return partial;
  }

  const value = readValue(0);
  return failed && value === undefined ? undefined : value;
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
