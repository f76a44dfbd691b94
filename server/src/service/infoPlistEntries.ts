/**
 * Every entry of an Info.plist in walk order (`entryListOf`), with the catalog's entry for the key where it sits:
 * as written, and with device suffixes (`~ipad`) stripped. Found once per document and catalog and kept with the
 * document, which never changes after parsing: deprecated-key, unknown-key and the value rules all read it, and a
 * walk with catalog lookups per rule was most of their cost on large files.
 */
import type { CatalogEntry } from '../../../shared/src/catalog';
import type { CatalogIndex } from './catalogIndex';
import { stripDeviceSuffix } from './keyClassification';
import type { DictEntry, PlistDocument } from './plist/nodes';
import { entryListOf, type EntryList } from './plist/walk';

/** `entryListOf`'s lists, and two more with index `i` about the same entry. */
export interface InfoPlistEntries extends EntryList {
  /** `catalog.infoPlistEntryAt(keyPathOf(entry.key))`: the key and its path as written. */
  readonly exactEntries: ReadonlyArray<CatalogEntry | undefined>;
  /** The same lookup with the device suffix stripped from the key and from every key of its path. */
  readonly catalogEntries: ReadonlyArray<CatalogEntry | undefined>;
}

const cache = new WeakMap<PlistDocument, { readonly catalog: CatalogIndex; readonly list: InfoPlistEntries }>();

/** The entries of `document` read as an Info.plist against `catalog`. */
export function infoPlistEntriesOf(document: PlistDocument, catalog: CatalogIndex): InfoPlistEntries {
  const cached = cache.get(document);
  if (cached !== undefined && cached.catalog === catalog) return cached.list;
  const { entries, dicts, dictPaths } = entryListOf(document);
  const exactEntries = new Array<CatalogEntry | undefined>(entries.length);
  const catalogEntries = new Array<CatalogEntry | undefined>(entries.length);
  // Device suffixes are stripped once per dict path, not once per key.
  let rawPath: readonly string[] | undefined;
  let strippedPath: readonly string[] = [];
  let hasSuffixInPath = false;
  for (let index = 0; index < entries.length; index++) {
    const dictPath = dictPaths[index] as readonly string[];
    if (dictPath !== rawPath) {
      rawPath = dictPath;
      hasSuffixInPath = dictPath.some((key) => key.includes('~'));
      strippedPath = hasSuffixInPath ? dictPath.map(stripDeviceSuffix) : dictPath;
    }
    const key = (entries[index] as DictEntry).key.text;
    const bareKey = stripDeviceSuffix(key);
    const exact = catalog.infoPlistEntryIn(dictPath, key);
    exactEntries[index] = exact;
    catalogEntries[index] = !hasSuffixInPath && bareKey === key ? exact : catalog.infoPlistEntryIn(strippedPath, bareKey);
  }
  const list = { entries, dicts, dictPaths, exactEntries, catalogEntries };
  cache.set(document, { catalog, list });
  return list;
}
