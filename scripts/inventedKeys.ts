/**
 * `npm run invented-keys`: writes the development set of invented keys (test/unit/service/replacements/dev-set.tsv)
 * that the replacement engine is measured on. Keys are made from the catalog by the ways agents and people invent
 * them (namespace shifts, dropped or added segments, capability names, plural or singular, joined or split words,
 * the other platform's form, purpose strings, prefix slips), each with the real key it came from; the known
 * inventions of catalog/sources/hallucinations.json follow with their researched replacements, then keys unrelated
 * to any real one, which must get no suggestion. Deterministic: the same catalog gives the same file.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CatalogEntry, Platform } from '../shared/src/catalog';
import { CATALOG } from '../shared/src/catalogData';
import { namespacePrefixOf } from '../server/src/service/catalogIndex';
import { splitJoinedWord, wordsOf } from '../server/src/service/replacements/words';

const OUTPUT = path.resolve(__dirname, '..', 'test', 'unit', 'service', 'replacements', 'dev-set.tsv');

/** Rows per transformation at most, taken evenly through the catalog, so no one transformation dominates. */
const PER_TRANSFORMATION = 40;

interface Row {
  readonly key: string;
  readonly fileKind: 'entitlements' | 'infoPlist';
  /** The target's platform, where the expected key depends on it; empty otherwise. */
  readonly platform: Platform | '';
  /** The real keys that count as right, `|`-separated; empty for a key that must get no suggestion. */
  readonly expected: string;
  readonly source: string;
}

const realKeys = new Set([...CATALOG.entitlements, ...CATALOG.infoPlist].map((entry) => entry.key));
const inventedKeys = new Set(CATALOG.hallucinations.map((entry) => entry.key));
const vocabulary = new Set(
  [...CATALOG.entitlements, ...CATALOG.infoPlist].flatMap((entry) => [entry.key, entry.capability ?? '', ...(entry.aliases ?? [])]).flatMap(wordsOf),
);

const NAMESPACES = ['com.apple.developer.', 'com.apple.security.'];

function namespaceOf(key: string): string | undefined {
  return NAMESPACES.find((namespace) => key.startsWith(namespace));
}

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

function withLastSegment(key: string, segment: string): string {
  return key.slice(0, key.lastIndexOf('.') + 1) + segment;
}

function kebab(name: string): string {
  return wordsOf(name.replace(/\([^)]*\)/g, ' ')).join('-');
}

/** Each transformation: the invented keys it makes of one real entry. */
const entitlementTransformations: Record<string, (entry: CatalogEntry) => string[]> = {
  'drop-segment': ({ key }) => {
    const segments = key.split('.');
    if (namespaceOf(key) === undefined || segments.length < 5) return [];
    return segments.slice(3, -1).map((_, index) => [...segments.slice(0, 3 + index), ...segments.slice(4 + index)].join('.'));
  },
  'drop-namespace': ({ key }) => {
    const namespace = namespaceOf(key);
    return namespace === undefined ? [] : [`com.apple.${key.slice(namespace.length)}`];
  },
  'add-namespace': ({ key }) => {
    if (!key.includes('.')) return NAMESPACES.map((namespace) => namespace + key);
    if (key.startsWith('com.apple.') && namespaceOf(key) === undefined) return [`com.apple.developer.${key.slice('com.apple.'.length)}`];
    return [];
  },
  'namespace-swap': ({ key }) => {
    const namespace = namespaceOf(key);
    if (namespace === undefined) return [];
    const other = NAMESPACES.find((candidate) => candidate !== namespace) as string;
    return [other + key.slice(namespace.length)];
  },
  'capability-name': ({ capability }) => (capability === undefined ? [] : [`com.apple.developer.${kebab(capability)}`]),
  'capability-joined': ({ capability }) => (capability === undefined ? [] : [`com.apple.developer.${kebab(capability).replace(/-/g, '')}`]),
  'plural-singular': ({ key }) => {
    const segment = lastSegment(key);
    const match = /^(.*?)([a-z]+)$/.exec(segment);
    if (match === null || (match[2] ?? '').length < 4) return [];
    const word = match[2] as string;
    return [withLastSegment(key, (match[1] as string) + (word.endsWith('s') ? word.slice(0, -1) : `${word}s`))];
  },
  'joined-words': ({ key }) => {
    const segment = lastSegment(key);
    return segment.includes('-') ? [withLastSegment(key, segment.replace(/-/g, ''))] : [];
  },
  'split-words': ({ key }) => {
    const segment = lastSegment(key);
    if (/[A-Z]/.test(segment.slice(1))) return [withLastSegment(key, kebab(segment))];
    const pieces = segment.split('-').flatMap((word) => splitJoinedWord(word, new Set([...vocabulary].filter((known) => known !== word))) ?? [word]);
    // Words as people split them: no piece shorter than three letters (`exposure-no-ti-fi-ca-ti-on`).
    if (pieces.some((piece) => piece.length < 3)) return [];
    return pieces.length > segment.split('-').length ? [withLastSegment(key, pieces.join('-'))] : [];
  },
  'typo-in-word': ({ key }) => {
    const segment = lastSegment(key);
    const longest = [...segment.split(/[^A-Za-z]+/)].sort((a, b) => b.length - a.length)[0] ?? '';
    if (longest.length < 6) return [];
    const at = segment.indexOf(longest) + Math.floor(longest.length / 2);
    return [withLastSegment(key, segment.slice(0, at) + segment.slice(at + 1))];
  },
  'word-order': ({ key }) => {
    const segments = key.split('.');
    const last = segments.at(-1) as string;
    const words = last.split('-');
    if (words.length >= 2) return [withLastSegment(key, [...words.slice(1), words[0]].join('-'))];
    if (segments.length < 5) return [];
    return [[...segments.slice(0, -2), last, segments.at(-2)].join('.')];
  },
};

