/**
 * Every entry of an Info.plist in source order (`entryListOf`), with the catalog's entry for the key where it sits:
 * as written, and with device suffixes (`~ipad`) stripped. Found once per document and catalog and kept with the
 * document, which never changes after parsing: deprecated-key, unknown-key and the value rules all read it, and a
 * walk with catalog lookups per rule was most of their cost on large files.
 */
import type { CatalogEntry } from '../../../shared/src/catalog';
import type { CatalogIndex } from './catalogIndex';
import { stripDeviceSuffix } from './keyClassification';
import { DerivedKey, type PlistDocument } from './plist/nodes';
import { entryListOf, type EntryList } from './plist/walk';

/** `entryListOf`'s lists, and two more with index `i` about the same entry as `keys[i]`. */
export interface InfoPlistEntries extends EntryList {
  /** `catalog.infoPlistEntryAt(keyPathOf(key))`: the key and its path as written. */
  readonly exactEntries: ReadonlyArray<CatalogEntry | undefined>;
  /** The same lookup with the device suffix stripped from the key and from every key of its path. */
  readonly catalogEntries: ReadonlyArray<CatalogEntry | undefined>;
}

const INFO_PLIST_ENTRIES = new DerivedKey<{ readonly catalog: CatalogIndex; readonly list: InfoPlistEntries }>('infoPlistEntries');

/** The entries of `document` read as an Info.plist against `catalog`. */
export function infoPlistEntriesOf(document: PlistDocument, catalog: CatalogIndex): InfoPlistEntries {
  const cached = document.derived(INFO_PLIST_ENTRIES);
  if (cached !== undefined && cached.catalog === catalog) return cached.list;
  const entryList = entryListOf(document);
  const { table, keys } = entryList;
  const exactEntries = new Array<CatalogEntry | undefined>(keys.length).fill(undefined);
  const catalogEntries = new Array<CatalogEntry | undefined>(keys.length).fill(undefined);
  // The catalog's level is found once per dict: a dict's entries share it, and entries of nested dicts come
  // between them, so a dict comes back after others.
  const levels = new Map<number, PathLevels>();
  let lastDict = -1;
  let level: PathLevels = NO_LEVELS;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as number;
    const dict = table.parent(key);
    if (dict !== lastDict) {
      lastDict = dict;
      const known = levels.get(dict);
      level = known ?? levelsAt(table.pathOf(dict), catalog);
      if (known === undefined) levels.set(dict, level);
    }
    // An app's own dict: nothing in it is in the catalog, with or without device suffixes.
    if (level.exact === undefined && level.stripped === undefined) continue;
    const text = table.textOf(key);
    const bareKey = stripDeviceSuffix(text);
    const exact = level.exact?.get(text);
    exactEntries[index] = exact;
    catalogEntries[index] = !level.hasSuffixInPath && bareKey === text ? exact : level.stripped?.get(bareKey);
  }
  const list: InfoPlistEntries = { table, keys, dicts: entryList.dicts, exactEntries, catalogEntries };
  document.setDerived(INFO_PLIST_ENTRIES, { catalog, list });
  return list;
}

/** The catalog's keys for a dict path as written, and with device suffixes stripped from its keys. */
interface PathLevels {
  readonly exact: ReadonlyMap<string, CatalogEntry> | undefined;
  readonly stripped: ReadonlyMap<string, CatalogEntry> | undefined;
  readonly hasSuffixInPath: boolean;
}

const NO_LEVELS: PathLevels = { exact: undefined, stripped: undefined, hasSuffixInPath: false };

function levelsAt(dictPath: readonly string[], catalog: CatalogIndex): PathLevels {
  const exact = catalog.infoPlistKeysIn(dictPath);
  const hasSuffixInPath = dictPath.some((key) => key.includes('~'));
  return { exact, stripped: hasSuffixInPath ? catalog.infoPlistKeysIn(dictPath.map(stripDeviceSuffix)) : exact, hasSuffixInPath };
}
