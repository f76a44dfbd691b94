/**
 * The entries of an Info.plist that the catalog may know, in source order, with the catalog's entry for the key
 * where it sits: as written, and with device suffixes (`~ipad`) stripped. Found once per document and catalog and
 * kept with the document, which never changes after parsing, because deprecated-key, unknown-key and the value
 * rules all read it.
 */
import type { CatalogEntry } from '../../../../shared/src/catalog';
import type { CatalogIndex, InfoPlistLevel } from '../catalogIndex';
import { stripDeviceSuffix } from './keyClassification';
import { DerivedKey, type PlistDocument } from '../plist/nodes';
import { ChunkedList, type ReadonlyList } from '../plist/chunkedList';
import { KIND_ARRAY, KIND_DICT, zeroedInts, type PlistTable } from '../plist/table';
import { memoized } from '../memoized';

/** The entries of the dicts the catalog documents; index `i` of each list is about the same entry. */
export interface InfoPlistEntries {
  readonly table: PlistTable;
  /**
   * The key elements of every entry of a dict whose keys the catalog documents (by its key path as written, or
   * with device suffixes stripped), the root dict's included, in source order. Entries of any other dict are left
   * out: an app's own dicts (`MyAppSettings`), everything inside them, and the free-form names of a dict keyed by
   * domain or UUID (whose values' dicts are listed). Those are most of a large file, and no rule that reads this
   * list has anything to say about them.
   */
  readonly keys: Int32Array;
  /** `catalog.infoPlistEntryAt(keyPathOf(key))`: the key and its path as written. */
  readonly exactEntries: ReadonlyList<CatalogEntry | undefined>;
  /** The same lookup with the device suffix stripped from the key and from every key of its path. */
  readonly catalogEntries: ReadonlyList<CatalogEntry | undefined>;
  /** `catalog.infoPlistKeysIn(keyPathOf(dict))`: the documented keys of one of the document's dicts, or `undefined`. */
  readonly documentedKeysIn: (dict: number) => ReadonlyMap<string, CatalogEntry> | undefined;
}

const INFO_PLIST_ENTRIES = new DerivedKey<InfoPlistEntries>('infoPlistEntries');

/** The entries of `document` read as an Info.plist against `catalog`. */
export function infoPlistEntriesOf(document: PlistDocument, catalog: CatalogIndex): InfoPlistEntries {
  return document.derive(INFO_PLIST_ENTRIES, [catalog], () => findInfoPlistEntries(document, catalog));
}

function findInfoPlistEntries(document: PlistDocument, catalog: CatalogIndex): InfoPlistEntries {
  const { table, keys: allKeys } = document.entryList;
  const keys = zeroedInts(allKeys.length);
  let count = 0;
  const exactEntries = new ChunkedList<CatalogEntry | undefined>(allKeys.length);
  const catalogEntries = new ChunkedList<CatalogEntry | undefined>(allKeys.length);
  const levels = new ContainerLevels(table, catalog);
  // Entries of nested dicts come between a dict's own, so a dict comes back after others: its levels are kept.
  let lastDict = -1;
  let level: PathLevels = NO_LEVELS;
  for (let index = 0; index < allKeys.length; index++) {
    const key = allKeys[index] as number;
    const dict = table.parent(key);
    if (dict !== lastDict) {
      lastDict = dict;
      level = levels.of(dict);
    }
    const exactKeys = level.exact.keys;
    const strippedKeys = level.stripped.keys;
    if (exactKeys === undefined && strippedKeys === undefined) {
      // An app's own dict: nothing in it or inside it is in the catalog. The keys inside it come next (ids follow
      // start tags, and `allKeys` is in id order), so they are passed over at once, without finding their levels.
      if (level.knowsNothing) {
        const last = table.lastInside(dict);
        while (index + 1 < allKeys.length && (allKeys[index + 1] as number) <= last) index++;
      }
      continue;
    }
    keys[count++] = key;
    // In a dict with few documented keys, a key written as documented is matched where it sits, so that the many
    // keys of such dicts (each exception domain's) are never sliced and hashed only to be looked up.
    const byLength = level.hasSuffixInPath ? undefined : level.exact.entriesByLength;
    if (byLength !== undefined && table.isSourceText(key)) {
      const found = writtenEntry(table, key, byLength);
      if (found !== undefined) {
        exactEntries.push(found);
        catalogEntries.push(found);
        levels.noteValueLevels(key, level, found);
        continue;
      }
    }
    const text = table.textOf(key);
    const exact = exactKeys?.get(text);
    if (!text.includes('~')) levels.noteValueLevels(key, level, exact);
    exactEntries.push(exact);
    // A catalog key has no device suffix, so a key found as written is its own stripped form.
    if (exact !== undefined && !level.hasSuffixInPath) {
      catalogEntries.push(exact);
      continue;
    }
    const bareKey = stripDeviceSuffix(text);
    catalogEntries.push(!level.hasSuffixInPath && bareKey === text ? exact : strippedKeys?.get(bareKey));
  }
  return {
    table,
    keys: keys.subarray(0, count),
    exactEntries,
    catalogEntries,
    documentedKeysIn: (dict) => levels.of(dict).exact.keys,
  };
}

