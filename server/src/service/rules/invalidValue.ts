/**
 * invalid-value: a value its key does not accept. Either it is not among the key's documented values, where the
 * catalog knows the list is complete (`aps-environment` = `prod`), or its format cannot work: an associated domain
 * without its service (`applinks:`), an app group without `group.` on iOS-family targets, an iCloud container
 * without `iCloud.`. Values with build-setting references (`$(TeamIdentifierPrefix)`) are left alone, because
 * Xcode substitutes them first.
 *
 * Severity: an entitlement outside its enumeration is an error, because Xcode compares it with the provisioning
 * profile, which holds the same closed list, and signing fails (or the app does not install). A value that differs
 * only in case is a warning: Xcode rewrites some of these from the profile (`aps-environment`), and shipping apps in
 * our corpus carry `Production` without harm. Everything else is the code's default warning: a malformed
 * associated domain or an unknown Info.plist value is ignored at run time, and a group or container name may still
 * be in the profile, which we cannot see.
 *
 * Item counts: an array with fewer items than its key's `itemCount` (an empty `<array/>` included) or more. Only
 * keys whose count Apple states have one, taken from the reference's value pattern: an App Clip's
 * `com.apple.developer.parent-application-identifiers` ("A list of parent application identifiers for an App Clip
 * with exactly one entry", Apple's page), the full app's `com.apple.developer.associated-appclip-app-identifiers`
 * (App Store Connect rejects the upload with ITMS-90876, "should be present and include the value of the app clip's
 * application identifier", quoted in getsentry/sentry-cocoa#1450), and an AppMigrationKit extension's
 * `com.apple.developer.app-migration.data-container-access` ("a one-item array containing the bundle identifier of
 * the extension's containing app. No other values are valid", Apple's page). These are errors for the same reason as
 * an entitlement value outside its list: Apple documents the one entry as the only valid value, and for the App Clip
 * link App Store Connect enforces it (ITMS-90876). We found no report of what signing itself says about an empty
 * array; the count is Apple's, the severity follows the closed-list rule above. Build-setting references count as
 * entries like any other item.
 *
 * Other empty arrays are deliberately not reported. In January 2021 App Store Connect rejected empty arrays
 * (ITMS-90164, "a key value that is not allowed: '[ ]'") for app groups, network extensions and `healthkit.access`,
 * but within weeks Apple reverted that ("apple fixed this issue", rn-apple-healthkit#201), and builds uploaded today
 * carry empty arrays: `com.apple.developer.healthkit.access` is empty in all 8 corpus files that have it (Loop's go
 * to TestFlight), `icloud-container-identifiers` and `icloud-services` in Signal's App Store entitlements. No Apple
 * source says any other array must be non-empty.
 */
import type { CatalogEntry, ItemCount, Platform, ValueFormat, ValuePatternRule } from '../../../../shared/src/catalog';
import { hasBuildTimeReference } from '../model/catalogValues';
import { editDistance } from '../editDistance';
import { memoized } from '../memoized';
import type { ArrayNode, ScalarNode, ValueNode } from '../plist/nodes';
import { documentModel, textRange } from '../model/documentModel';
import type { Problem, Rule } from '../types';

/** How many documented values a message lists before it just counts them. */
const LISTED_VALUES = 4;

export const invalidValue: Rule = {
  code: 'invalid-value',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    const platforms = context.target.platforms;
    documentModel(document, catalog, context).forEachCatalogValue((item) => {
      const { key, valueKind, catalogEntry } = item;
      if (catalogEntry.itemCount !== undefined && valueKind === 'array' && catalogEntry.type === 'array') {
        const value = item.value;
        if (value.kind === 'array') {
          for (const problem of countProblems(document.text, value, key, catalogEntry.itemCount, catalogEntry.file === 'entitlements')) {
            problems.push({ ...problem, docUrl: catalogEntry.docUrl });
          }
        }
      }
      if (!hasValueConstraint(catalogEntry)) return;
      // Most checked values are a string from a closed list, which its text in the table settles without the view.
      if (valueKind === 'string' && catalogEntry.type === 'string' && catalogEntry.valueFormat === undefined && isDocumentedValue(catalogEntry, (item.scalarText as string).trim())) return;
      for (const node of scalarsOf(item.value, catalogEntry)) {
        if (hasBuildTimeReference(node.text)) continue;
        const problem =
          enumerationProblem(node, key, catalogEntry, context.fileKind === 'entitlements') ??
          nearMissProblem(node, key, catalogEntry) ??
          formatProblem(node, key, catalogEntry.valueFormat, platforms);
        if (problem !== undefined) problems.push({ ...problem, docUrl: catalogEntry.docUrl });
      }
    });
    return problems;
  },
};

