/**
 * Pairs each value of a document with the catalog entry of its key, where the key sits: the top level of an
 * `.entitlements` file, any depth of Info.plist. The value rules walk documents through this, so they agree on
 * which values they check and none of them walks the tree itself.
 */
import type { CatalogEntry, ValueType } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { infoPlistEntriesOf } from './infoPlistEntries';
import { DerivedKey, type PlistDocument, type ValueNode } from '../plist/nodes';
import { KIND_DICT, NODE_KIND, type PlistTable } from '../plist/table';
import { valueViewOf } from '../plist/tree';
import type { DocumentContext } from '../types';

/** A key's value together with what the catalog says about the key. */
export interface CatalogValue {
  /** The key as written. */
  readonly key: string;
  /** The value's kind, read from the table without making its view. */
  readonly valueKind: ValueNode['kind'];
  /**
   * A view of the value outside the document's tree (tree.ts `valueViewOf`), made when first read: compare it by
   * offset, not identity. Rules decide on the key's catalog entry and `valueKind` first, and read this only for
   * values they look into.
   */
  readonly value: ValueNode;
  /** A scalar value's text (as `ScalarNode.text`), read from the table without making the view; `undefined` for a container. */
  readonly scalarText: string | undefined;
  readonly catalogEntry: CatalogEntry;
}

/** A CatalogValue whose view waits to be read: most values are judged by their kind alone. */
class TableValue implements CatalogValue {
  readonly valueKind: ValueNode['kind'];
  private madeValue: ValueNode | undefined = undefined;

  constructor(
    private readonly table: PlistTable,
    private readonly element: number,
    readonly key: string,
    readonly catalogEntry: CatalogEntry,
  ) {
    this.valueKind = NODE_KIND[table.kind(element)] as ValueNode['kind'];
  }

  get value(): ValueNode {
    return (this.madeValue ??= valueViewOf(this.table, this.element));
  }

  get scalarText(): string | undefined {
    return this.valueKind === 'dict' || this.valueKind === 'array' ? undefined : this.table.textOf(this.element);
  }
}

/** Calls `visit` for every value whose key the catalog knows in this kind of file; keys the user allows are skipped. */
export function forEachCatalogValue(
  document: PlistDocument,
  catalog: CatalogIndex,
  context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>,
  visit: (item: CatalogValue) => void,
): void {
  for (const item of catalogValuesOf(document, catalog, context)) visit(item);
}

/**
 * Several rules ask for the same pairs in one validation, so the last answer is kept with the document; a value's
 * view is made from the rows only when a rule reads it, as most values are judged by their kind alone.
 */
const CATALOG_VALUES = new DerivedKey<readonly CatalogValue[]>('catalogValues');

function catalogValuesOf(document: PlistDocument, catalog: CatalogIndex, context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>): readonly CatalogValue[] {
  return document.derive(CATALOG_VALUES, [catalog, context.fileKind, context.allowedKeys], () => findCatalogValues(document, catalog, context));
}

function findCatalogValues(document: PlistDocument, catalog: CatalogIndex, context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>): readonly CatalogValue[] {
  const table = document.table;
  const items: CatalogValue[] = [];
  /** `exactEntry` is the entry of the key as written, whose key is then the text: no string made from the source. */
  const add = (keyElement: number, catalogEntry: CatalogEntry | undefined, exactEntry: CatalogEntry | undefined) => {
    if (catalogEntry === undefined) return;
    const value = table.valueOf(keyElement);
    const key = exactEntry?.key ?? table.textOf(keyElement);
    if (value < 0 || context.allowedKeys.has(key)) return;
    items.push(new TableValue(table, value, key, catalogEntry));
  };
  if (context.fileKind !== 'infoPlist') {
    if (table.root >= 0 && table.kind(table.root) === KIND_DICT) {
      for (let key = table.firstChild(table.root); key >= 0; key = table.nextSibling(key)) add(key, catalog.entitlement(table.textOf(key)), undefined);
    }
  } else {
    const { keys, exactEntries, catalogEntries } = infoPlistEntriesOf(document, catalog);
    for (let index = 0; index < keys.length; index++) add(keys[index] as number, catalogEntries.at(index), exactEntries.at(index));
  }
  return items;
}

/** The catalog's name for the element type of `node`. */
export function valueTypeOf(node: Pick<ValueNode, 'kind'>): ValueType {
  return node.kind === 'dict' ? 'dictionary' : node.kind;
}

/**
 * True when `text` holds something a build fills in before the system reads the value: an Xcode build-setting
 * reference (`$(TeamIdentifierPrefix)`, `${PRODUCT_NAME}`), or a template placeholder that a build step replaces
 * (`__APP_GROUP__` of config plugins, `@MACOSX_BUNDLE_GUI_IDENTIFIER@` of CMake, `%BUNDLE_ID%` of installer
 * scripts, `{{bundle_id}}` of mustache templates, or a whole value such as `GOOGLE_AUTH_SCHEME`). A rule cannot
 * judge the text it sees there.
 */
export function hasBuildTimeReference(text: string): boolean {
  // Most values hold none of the marks; the patterns run only for those that do (this is asked of every string).
  if (text.includes('$') && /\$\([^)]*\)|\$\{[^}]*\}/.test(text)) return true;
  if (text.includes('__') && /__[A-Z][A-Z0-9_]*__/.test(text)) return true;
  if (text.includes('@') && /@[A-Z][A-Z0-9_]*@/.test(text)) return true;
  if (text.includes('%') && /%[A-Z][A-Z0-9_]*%/.test(text)) return true;
  if (text.includes('{{') && /\{\{\s*[\w.-]+\s*\}\}/.test(text)) return true;
  // A whole value that is one SCREAMING_SNAKE_CASE token is a name a script substitutes, never a value itself.
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(text);
}
