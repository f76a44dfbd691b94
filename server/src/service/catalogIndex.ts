/**
 * Lookup structures over the catalog, built once per catalog. Rules and features ask these questions instead of
 * walking the catalog arrays themselves.
 */
import type { Catalog, CatalogEntry, FileKind, Hallucination, PrivateKeyPattern } from '../../../shared/src/catalog';

export interface CatalogIndex {
  readonly catalog: Catalog;
  /** A real entitlement by key. */
  entitlement(key: string): CatalogEntry | undefined;
  /** A top-level Info.plist key. */
  infoPlistKey(key: string): CatalogEntry | undefined;
  /** The entry for a key path in Info.plist (`['NSAppTransportSecurity', 'NSAllowsArbitraryLoads']`). */
  infoPlistEntryAt(path: readonly string[]): CatalogEntry | undefined;
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
}

/** The Apple namespace prefix of a key such as `NSCameraUsageDescription` (`NS`), or `undefined`. */
export function namespacePrefixOf(key: string): string | undefined {
  const match = /^([A-Z]{2,4})[A-Z][a-z]/.exec(key);
  return match?.[1];
}

/** Builds the index. */
export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  const entitlements = new Map(catalog.entitlements.map((entry) => [entry.key, entry]));
  const infoPlist = new Map(catalog.infoPlist.map((entry) => [entry.key, entry]));
  const hallucinations = new Map(catalog.hallucinations.map((entry) => [entry.key, entry]));
  const anyDepth = new Set<string>();
  const work = [...catalog.infoPlist];
  for (let entry = work.pop(); entry !== undefined; entry = work.pop()) {
    anyDepth.add(entry.key);
    if (entry.children !== undefined) work.push(...entry.children);
  }
  const prefixes = new Set<string>();
  for (const key of infoPlist.keys()) {
    const prefix = namespacePrefixOf(key);
    if (prefix !== undefined && prefix.length <= 3) prefixes.add(prefix);
  }

  return {
    catalog,
    entitlement: (key) => entitlements.get(key),
    infoPlistKey: (key) => infoPlist.get(key),
    infoPlistEntryAt(path) {
      let entries: readonly CatalogEntry[] | undefined = catalog.infoPlist;
      let found: CatalogEntry | undefined;
      let isFreeFormLevel = false;
      for (const key of path) {
        if (isFreeFormLevel) {
          // Dictionaries keyed by free-form names (a domain, a UUID) pass through to their children.
          isFreeFormLevel = false;
          found = undefined;
          continue;
        }
        found = entries?.find((entry) => entry.key === key);
        if (found === undefined) return undefined;
        entries = found.children;
        isFreeFormLevel = found.keyPattern !== undefined;
      }
      return found;
    },
    entryFor: (fileKind, key) => (fileKind === 'entitlements' ? entitlements.get(key) : infoPlist.get(key)),
    isInfoPlistKeyAnywhere: (key) => anyDepth.has(key),
    hallucination: (key) => hallucinations.get(key),
    privatePattern: (key) => catalog.privateKeyPatterns.find((pattern) => key.startsWith(pattern.prefix)),
    entitlementKeys: [...entitlements.keys()],
    infoPlistKeys: [...infoPlist.keys()],
    appleInfoPlistPrefixes: prefixes,
  };
}
