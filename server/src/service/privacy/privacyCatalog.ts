/**
 * Lookups over the catalog's privacy manifest part, made once per catalog: keys by name (top level and inside the
 * two dictionaries), required-reason categories by value, and the category each reason code belongs to.
 */
import type { Catalog, CatalogEntry, PrivacyManifestCatalog, PrivacyValue, RequiredReasonCategory } from '../../../../shared/src/catalog';

/** The privacy manifest facts of one catalog, indexed. */
export interface PrivacyIndex {
  readonly manifest: PrivacyManifestCatalog;
  readonly topLevelKeys: ReadonlyMap<string, CatalogEntry>;
  /** The keys of each dictionary in a top-level array, by the array's key. */
  readonly childKeys: ReadonlyMap<string, ReadonlyMap<string, CatalogEntry>>;
  readonly categories: ReadonlyMap<string, RequiredReasonCategory>;
  /** Each reason code's category. */
  readonly categoryOfReason: ReadonlyMap<string, RequiredReasonCategory>;
  readonly dataTypes: ReadonlyMap<string, PrivacyValue>;
  readonly purposes: ReadonlyMap<string, PrivacyValue>;
}

const indexes = new WeakMap<Catalog, PrivacyIndex | null>();

/** The index of `catalog`'s privacy manifest part, or `undefined` for a catalog without one (small test catalogs). */
export function privacyIndexOf(catalog: Catalog): PrivacyIndex | undefined {
  let index = indexes.get(catalog);
  if (index === undefined) {
    index = catalog.privacyManifest === undefined ? null : buildIndex(catalog.privacyManifest);
    indexes.set(catalog, index);
  }
  return index ?? undefined;
}

function buildIndex(manifest: PrivacyManifestCatalog): PrivacyIndex {
  const categoryOfReason = new Map<string, RequiredReasonCategory>();
  for (const category of manifest.apiCategories) for (const reason of category.reasons) categoryOfReason.set(reason.code, category);
  return {
    manifest,
    topLevelKeys: new Map(manifest.keys.map((entry) => [entry.key, entry])),
    childKeys: new Map(manifest.keys.filter((entry) => entry.children !== undefined).map((entry) => [entry.key, new Map((entry.children ?? []).map((child) => [child.key, child]))])),
    categories: new Map(manifest.apiCategories.map((category) => [category.value, category])),
    categoryOfReason,
    dataTypes: new Map(manifest.collectedDataTypes.map((type) => [type.value, type])),
    purposes: new Map(manifest.purposes.map((purpose) => [purpose.value, purpose])),
  };
}

/** Every key a privacy manifest may hold, at any level, for recognising them outside the file. */
export function allPrivacyKeys(index: PrivacyIndex): string[] {
  return [...index.topLevelKeys.keys(), ...[...index.childKeys.values()].flatMap((children) => [...children.keys()])];
}
