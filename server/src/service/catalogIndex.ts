/**
 * Lookup structures over the catalog, built once per catalog. Rules and features ask these questions instead of
 * walking the catalog arrays themselves.
 */
import type { Catalog, CatalogEntry, FileKind, Hallucination, PrivateKeyPattern } from '../../../shared/src/catalog';
import { memoized } from './memoized';
import { createReplacementIndex, type ReplacementIndex } from './replacements/suggestReplacements';
import { ServiceCaches } from './serviceCaches';

export interface CatalogIndex {
  readonly catalog: Catalog;
  /** A real entitlement by key. */
  entitlement(key: string): CatalogEntry | undefined;
  /** A top-level Info.plist key. */
  infoPlistKey(key: string): CatalogEntry | undefined;
  /** The entry for a key path in Info.plist (`['NSAppTransportSecurity', 'NSAllowsArbitraryLoads']`). */
  infoPlistEntryAt(path: readonly string[]): CatalogEntry | undefined;
  /**
   * The documented keys of the Info.plist dict at `dictPath` (`[]` for the top level), or `undefined` when the
   * catalog knows nothing there (an app's own dict, or one keyed by free-form names such as domains).
   */
  infoPlistKeysIn(dictPath: readonly string[]): ReadonlyMap<string, CatalogEntry> | undefined;
  /** The level of the Info.plist's root dict: `infoPlistKeysIn([])`, as a level to step down from. */
  readonly infoPlistRoot: InfoPlistLevel;
  /**
   * The level of the dict that is the value of `key` in a dict at `level` (or whose items are, for an array), so
   * that `level.keys` is `infoPlistKeysIn([...path, key])`. Steps allocate nothing: a walk over a document finds
   * each dict's level from its parent's with one lookup, where a key path per dict cost a copy of the path and a
   * walk from the root.
   */
  infoPlistLevelBelow(level: InfoPlistLevel, key: string): InfoPlistLevel;
  /**
   * `infoPlistLevelBelow(level, key)` for a key already looked up at a level with keys: `entry` is
   * `level.keys.get(key)`, found or not. A walk that has the entry need not look the key up again.
   */
  infoPlistLevelBelowEntry(level: InfoPlistLevel, entry: CatalogEntry | undefined): InfoPlistLevel;
  /** The entry for `key` where it sits in a file of `fileKind`, at top level. */
  entryFor(fileKind: FileKind, key: string): CatalogEntry | undefined;
  /** True when `key` is an Info.plist key at any depth. */
  isInfoPlistKeyAnywhere(key: string): boolean;
  hallucination(key: string): Hallucination | undefined;
  privatePattern(key: string): PrivateKeyPattern | undefined;
  readonly entitlementKeys: readonly string[];
  readonly infoPlistKeys: readonly string[];
  /** Two- or three-letter prefixes of Apple's Info.plist namespaces (`NS`, `UI`, `CF`...), derived from the catalog. */
  readonly appleInfoPlistPrefixes: ReadonlySet<string>;
  /** The real keys as words, for replacements of invented keys; kept per index, so per language service. */
  readonly replacements: ReplacementIndex;
  /** What the service keeps between calls (key classes, scratch indexes); one index per service, so per service. */
  readonly caches: ServiceCaches;
}

/** A place in the catalog's tree of Info.plist keys (see `infoPlistLevelBelow`). */
export interface InfoPlistLevel {
  /** The documented keys of a dict here, or `undefined` when the catalog knows nothing here. */
  readonly keys: ReadonlyMap<string, CatalogEntry> | undefined;
  /**
   * True when the catalog documents nothing here nor at any level below (an app's own settings), so that a walk
   * can skip everything inside. False below a dict keyed by free-form names: it has no keys, but its children do.
   */
  readonly knowsNothing: boolean;
  /**
   * For a level with few keys, its entries by the length of their key, so that a key can be matched where it is
   * written without being made into a string (see `infoPlistEntries.ts`); `undefined` for a level with many keys
   * (a map lookup is as fast there) or none.
   */
  readonly entriesByLength: ReadonlyArray<readonly CatalogEntry[] | undefined> | undefined;
  /**
   * For a dict keyed by free-form names (a domain, a UUID), the level below every one of them, which does not
   * depend on the name: `infoPlistLevelBelow(this, anyName)`. `undefined` elsewhere.
   */
  readonly belowAnyName: InfoPlistLevel | undefined;
}

/** Levels with up to this many keys get `entriesByLength`. */
const FEW_KEYS = 32;

/** The entries of a level with few keys by the length of their key (see InfoPlistLevel.entriesByLength). */
function entriesByLengthOf(keys: ReadonlyMap<string, CatalogEntry> | undefined): Array<CatalogEntry[] | undefined> | undefined {
  if (keys === undefined || keys.size === 0 || keys.size > FEW_KEYS) return undefined;
  const byLength: Array<CatalogEntry[] | undefined> = [];
  for (const entry of keys.values()) (byLength[entry.key.length] ??= []).push(entry);
  return byLength;
}

/**
 * The Apple namespace prefix of a key such as `NSCameraUsageDescription` (`NS`), or `undefined`: two to four
 * capitals followed by a capitalised word (what `/^([A-Z]{2,4})[A-Z][a-z]/` matches, without a regex per key).
 */
export function namespacePrefixOf(key: string): string | undefined {
  let capitals = 0;
  while (capitals < key.length && isCapital(key.charCodeAt(capitals))) capitals++;
  if (capitals < 3 || capitals > 5) return undefined;
  const next = key.charCodeAt(capitals);
  return next >= 0x61 && next <= 0x7a ? key.slice(0, capitals - 1) : undefined;
}