/** Two transformations at once: the second applied to each key the first made. */
const combinations: ReadonlyArray<readonly [string, string]> = [
  ['drop-namespace', 'plural-singular'],
  ['capability-name', 'plural-singular'],
  ['namespace-swap', 'typo-in-word'],
  ['drop-segment', 'joined-words'],
];
for (const [first, second] of combinations) {
  const firstTransform = entitlementTransformations[first] as (entry: CatalogEntry) => string[];
  const secondTransform = entitlementTransformations[second] as (entry: CatalogEntry) => string[];
  entitlementTransformations[`${first}+${second}`] = (entry) => firstTransform(entry).flatMap((key) => secondTransform({ ...entry, key }));
}

/** Each purpose string's subject in the plural or singular, and with one of its middle words dropped. */
const purposeTransformations: Record<string, (entry: CatalogEntry) => string[]> = {
  'purpose-plural-singular': ({ key }) => {
    const match = /^(NS[A-Za-z]*?)([A-Z][a-z]+)UsageDescription$/.exec(key);
    if (match === null) return [];
    const word = match[2] as string;
    return [`${match[1] as string}${word.endsWith('s') ? word.slice(0, -1) : `${word}s`}UsageDescription`];
  },
  'purpose-dropped-word': ({ key }) => {
    const match = /^NS([A-Za-z]+)UsageDescription$/.exec(key);
    const words = match?.[1]?.match(/[A-Z][a-z]*/g) ?? [];
    // Only keys written in whole words: dropping a letter of an acronym (`MCAM`) is a typo, not a dropped word.
    if (words.length < 3 || words.some((word) => word.length < 2)) return [];
    return words.slice(1).map((_, index) => `NS${[...words.slice(0, index + 1), ...words.slice(index + 2)].join('')}UsageDescription`);
  },
};

/** One slip in a two-letter Apple prefix: the letters swapped, or the second one the next letter of the alphabet. */
function prefixSlips({ key }: CatalogEntry): string[] {
  const prefix = namespacePrefixOf(key);
  if (prefix?.length !== 2 || key.length < 10) return [];
  const [first = '', second = ''] = prefix;
  const next = String.fromCharCode(((second.charCodeAt(0) - 65 + 1) % 26) + 65);
  return [`${second}${first}${key.slice(2)}`, `${first}${next}${key.slice(2)}`];
}

/** The key's iOS and macOS forms (`aps-environment`, `com.apple.developer.aps-environment`): invent a third form. */
function platformFormRows(): Row[] {
  const rows: Row[] = [];
  const byName = new Map<string, CatalogEntry[]>();
  for (const entry of CATALOG.entitlements) {
    const name = lastSegment(entry.key);
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  for (const [name, entries] of byName) {
    // By the platforms listed: Mac Catalyst, listed with macOS, runs either form.
    const device = entries.find((entry) => !entry.platforms.includes('macOS'));
    const mac = entries.find((entry) => entry.platforms.includes('macOS') && !entry.platforms.includes('iOS'));
    if (entries.length !== 2 || device === undefined || mac === undefined) continue;
    for (const invented of [`com.apple.developer.${name}`, `com.apple.security.${name}`, `com.apple.${name}`]) {
      if (realKeys.has(invented) || inventedKeys.has(invented)) continue;
      rows.push({ key: invented, fileKind: 'entitlements', platform: 'iOS', expected: device.key, source: 'platform-form' });
      rows.push({ key: invented, fileKind: 'entitlements', platform: 'macOS', expected: mac.key, source: 'platform-form' });
    }
  }
  return rows;
}

/** Rows of one transformation over `entries`, dropping keys that are real, already invented, or made from two keys. */
function transformed(entries: readonly CatalogEntry[], fileKind: Row['fileKind'], source: string, transform: (entry: CatalogEntry) => string[]): Row[] {
  const madeFrom = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const invented of transform(entry)) {
      if (invented === entry.key || realKeys.has(invented) || inventedKeys.has(invented)) continue;
      madeFrom.set(invented, (madeFrom.get(invented) ?? new Set()).add(entry.key));
    }
  }
  const rows = [...madeFrom]
    .filter(([, from]) => from.size === 1)
    .map(([key, from]): Row => ({ key, fileKind, platform: '', expected: [...from][0] as string, source }));
  if (rows.length <= PER_TRANSFORMATION) return rows;
  const step = rows.length / PER_TRANSFORMATION;
  return Array.from({ length: PER_TRANSFORMATION }, (_, index) => rows[Math.floor(index * step)] as Row);
}

