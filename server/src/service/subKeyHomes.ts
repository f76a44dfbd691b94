/**
 * Where the catalog documents each Info.plist sub-key: the dicts a key such as `NSAllowsArbitraryLoads` belongs in
 * (`NSAppTransportSecurity`), made once per catalog from its tables of children. A sub-key written at the top level
 * of Info.plist, or at the top of an entitlements file, is read by nothing there; this says where it is read.
 */
import type { CatalogEntry } from '../../../shared/src/catalog';
import { namespacePrefixOf, type CatalogIndex } from './catalogIndex';
import { memoized } from './memoized';

/** One level of the way down to a sub-key's dict. */
export interface HomeStep {
  readonly key: string;
  /** `dict`: the key's value is the dict; `items`: each dict of the key's array; `named`: each dict under a name of the user's (a domain). */
  readonly holds: 'dict' | 'items' | 'named';
  /** The name the user chooses, for `named` steps (`<domain name>`). */
  readonly namePattern?: string;
}

/** A dict the catalog documents a sub-key in. */
export interface SubKeyHome {
  /** The sub-key's own entry there. */
  readonly entry: CatalogEntry;
  /** The keys from the top level down to the dict that holds the sub-key. */
  readonly steps: readonly HomeStep[];
}

/**
 * The dicts the catalog documents `key` in below the top level, or none: for keys in one of Apple's namespaces only
 * (`NS`, `UI`, `CF`...), as plain words (`Description`, `Identifier`) are as likely an app's own settings.
 */
export function subKeyHomesOf(key: string, catalog: CatalogIndex): readonly SubKeyHome[] {
  const prefix = namespacePrefixOf(key);
  if (prefix === undefined || !catalog.appleInfoPlistPrefixes.has(prefix)) return NONE;
  return homesByKey(catalog).get(key) ?? NONE;
}

/** The dict a step path names, in words: `NSAppTransportSecurity > NSExceptionDomains > <domain name>`. */
export function homeName(steps: readonly HomeStep[]): string {
  return steps.map((step) => (step.holds === 'items' ? `${step.key} > item` : step.holds === 'named' ? `${step.key} > ${step.namePattern ?? '<name>'}` : step.key)).join(' > ');
}

/** True when every dict down to the home is keyed by the catalog's own keys, so a fix can make the missing ones. */
export function isFixedPath(steps: readonly HomeStep[]): boolean {
  return steps.every((step) => step.holds === 'dict');
}

const NONE: readonly SubKeyHome[] = [];

const homesByKey = memoized((catalog: CatalogIndex): ReadonlyMap<string, readonly SubKeyHome[]> => {
  const homes = new Map<string, SubKeyHome[]>();
  const work: Array<{ entry: CatalogEntry; steps: readonly HomeStep[] }> = catalog.catalog.infoPlist.map((entry) => ({ entry, steps: [] }));
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { entry, steps } = item;
    if (entry.children === undefined || entry.children.length === 0) continue;
    const step: HomeStep =
      entry.keyPattern !== undefined ? { key: entry.key, holds: 'named', namePattern: entry.keyPattern } : { key: entry.key, holds: entry.type === 'array' ? 'items' : 'dict' };
    const below = [...steps, step];
    for (const child of entry.children) {
      const list = homes.get(child.key) ?? [];
      // One home per dict: the catalog lists some sub-keys twice under one parent.
      if (!list.some((home) => homeName(home.steps) === homeName(below))) list.push({ entry: child, steps: below });
      homes.set(child.key, list);
      work.push({ entry: child, steps: below });
    }
  }
  for (const list of homes.values()) list.sort((a, b) => a.steps.length - b.steps.length || homeName(a.steps).localeCompare(homeName(b.steps)));
  return homes;
});