/** Entries by key; the first entry wins, as the catalog arrays' own order would have it. */
function keyMapOf(entries: readonly CatalogEntry[]): ReadonlyMap<string, CatalogEntry> {
  const map = new Map<string, CatalogEntry>();
  for (const entry of entries) if (!map.has(entry.key)) map.set(entry.key, entry);
  return map;
}

function isCapital(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

/** Every Info.plist key the catalog documents at any depth. */
function infoPlistKeysAtAnyDepth(catalog: Catalog): Set<string> {
  const anyDepth = new Set<string>();
  const work = [...catalog.infoPlist];
  for (let entry = work.pop(); entry !== undefined; entry = work.pop()) {
    anyDepth.add(entry.key);
    if (entry.children !== undefined) work.push(...entry.children);
  }
  return anyDepth;
}

/** The short namespace prefixes of Apple's Info.plist keys (`NS`, `UI`, `CF`...). */
function applePrefixesOf(keys: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const key of keys) {
    const prefix = namespacePrefixOf(key);
    if (prefix !== undefined && prefix.length <= 3) prefixes.add(prefix);
  }
  return prefixes;
}

/** The catalog's Info.plist levels: the root's, and the one below any entry, each made once. */
interface Levels {
  readonly root: InfoPlistLevel;
  readonly unknown: InfoPlistLevel;
  readonly below: (level: InfoPlistLevel, key: string) => InfoPlistLevel;
  readonly belowEntry: (level: InfoPlistLevel, entry: CatalogEntry | undefined) => InfoPlistLevel;
}

function createLevels(catalog: Catalog): Levels {
  /**
   * A level: the entries a dict there may hold, or, below a dict keyed by free-form names (a domain, a UUID), the
   * entries its children hold, the free-form key itself passing through. Levels are made once per catalog entry,
   * each with its keys as a map.
   */
  class Level implements InfoPlistLevel {
    readonly keys: ReadonlyMap<string, CatalogEntry> | undefined;
    readonly knowsNothing: boolean;
    readonly entriesByLength: ReadonlyArray<readonly CatalogEntry[] | undefined> | undefined;
    private passThrough: Level | undefined;

    constructor(
      readonly entries: readonly CatalogEntry[] | undefined,
      readonly isFreeForm: boolean,
    ) {
      this.keys = isFreeForm || entries === undefined ? undefined : keyMapOf(entries);
      // Without entries, the level below a free-form key has none either, and below any other key is UNKNOWN_LEVEL.
      this.knowsNothing = entries === undefined;
      this.entriesByLength = entriesByLengthOf(this.keys);
    }

    get belowAnyName(): Level | undefined {
      return this.isFreeForm ? (this.passThrough ??= new Level(this.entries, false)) : undefined;
    }

    below(key: string): Level {
      if (this.isFreeForm) return this.belowAnyName as Level;
      return this.belowEntry(this.keys?.get(key));
    }

    belowEntry(entry: CatalogEntry | undefined): Level {
      if (this.isFreeForm) return this.belowAnyName as Level;
      return entry === undefined ? UNKNOWN_LEVEL : levelBelowEntry(entry);
    }
  }
  const levelBelowEntry = memoized((entry: CatalogEntry) => new Level(entry.children, entry.keyPattern !== undefined));
  const UNKNOWN_LEVEL = new Level(undefined, false);
  return {
    root: new Level(catalog.infoPlist, false),
    unknown: UNKNOWN_LEVEL,
    below: (level, key) => (level instanceof Level ? level.below(key) : UNKNOWN_LEVEL),
    belowEntry: (level, entry) => (level instanceof Level ? level.belowEntry(entry) : UNKNOWN_LEVEL),
  };
}

/** Builds the index. */
export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  const entitlements = new Map(catalog.entitlements.map((entry) => [entry.key, entry]));
  const infoPlist = new Map(catalog.infoPlist.map((entry) => [entry.key, entry]));
  const hallucinations = new Map(catalog.hallucinations.map((entry) => [entry.key, entry]));
  const anyDepth = infoPlistKeysAtAnyDepth(catalog);
  const levels = createLevels(catalog);

  /** The entries allowed directly in the Info.plist dict at `path`, or `undefined` when nothing is known there. */
  const infoPlistKeysAt = (path: readonly string[]): ReadonlyMap<string, CatalogEntry> | undefined => {
    let level = levels.root;
    for (const key of path) level = levels.below(level, key);
    return level.keys;
  };
  let replacements: ReplacementIndex | undefined;
  const index: CatalogIndex = {
    catalog,
    entitlement: (key) => entitlements.get(key),
    infoPlistKey: (key) => infoPlist.get(key),
    infoPlistEntryAt(path) {
      if (path.length === 0) return undefined;
      return infoPlistKeysAt(path.slice(0, -1))?.get(path[path.length - 1] as string);
    },
    infoPlistKeysIn: infoPlistKeysAt,
    infoPlistRoot: levels.root,
    infoPlistLevelBelow: levels.below,
    infoPlistLevelBelowEntry: levels.belowEntry,
    entryFor: (fileKind, key) => (fileKind === 'entitlements' ? entitlements.get(key) : infoPlist.get(key)),
    isInfoPlistKeyAnywhere: (key) => anyDepth.has(key),
    hallucination: (key) => hallucinations.get(key),
    privatePattern: (key) => catalog.privateKeyPatterns.find((pattern) => key.startsWith(pattern.prefix)),
    entitlementKeys: [...entitlements.keys()],
    infoPlistKeys: [...infoPlist.keys()],
    appleInfoPlistPrefixes: applePrefixesOf(infoPlist.keys()),
    caches: new ServiceCaches(),
    get replacements() {
      return (replacements ??= createReplacementIndex(index));
    },
  };
  return index;
}