/** The known inventions that name a real entitlement, with every researched replacement counted as right. */
function knownInventionRows(): Row[] {
  return CATALOG.hallucinations
    .filter((entry) => entry.kind === 'wrong-name' && entry.replacements.length > 0)
    .map((entry) => ({ key: entry.key, fileKind: 'entitlements', platform: '', expected: entry.replacements.join('|'), source: 'known-invention' }));
}

/** Keys that name no real capability: an answer for any of them is a wrong answer. */
const UNRELATED: ReadonlyArray<readonly [string, Row['fileKind']]> = [
  ['com.apple.developer.foo-bar', 'entitlements'],
  ['com.apple.developer.quantum-teleport', 'entitlements'],
  ['com.apple.developer.blockchain', 'entitlements'],
  ['com.apple.developer.ai-assistant', 'entitlements'],
  ['com.apple.developer.dark-mode', 'entitlements'],
  ['com.apple.developer.holographic-keyboard', 'entitlements'],
  ['com.apple.developer.lottery-tickets', 'entitlements'],
  ['com.apple.developer.telemetry', 'entitlements'],
  ['com.apple.security.coffee-maker', 'entitlements'],
  ['com.apple.security.unlimited-power', 'entitlements'],
  ['com.apple.security.root-shell', 'entitlements'],
  ['com.example.feature-flag', 'entitlements'],
  ['org.mycompany.debug-menu', 'entitlements'],
  ['com.apple.security.disable-gatekeeper', 'entitlements'],
  ['com.apple.developer.gpu-overclock', 'entitlements'],
  ['com.apple.developer.background-music-mixing', 'entitlements'],
  ['NSSmellUsageDescription', 'infoPlist'],
  ['NSTeleportationUsageDescription', 'infoPlist'],
  ['NSBrainwaveUsageDescription', 'infoPlist'],
  ['NSScreenCaptureUsageDescription', 'infoPlist'],
  ['NSCrossWebsiteTrackingUsageDescription', 'infoPlist'],
  ['XYBundleVersion', 'infoPlist'],
];

/**
 * The other platform's form of each key that has one (`aps-environment` and `com.apple.developer.aps-environment`):
 * without a target's platforms either is right.
 */
function platformTwins(): ReadonlyMap<string, string> {
  const twins = new Map<string, string>();
  for (const row of platformFormRows()) {
    const other = platformFormRows().find((candidate) => candidate.key === row.key && candidate.expected !== row.expected);
    if (other !== undefined) twins.set(row.expected, other.expected);
  }
  return twins;
}

function withTwins(rows: readonly Row[]): Row[] {
  const twins = platformTwins();
  return rows.map((row) => {
    const twin = row.platform === '' ? twins.get(row.expected) : undefined;
    return twin === undefined ? row : { ...row, expected: `${row.expected}|${twin}` };
  });
}

function buildRows(): Row[] {
  const rows: Row[] = [];
  for (const [source, transform] of Object.entries(entitlementTransformations)) rows.push(...transformed(CATALOG.entitlements, 'entitlements', source, transform));
  rows.push(...platformFormRows());
  const purposeStrings = CATALOG.infoPlist.filter((entry) => entry.isUsageDescription === true);
  for (const [source, transform] of Object.entries(purposeTransformations)) rows.push(...transformed(purposeStrings, 'infoPlist', source, transform));
  rows.push(...transformed(CATALOG.infoPlist, 'infoPlist', 'prefix-slip', prefixSlips));
  rows.push(...knownInventionRows());
  for (const [key, fileKind] of UNRELATED) rows.push({ key, fileKind, platform: '', expected: '', source: 'unrelated' });
  return withTwins(rows);
}

const rows = buildRows();
const header = '# Generated by `npm run invented-keys` (scripts/inventedKeys.ts) from the catalog; do not edit by hand.\nkey\tfileKind\tplatform\texpected\tsource\n';
writeFileSync(OUTPUT, header + rows.map((row) => [row.key, row.fileKind, row.platform, row.expected, row.source].join('\t')).join('\n') + '\n');
const counts = new Map<string, number>();
for (const row of rows) counts.set(row.source, (counts.get(row.source) ?? 0) + 1);
console.log(`Wrote ${path.relative(process.cwd(), OUTPUT)}: ${rows.length} rows (${[...counts].map(([source, count]) => `${source} ${count}`).join(', ')})`);