/**
 * Too few items (reported once, on the array) or too many (reported on each extra item, with a fix that keeps the
 * first ones). An array the parser had to close itself is left alone: its items are a guess while the user types,
 * and `plist-syntax` already reports it.
 *
 * An empty array gets no fix: the one entry these keys take names another target (the parent app of an App Clip,
 * the App Clip of a full app, the app containing an extension), while the service knows only this target's own
 * bundle identifiers, and no source we hold says how to derive the other one from them.
 */
function countProblems(text: string, array: ArrayNode, key: string, count: ItemCount, isEntitlement: boolean): Problem[] {
  if (!array.isClosed) return [];
  const items = array.items;
  const severity = isEntitlement ? { severity: 'error' as const } : {};
  const takes = `'${key}' takes ${countInWords(count)}${count.item === undefined ? '' : ` (${count.item})`}`;
  if (items.length < count.min) {
    const found = items.length === 0 ? 'this array is empty' : `this array has ${entriesInWords(items.length)}`;
    return [{ code: 'invalid-value', ...arrayRange(text, array), message: `${takes}; ${found}`, ...severity }];
  }
  const max = count.max;
  if (max === undefined || items.length <= max) return [];
  return items.slice(max).map((item, index) => ({
    code: 'invalid-value' as const,
    ...valueRange(item),
    message: `${takes}; this is entry ${max + index + 1} of ${items.length}`,
    ...severity,
    ...(max >= 1 ? { data: { keepFirstItems: max } } : {}),
  }));
}

/** `exactly one entry`, `at least 2 entries`, `1 to 3 entries`. */
function countInWords(count: ItemCount): string {
  if (count.max === count.min) return `exactly ${entriesInWords(count.min)}`;
  if (count.max === undefined) return `at least ${entriesInWords(count.min)}`;
  return `${count.min} to ${count.max} entries`;
}

function entriesInWords(count: number): string {
  return count === 1 ? 'one entry' : `${count} entries`;
}

/**
 * An array's whole element when it fits on one line (`<array/>`, `<array></array>`), else its start tag, so that an
 * empty array written over two lines is not underlined from one line to the next.
 */
function arrayRange(text: string, array: ArrayNode): { offset: number; length: number } {
  const lineBreak = text.indexOf('\n', array.offset);
  if (lineBreak < 0 || lineBreak >= array.end) return { offset: array.offset, length: array.end - array.offset };
  const tagEnd = text.indexOf('>', array.offset);
  return { offset: array.offset, length: tagEnd < 0 || tagEnd >= array.end ? array.end - array.offset : tagEnd + 1 - array.offset };
}

/** A value's text when it is a scalar with text, else its whole element. */
function valueRange(node: ValueNode): { offset: number; length: number } {
  return node.kind === 'dict' || node.kind === 'array' ? { offset: node.offset, length: node.end - node.offset } : textRange(node);
}

/**
 * The value itself, or each item of an array, when it is the string or integer the key expects; a value of another
 * type is `invalid-value-type`'s to report. None when the key's values have neither a format nor a closed list of
 * values, as there is nothing to check them against.
 */
function scalarsOf(value: ValueNode, catalogEntry: CatalogEntry): readonly ScalarNode[] {
  if (!hasValueConstraint(catalogEntry)) return NO_SCALARS;
  const isArray = value.kind === 'array' && catalogEntry.type === 'array';
  const expected = isArray ? catalogEntry.itemType : catalogEntry.type;
  if (expected !== 'string' && expected !== 'integer') return NO_SCALARS;
  if (value.kind !== 'array') return value.kind === expected ? [value] : NO_SCALARS;
  return isArray ? value.items.filter((node): node is ScalarNode => node.kind === expected) : NO_SCALARS;
}

