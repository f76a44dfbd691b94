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
 */
import type { CatalogEntry, Platform, ValueFormat, ValuePatternRule } from '../../../../shared/src/catalog';
import { forEachCatalogValue, hasBuildSettingReference } from '../catalogValues';
import { editDistance } from '../editDistance';
import type { ScalarNode, ValueNode } from '../plist/nodes';
import type { Problem, Rule } from './types';

/** How many documented values a message lists before it just counts them. */
const LISTED_VALUES = 4;

export const invalidValue: Rule = {
  code: 'invalid-value',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    const platforms = context.target.platforms;
    forEachCatalogValue(document, catalog, context, ({ entry, value, catalogEntry }) => {
      const key = entry.key.text;
      for (const node of scalarsOf(value, catalogEntry)) {
        if (hasBuildSettingReference(node.text)) continue;
        const problem =
          enumerationProblem(node, key, catalogEntry, context.fileKind === 'entitlements') ??
          formatProblem(node, key, catalogEntry.valueFormat, platforms);
        if (problem !== undefined) problems.push({ ...problem, docUrl: catalogEntry.docUrl });
      }
    });
    return problems;
  },
};

/**
 * The value itself, or each item of an array, when it is the string or integer the key expects; a value of another
 * type is `invalid-value-type`'s to report.
 */
function scalarsOf(value: ValueNode, catalogEntry: CatalogEntry): ScalarNode[] {
  const isArray = value.kind === 'array' && catalogEntry.type === 'array';
  const expected = isArray ? catalogEntry.itemType : catalogEntry.type;
  if (expected !== 'string' && expected !== 'integer') return [];
  const nodes = value.kind === 'array' ? (isArray ? value.items : []) : [value];
  return nodes.filter((node): node is ScalarNode => node.kind === expected);
}

function enumerationProblem(node: ScalarNode, key: string, catalogEntry: CatalogEntry, isEntitlement: boolean): Problem | undefined {
  const values = catalogEntry.values;
  if (values === undefined || catalogEntry.valuesAreExhaustive !== true) return undefined;
  const text = node.text.trim();
  // Xcode's templates leave some enumerated Info.plist keys empty (LSApplicationCategoryType); empty means unset.
  if (text === '' && !isEntitlement) return undefined;
  const allowed = values.map((info) => info.value);
  if (allowed.includes(text)) return undefined;
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
  return new RegExp(rule.pattern).test(text);
}

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
  // A candidate with a reference (`$(TeamIdentifierPrefix)name`) is as good as the rule's own verdict on one.
  const fixes = [...new Set(candidates)].filter((candidate) => candidate !== text && (hasBuildSettingReference(candidate) || isWellFormed(candidate, format, platforms)));
  return fixes.slice(0, 3);
}

/** `https://example.com/path` is `example.com`; other text is returned as it is. */
function stripUrl(text: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(text);
  return match?.[1] ?? text;
}

/** A scalar's text, or its whole element when the text is empty. */
function textRange(node: ScalarNode): { offset: number; length: number } {
  return node.textEnd > node.textOffset ? { offset: node.textOffset, length: node.textEnd - node.textOffset } : { offset: node.offset, length: node.end - node.offset };
}
