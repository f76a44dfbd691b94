/**
 * Decodes the five predefined XML entities and character references. Any other entity is reported and left as
 * written: a plist never needs one, and expanding entities declared in a DOCTYPE is how "billion laughs" files
 * hang parsers.
 */

/** A Map, not an object literal, so names like `constructor` or `__proto__` find nothing inherited. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Longest entity text we look for a ';' within, so a stray '&' does not scan the rest of the file. */
const MAX_ENTITY_LENGTH = 32;

export type ProblemSink = (offset: number, length: number, message: string) => void;

/** Decodes `text[from, to)`, reporting malformed or unknown entities through `report`. */
export function decodeText(text: string, from: number, to: number, report: ProblemSink): string {
  let ampersand = indexWithin(text, AMPERSAND, from, to);
  if (ampersand < 0) return text.slice(from, to);
  let decoded = '';
  let copiedUpTo = from;
  while (ampersand >= 0) {
    const semicolon = indexWithin(text, SEMICOLON, ampersand + 1, Math.min(to, ampersand + MAX_ENTITY_LENGTH + 1));
    if (semicolon < 0) {
      report(ampersand, 1, "Unescaped '&': write &amp;");
      ampersand = indexWithin(text, AMPERSAND, ampersand + 1, to);
      continue;
    }
    const name = text.slice(ampersand + 1, semicolon);
    const replacement = decodeEntity(name);
    if (replacement === undefined) {
      report(ampersand, semicolon + 1 - ampersand, `Unknown entity '&${name};': plists only use &amp; &lt; &gt; &quot; &apos; and &#...;`);
    } else {
      decoded += text.slice(copiedUpTo, ampersand) + replacement;
      copiedUpTo = semicolon + 1;
    }
    ampersand = indexWithin(text, AMPERSAND, semicolon + 1, to);
  }
  return decoded + text.slice(copiedUpTo, to);
}

const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;

/**
 * `indexOf` bounded to `[from, to)`. `String.prototype.indexOf` would scan to the end of the file when the
 * character is absent, which made every text node cost O(file size).
 */
function indexWithin(text: string, code: number, from: number, to: number): number {
  for (let index = from; index < to; index++) {
    if (text.charCodeAt(index) === code) return index;
  }
  return -1;
}

function decodeEntity(name: string): string | undefined {
  const named = NAMED.get(name);
  if (named !== undefined) return named;
  if (name.startsWith('#')) {
    const isHex = name[1] === 'x' || name[1] === 'X';
    const digits = name.slice(isHex ? 2 : 1);
    if (digits === '' || !(isHex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const codePoint = Number.parseInt(digits, isHex ? 16 : 10);
    if (codePoint > 0x10ffff || codePoint === 0) return undefined;
    return String.fromCodePoint(codePoint);
  }
  return undefined;
}

/** Escapes text for use inside a `<key>` or `<string>` element. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