const NO_SCALARS: readonly ScalarNode[] = [];

/**
 * True when the key's values have a format or a closed list to check them against. Asked first, of the catalog
 * entry alone: this runs per value, and most keys have neither.
 */
function hasValueConstraint(catalogEntry: CatalogEntry): boolean {
  return catalogEntry.valueFormat !== undefined || catalogEntry.values !== undefined;
}

function enumerationProblem(node: ScalarNode, key: string, catalogEntry: CatalogEntry, isEntitlement: boolean): Problem | undefined {
  const values = catalogEntry.values;
  if (values === undefined || catalogEntry.valuesAreExhaustive !== true) return undefined;
  const text = node.text.trim();
  // Xcode's templates leave some enumerated Info.plist keys empty (LSApplicationCategoryType); empty means unset.
  if (text === '' && !isEntitlement) return undefined;
  if (isDocumentedValue(catalogEntry, text)) return undefined;
  const allowed = values.map((info) => info.value);
  const isCaseOnly = allowed.some((value) => value.toLowerCase() === text.toLowerCase());
  const quoted = allowed.map((value) => `'${value}'`);
  const expected = quoted.length <= LISTED_VALUES ? `${quoted.slice(0, -1).join(', ')}${quoted.length > 1 ? ' or ' : ''}${quoted.at(-1) ?? ''}` : `one of its ${quoted.length} documented values`;
  return {
    code: 'invalid-value',
    ...textRange(node),
    message: `'${node.text}' is not a value of '${key}'; expected ${expected}`,
    ...(isEntitlement && !isCaseOnly ? { severity: 'error' as const } : {}),
    data: { valueReplacements: nearestValues(text, allowed) },
  };
}

/**
 * A value of an open list (other values may be valid) that is a slip of a documented one: the same but for case,
 * separators or a plural `s`, or one letter off in a value of six characters or more. A digit that differs names
 * another variant (`armv6`, `armv7`), not a slip, and is left alone.
 */
function nearMissProblem(node: ScalarNode, key: string, catalogEntry: CatalogEntry): Problem | undefined {
  const values = catalogEntry.values;
  if (values === undefined || catalogEntry.valuesAreExhaustive === true) return undefined;
  const text = node.text.trim();
  if (text === '' || isDocumentedValue(catalogEntry, text)) return undefined;
  const meant = values.map((info) => info.value).filter((value) => isSlipOf(text, value));
  if (meant.length === 0) return undefined;
  return {
    code: 'invalid-value',
    ...textRange(node),
    message: `'${node.text}' is not a documented value of '${key}'; did you mean '${meant[0] ?? ''}'?`,
    data: { valueReplacements: meant.slice(0, 3) },
  };
}

function isSlipOf(text: string, value: string): boolean {
  const loose = (word: string) => word.toLowerCase().replace(/[-_\s.]/g, '');
  const a = loose(text);
  const b = loose(value);
  if (a === b) return true;
  // A plural slip needs a word to make plural: `armv7s` is no plural of `armv7`.
  if ((a === `${b}s` && /[a-z]$/.test(b)) || (`${a}s` === b && /[a-z]$/.test(a))) return true;
  if (b.length < 6 || editDistance(a, b, 1) > 1) return false;
  // One letter off: which characters differ must not be digits.
  const differing = [...a].filter((character, index) => character !== b[index]).concat([...b].filter((character, index) => character !== a[index]));
  return a.length !== b.length || !differing.some((character) => /[0-9]/.test(character));
}

/**
 * True when `text` is one of the key's documented values. A short list is compared value by value: a value's text
 * is a new string, and a set would hash it only to look it up once.
 */
function isDocumentedValue(catalogEntry: CatalogEntry, text: string): boolean {
  const values = catalogEntry.values ?? [];
  if (values.length > FEW_VALUES) return documentedValuesOf(catalogEntry).has(text);
  for (const info of values) if (info.value === text) return true;
  return false;
}

const FEW_VALUES = 8;