/** The entry of `byLength` (InfoPlistLevel.entriesByLength) whose key is the source-text `key` as written, if any. */
function writtenEntry(table: PlistTable, key: number, byLength: ReadonlyArray<readonly CatalogEntry[] | undefined>): CatalogEntry | undefined {
  const candidates = byLength[table.textEnd(key) - table.textOffset(key)];
  if (candidates === undefined) return undefined;
  for (const entry of candidates) if (table.hasText(key, entry.key)) return entry;
  return undefined;
}

/** Where a container sits in the catalog: by its key path as written, and with device suffixes stripped from it. */
interface PathLevels {
  readonly exact: InfoPlistLevel;
  readonly stripped: InfoPlistLevel;
  readonly hasSuffixInPath: boolean;
  /** Both levels know nothing here nor below (InfoPlistLevel.knowsNothing). */
  readonly knowsNothing: boolean;
  /** Its place in its catalog's `LevelRegistry.byId`. */
  readonly id: number;
}

const NO_LEVEL: InfoPlistLevel = { keys: undefined, knowsNothing: false, entriesByLength: undefined, belowAnyName: undefined };
const NO_LEVELS: PathLevels = { exact: NO_LEVEL, stripped: NO_LEVEL, hasSuffixInPath: false, knowsNothing: false, id: -1 };
const TILDE = 0x7e;

/**
 * Every PathLevels of one catalog, made once and shared by all documents: a catalog has a few hundred levels and
 * paths pair them in few ways, while a document may have thousands of containers.
 */
interface LevelRegistry {
  readonly byId: PathLevels[];
  /** Levels of paths without a device suffix, where exact and stripped are the same level. */
  readonly plain: Map<InfoPlistLevel, PathLevels>;
  /** Levels of paths with a device suffix, by exact level and then stripped level. */
  readonly suffixed: Map<InfoPlistLevel, Map<InfoPlistLevel, PathLevels>>;
}

const registryOf = memoized((_catalog: CatalogIndex): LevelRegistry => ({ byId: [], plain: new Map(), suffixed: new Map() }));

/**
 * Each container's levels, found from its parent's with one step per key (`infoPlistLevelBelow`) and kept: the
 * key path of every dict, then a walk of the catalog from the root per path, cost more than the rest of the rules.
 * An array passes its level to its items, as key paths skip arrays. Each container keeps the id of its levels in a
 * typed array, not an object in a map.
 */
class ContainerLevels {
  /** By element id: 1 + the id of the container's levels in the registry, or 0 while not found. */
  private readonly known: Int32Array;
  private readonly registry: LevelRegistry;
  /** The containers `of` is finding levels for, innermost first, filled up to a count. */
  private readonly pending: number[] = [];
  /** What `plainLevels` gave last. */
  private lastPlain: PathLevels | undefined = undefined;

