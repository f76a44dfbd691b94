/**
 * empty-usage-description: a privacy usage description (`NSCameraUsageDescription`, or a purpose string inside
 * `NSLocationTemporaryUsageDescriptionDictionary`) that is empty, blank or a placeholder such as `TODO`, `lorem
 * ipsum` or a spelled-out form of the key's name. The permission prompt shows this text, and App Review rejects
 * apps whose prompt does not say why access is needed (guideline 5.1.1).
 *
 * The exact key as its own value (`<string>NSCameraUsageDescription</string>`) is accepted: it is the idiom of apps
 * whose InfoPlist.strings holds the real text under that key, which this file alone cannot rule out. A key for
 * none of the target's platforms is never shown (a macOS folder prompt in an iOS app), so its text is not judged.
 * Placeholders are told by what they say, in any script: a sentence in Chinese or Russian is a sentence.
 *
 * No quick fix: only the developer knows why the app needs the access, and a template sentence inserted for them
 * would silence the warning while App Review still rejected the vague text.
 */
import type { CatalogEntry } from '../../../../shared/src/catalog';
import { hasBuildTimeReference } from '../model/catalogValues';
import { memoized } from '../memoized';
import { isAvailableOn } from '../platforms';
import { documentModel, textRange } from '../model/documentModel';
import type { Problem, Rule } from '../types';

/** Placeholders, compared with the text reduced to lower-case letters and digits. */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'todo',
  'tbd',
  'tobedetermined',
  'fixme',
  'test',
  'testing',
  'description',
  'usagedescription',
  'purpose',
  'reason',
  'placeholder',
  'changeme',
  'na',
  'none',
  'null',
  'nil',
  'empty',
]);

export const emptyUsageDescription: Rule = {
  code: 'empty-usage-description',
  check(document, catalog, context) {
    if (context.fileKind !== 'infoPlist') return [];
    const platforms = context.target.platforms;
    const problems: Problem[] = [];
    documentModel(document, catalog, context).forEachCatalogValue((item) => {
      const { key, catalogEntry } = item;
      if (catalogEntry.isUsageDescription !== true) return;
      if (platforms.length > 0 && !isAvailableOn(catalogEntry.platforms, platforms)) return;
      const value = item.value;
      const strings = value.kind === 'string' ? [value] : value.kind === 'dict' ? value.entries.map((purpose) => purpose.value) : [];
      for (const node of strings) {
        if (node?.kind !== 'string') continue;
        const what = placeholderKind(node.text, catalogEntry);
        if (what === undefined) continue;
        problems.push({
          code: 'empty-usage-description',
          ...textRange(node),
          message: `'${key}' ${what}; the permission prompt must say why the app needs access`,
          docUrl: catalogEntry.docUrl,
        });
      }
    });
    return problems;
  },
};

/** `is empty` or `is a placeholder`, or `undefined` for a real sentence. */
function placeholderKind(text: string, catalogEntry: CatalogEntry): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty';
  if (trimmed === catalogEntry.key) return undefined;
  // Xcode substitutes references first; `$(CAMERA_PURPOSE)` may well hold a good sentence.
  if (hasBuildTimeReference(trimmed)) return undefined;
  // A real sentence is longer than every placeholder and every name of the key, and needs no reduced copy.
  if (lettersAndDigitsIn(trimmed) > longestNameOf(catalogEntry) && !PATTERN_FIRST_LETTERS.has(firstLetterOrDigit(trimmed))) return undefined;
  const letters = reduced(trimmed);
  // Cheap tests first, and each pattern only where its first letter fits: this runs for every usage description.
  const first = letters.charCodeAt(0);
  const isPlaceholder =
    letters === '' ||
    PLACEHOLDERS.has(letters) ||
    namesOf(catalogEntry).has(letters) ||
    (first === 0x78 && /^x{3,}$/.test(letters)) || // x
    ((first === 0x74 || first === 0x66) && /^(todo|tbd|fixme)\b/i.test(trimmed)) || // t, f
    (first === 0x6c && /^lorem ipsum\b/i.test(trimmed)); // l
  return isPlaceholder ? `is a placeholder ('${trimmed}')` : undefined;
}

/** Lower-case first letters of the placeholders matched by pattern rather than by name (`xxx`, `TODO:`, `lorem ipsum`). */
const PATTERN_FIRST_LETTERS: ReadonlySet<string> = new Set(['x', 't', 'f', 'l']);

const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((placeholder) => placeholder.length));

/** The text in lower case with only its letters and digits, of any script. */
function reduced(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** How many letters and digits, of any script, `text` holds: the length of its reduced form. */
function lettersAndDigitsIn(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // ASCII is settled by its code; only other characters (most texts have none) take the Unicode test.
    if (code < 0x80 ? isAsciiLetterOrDigit(code) : LETTER_OR_DIGIT.test(text.charAt(index))) count++;
  }
  return count;
}

/** The first letter or digit of `text`, in lower case, or `''`. */
function firstLetterOrDigit(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80 ? isAsciiLetterOrDigit(code) : LETTER_OR_DIGIT.test(text.charAt(index))) return text.charAt(index).toLowerCase();
  }
  return '';
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

/** One UTF-16 unit of a letter or digit outside ASCII (a surrogate half counts: a letter beyond the BMP). */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\uD800-\uDFFF]$/u;

/** The length of the longest text `placeholderKind` compares by name for this key. */
const longestNameOf = memoized((catalogEntry: CatalogEntry): number => Math.max(LONGEST_PLACEHOLDER, ...[...namesOf(catalogEntry)].map((name) => name.length)));

/**
 * The key's own names, reduced like the text: `nscamerausagedescription`, `camerausagedescription`, Xcode's name.
 * Made once per catalog entry: every usage description of every validation asks.
 */
const namesOf = memoized((catalogEntry: CatalogEntry): ReadonlySet<string> => {
  const names = new Set([reduced(catalogEntry.key), reduced(catalogEntry.key.replace(/^[A-Z]{2}(?=[A-Z])/, ''))]);
  if (catalogEntry.xcodeName !== undefined) {
    names.add(reduced(catalogEntry.xcodeName));
    names.add(reduced(catalogEntry.xcodeName.replace(/^Privacy\s*-\s*/i, '')));
  }
  return names;
});
