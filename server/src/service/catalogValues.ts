/**
 * Pairs each value of a document with the catalog entry of its key, where the key sits: the top level of an
 * `.entitlements` file, any depth of Info.plist. The value rules walk documents through this, so they agree on
 * which values they check and none of them walks the tree itself.
 */
import type { CatalogEntry, ValueType } from '../../../shared/src/catalog';
import type { CatalogIndex } from './catalogIndex';
import { infoPlistEntriesOf } from './infoPlistEntries';
import type { PlistDocument, ValueNode } from './plist/nodes';
import { KIND_DICT } from './plist/table';
import { valueViewOf } from './plist/tree';
import type { DocumentContext } from './rules/types';

/** A key's value together with what the catalog says about the key. */
export interface CatalogValue {
  /** The key as written. */
  readonly key: string;
  /** A view of the value made for this visit (tree.ts `valueViewOf`): compare it by offset, not identity. */
  readonly value: ValueNode;
  readonly catalogEntry: CatalogEntry;
}

/** Calls `visit` for every value whose key the catalog knows in this kind of file; keys the user allows are skipped. */
export function forEachCatalogValue(
  document: PlistDocument,
  catalog: CatalogIndex,
  context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>,
  visit: (item: CatalogValue) => void,
): void {
  const { keys, values, catalogEntries } = catalogValuesOf(document, catalog, context);
  const table = document.table;
  // Views are made per visit and dropped after it: keeping nodes for every value of a large file alive is what
  // made a tree of objects slow (see table.ts).
  for (let index = 0; index < keys.length; index++) {
    visit({ key: table.textOf(keys[index] as number), value: valueViewOf(table, values[index] as number), catalogEntry: catalogEntries[index] as CatalogEntry });
  }
}

/**
 * Several rules ask for the same pairs in one validation (same document, catalog and settings), and finding them
 * is most of their cost on a large file, so the last answer is kept with the document, as element ids.
 */
interface CatalogValueList {
  readonly catalog: CatalogIndex;
  readonly fileKind: DocumentContext['fileKind'];
  readonly allowedKeys: ReadonlySet<string>;
  /** Index `i` of each list is about one value: its key element, its value element and the key's catalog entry. */
  readonly keys: readonly number[];
  readonly values: readonly number[];
  readonly catalogEntries: readonly CatalogEntry[];
}
const catalogValueLists = new WeakMap<PlistDocument, CatalogValueList>();

function catalogValuesOf(document: PlistDocument, catalog: CatalogIndex, context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>): CatalogValueList {
  const cached = catalogValueLists.get(document);
  if (cached !== undefined && cached.catalog === catalog && cached.fileKind === context.fileKind && cached.allowedKeys === context.allowedKeys) return cached;
  const table = document.table;
  const keys: number[] = [];
  const values: number[] = [];
  const catalogEntries: CatalogEntry[] = [];
  const add = (key: number, catalogEntry: CatalogEntry | undefined) => {
    const value = table.valueOf(key);
    if (catalogEntry === undefined || value < 0 || context.allowedKeys.has(table.textOf(key))) return;
    keys.push(key);
    values.push(value);
    catalogEntries.push(catalogEntry);
  };
  if (context.fileKind !== 'infoPlist') {
    if (table.root >= 0 && table.kind(table.root) === KIND_DICT) {
      for (let key = table.firstChild(table.root); key >= 0; key = table.nextSibling(key)) add(key, catalog.entitlement(table.textOf(key)));
    }
  } else {
    const list = infoPlistEntriesOf(document, catalog);
    for (let index = 0; index < list.keys.length; index++) add(list.keys[index] as number, list.catalogEntries[index]);
  }
  const found = { catalog, fileKind: context.fileKind, allowedKeys: context.allowedKeys, keys, values, catalogEntries };
  catalogValueLists.set(document, found);
  return found;
}

/** The catalog's name for the element type of `node`. */
export function valueTypeOf(node: ValueNode): ValueType {
  return node.kind === 'dict' ? 'dictionary' : node.kind;
}

/**
 * True when `text` holds an Xcode build-setting reference such as `$(TeamIdentifierPrefix)` or `${PRODUCT_NAME}`.
 * Xcode substitutes these before the system reads the value, so a rule cannot judge the text it sees.
 */
export function hasBuildSettingReference(text: string): boolean {
  return /\$\([^)]*\)|\$\{[^}]*\}/.test(text);
}