  constructor(
    private readonly table: PlistTable,
    private readonly catalog: CatalogIndex,
  ) {
    this.known = zeroedInts(table.count);
    this.registry = registryOf(catalog);
  }

  /**
   * Records the levels of the value of `key`, when it is a container, from `exact`, the entry found for `key` at
   * `levels` (without a device suffix in the key nor its path): what `of` would find with a second lookup of the key.
   * An app's own dicts are the values of keys the catalog does not know, one per key of a large file's root.
   */
  noteValueLevels(key: number, levels: PathLevels, exact: CatalogEntry | undefined): void {
    if (levels.hasSuffixInPath || levels.exact.keys === undefined) return;
    const value = this.table.valueOf(key);
    if (value < 0) return;
    const kind = this.table.kind(value);
    if (kind !== KIND_DICT && kind !== KIND_ARRAY) return;
    this.known[value] = this.plainLevels(this.catalog.infoPlistLevelBelowEntry(levels.exact, exact)).id + 1;
  }

  of(container: number): PathLevels {
    const found = this.known[container] as number;
    if (found > 0) return this.registry.byId[found - 1] as PathLevels;
    // No recursion, so depth cannot overflow the stack.
    const table = this.table;
    const pending = this.pending;
    let count = 0;
    let levels: PathLevels | undefined;
    for (let current = container; current >= 0; current = table.parent(current)) {
      const known = this.known[current] as number;
      if (known > 0) {
        levels = this.registry.byId[known - 1];
        break;
      }
      pending[count++] = current;
    }
    levels ??= this.plainLevels(this.catalog.infoPlistRoot);
    for (let index = count - 1; index >= 0; index--) {
      const current = pending[index] as number;
      const key = table.keyOf(current);
      if (key >= 0) levels = this.below(levels, key);
      this.known[current] = levels.id + 1;
    }
    return levels;
  }

  /** The levels of the value of `key` (an element) in a dict at `levels`. */
  private below(levels: PathLevels, key: number): PathLevels {
    // Below a free-form name (a domain) the level is the same for every name, so the name is not made into a string
    // unless it has a device suffix: a large file's exception domains are hundreds of names nothing else reads.
    const belowAnyName = levels.exact.belowAnyName;
    if (belowAnyName !== undefined && !levels.hasSuffixInPath && !this.table.textHasCharacter(key, TILDE)) return this.plainLevels(belowAnyName);
    const text = this.table.textOf(key);
    const exact = this.catalog.infoPlistLevelBelow(levels.exact, text);
    if (!levels.hasSuffixInPath && !text.includes('~')) return this.plainLevels(exact);
    return this.suffixedLevels(exact, this.catalog.infoPlistLevelBelow(levels.stripped, stripDeviceSuffix(text)));
  }

  private plainLevels(level: InfoPlistLevel): PathLevels {
    // Containers side by side are mostly at the same level (an app's dicts, exception domains).
    if (level === this.lastPlain?.exact) return this.lastPlain;
    const { plain, byId } = this.registry;
    let levels = plain.get(level);
    if (levels === undefined) {
      levels = { exact: level, stripped: level, hasSuffixInPath: false, knowsNothing: level.knowsNothing, id: byId.length };
      byId.push(levels);
      plain.set(level, levels);
    }
    this.lastPlain = levels;
    return levels;
  }

  private suffixedLevels(exact: InfoPlistLevel, stripped: InfoPlistLevel): PathLevels {
    const { suffixed, byId } = this.registry;
    let byStripped = suffixed.get(exact);
    if (byStripped === undefined) {
      byStripped = new Map();
      suffixed.set(exact, byStripped);
    }
    let levels = byStripped.get(stripped);
    if (levels === undefined) {
      levels = { exact, stripped, hasSuffixInPath: true, knowsNothing: exact.knowsNothing && stripped.knowsNothing, id: byId.length };
      byId.push(levels);
      byStripped.set(stripped, levels);
    }
    return levels;
  }
}