/** The documented values of a key as a set, made once per catalog entry. */
const documentedValuesOf = memoized((catalogEntry: CatalogEntry): ReadonlySet<string> => new Set((catalogEntry.values ?? []).map((info) => info.value)));

/** Documented values close to `text`: the same ignoring case, then one that starts with it, then by edit distance. */
function nearestValues(text: string, allowed: readonly string[]): string[] {
  const lower = text.toLowerCase();
  const sameIgnoringCase = allowed.filter((value) => value.toLowerCase() === lower);
  if (sameIgnoringCase.length > 0) return sameIgnoringCase;
  const completions = lower.length >= 2 ? allowed.filter((value) => value.toLowerCase().startsWith(lower)) : [];
  if (completions.length > 0) return completions.slice(0, 3);
  const bound = Math.max(2, Math.floor(text.length / 3));
  return allowed
    .map((value) => ({ value, distance: editDistance(lower, value.toLowerCase(), bound) }))
    .filter((scored) => scored.distance <= bound)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((scored) => scored.value);
}

function formatProblem(node: ScalarNode, key: string, format: ValueFormat | undefined, platforms: readonly Platform[]): Problem | undefined {
  if (format === undefined || node.kind !== 'string' || isWellFormed(node.text, format, platforms)) return undefined;
  return {
    code: 'invalid-value',
    ...textRange(node),
    message: `'${node.text}' is not a valid '${key}' value; expected ${format.description}`,
    data: { valueReplacements: prefixFixes(node.text, format, platforms) },
  };
}

/**
 * True when, on each of the target's platforms, `text` matches a pattern accepted there. With no known platform,
 * any pattern will do (a macOS `<TeamID>.` app group is then accepted).
 */
function isWellFormed(text: string, format: ValueFormat, platforms: readonly Platform[]): boolean {
  if (platforms.length === 0) return format.patterns.some((rule) => matches(rule, text));
  return platforms.every((platform) => format.patterns.some((rule) => appliesTo(rule, platform) && matches(rule, text)));
}

function matches(rule: ValuePatternRule, text: string): boolean {
  return patternOf(rule).test(text);
}

/** Each rule's pattern, compiled once (the catalog's rules live as long as the catalog). */
const patternOf = memoized((rule: ValuePatternRule) => new RegExp(rule.pattern));

function appliesTo(rule: ValuePatternRule, platform: Platform): boolean {
  return rule.platforms === undefined || rule.platforms.includes(platform);
}

/**
 * Up to three well-formed values made from `text` by fixing its prefix: a misspelt or wrongly cased prefix is
 * corrected (`applink:` to `applinks:`, `icloud.` to `iCloud.`), a URL loses its scheme and path, and a missing
 * prefix is added.
 */
function prefixFixes(text: string, format: ValueFormat, platforms: readonly Platform[]): string[] {
  const rules = format.patterns.filter((rule) => platforms.length === 0 || platforms.every((platform) => appliesTo(rule, platform)));
  const prefixes = [...new Set(rules.flatMap((rule) => rule.prefixes))];
  const bare = stripUrl(text.trim());
  const candidates: string[] = [];
  for (const prefix of prefixes) {
    const separator = prefix.at(-1) ?? '';
    const headEnd = bare.indexOf(separator);
    const head = headEnd < 0 ? '' : bare.slice(0, headEnd + 1);
    if (head !== '' && head !== prefix && editDistance(head.toLowerCase(), prefix.toLowerCase(), 2) <= 2) candidates.unshift(prefix + bare.slice(head.length));
    else candidates.push(prefix + bare);
  }
  // The value as written, trimmed, or cut before its first ':' (a URL scheme written as `myapp://`).
  candidates.push(text.trim(), text.trim().replace(/:.*$/s, ''));
  // A candidate with a reference (`$(TeamIdentifierPrefix)name`) is as good as the rule's own verdict on one.
  const fixes = [...new Set(candidates)].filter((candidate) => candidate !== text && candidate !== '' && (hasBuildTimeReference(candidate) || isWellFormed(candidate, format, platforms)));
  return fixes.slice(0, 3);
}

/** `https://example.com/path` is `example.com`; other text is returned as it is. */
function stripUrl(text: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(text);
  return match?.[1] ?? text;
}
