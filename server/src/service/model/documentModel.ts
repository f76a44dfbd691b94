/**
 * The typed document model rules and features read: a document's entries by scope (the top level with each key's
 * class, the entries the catalog may know at any depth, the duplicates of every dict), each with its key, the
 * ranges to report on, the catalog entry found for it and where it sits, and values with their kind and text.
 * Behind it are the parser's rows, the per-document lists and the per-service memos, which nothing outside
 * model/ and plist/ reads (lint-enforced): the fast paths can change without touching a rule.
 */
import type { CatalogEntry, FileKind } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { DerivedKey, type DictEntry, type KeyNode, type PlistDocument } from '../plist/nodes';
import type { PlistTable } from '../plist/table';
import { elementTextRange, topLevelEntries, type TextSpan } from '../plist/walk';
import type { DocumentContext } from '../types';
import { forEachCatalogValue, type CatalogValue } from './catalogValues';
import { findDuplicates } from './duplicates';
import { infoPlistEntriesOf } from './infoPlistEntries';
import { elementStartingAt, indexIn, topLevelKeyElements } from './rows';
import { classifyKeyElement, SuggestionBudget, type KeyClass } from './keyClassification';

export type { CatalogValue } from './catalogValues';
export { textRange, topLevelEntries, type TextSpan } from '../plist/walk';

/** A key of the root dict with its class. The entry's nodes are made only when `entry` is read, to report on it. */
export interface TopLevelEntry {
  /** The key as written. */
  readonly key: string;
  /** The key's text, or the whole `<key>` element when the text is empty. */
  readonly keyRange: TextSpan;
  /** Empty, or without its `</key>` yet: judged once it is typed. */
  readonly isBeingTyped: boolean;
  readonly keyClass: KeyClass;
  /** The entry in the document's tree (made, with the rest of the top level, when first read). */
  readonly entry: DictEntry;
}

/**
 * An entry the catalog may know (the top level of an .entitlements file, the documented dicts of an Info.plist at
 * any depth), as `forEachCatalogKey` passes it: valid during the call only.
 */
export interface CatalogKeyEntry {
  readonly key: string;
  readonly keyRange: TextSpan;
  readonly isBeingTyped: boolean;
  /** True for a key of the root dict. */
  readonly isTopLevel: boolean;
  /** The catalog's entry for the key and its path as written (a `~ipad` variant is its own key here). */
  readonly writtenEntry: CatalogEntry | undefined;
  /** The key's entry with device suffixes stripped from it and its path: what every rule and feature means by it. */
  readonly catalogEntry: CatalogEntry | undefined;
  /** The documented keys of the entry's dict, or `undefined` where the catalog knows none. */
  readonly documentedSiblings: ReadonlyMap<string, CatalogEntry> | undefined;
}

/** A key written a second time in its dict. */
export interface DuplicateKey {
  readonly key: string;
  readonly keyRange: TextSpan;
  /** Where the first key with this text is. */
  readonly firstRange: TextSpan;
}

/** One validation's view of a document: made once per validation (see `documentModel`) and shared by every rule. */
export class DocumentModel {
  private madeTopLevel: readonly TopLevelEntry[] | undefined = undefined;

  constructor(
    readonly document: PlistDocument,
    readonly catalog: CatalogIndex,
    readonly context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>,
    /** The validation's suggestion searches (see SuggestionBudget). */
    private readonly budget = new SuggestionBudget(),
  ) {}

  get text(): string {
    return this.document.text;
  }

  /** The root dict's entries with their classes, classified once per validation. */
  get topLevel(): readonly TopLevelEntry[] {
    return (this.madeTopLevel ??= this.classifyTopLevel());
  }

  /** Calls `visit` with every entry the catalog may know, in source order (see CatalogKeyEntry). */
  forEachCatalogKey(visit: (entry: CatalogKeyEntry) => void): void {
    const table = this.document.table;
    if (this.context.fileKind === 'infoPlist') {
      const { keys, exactEntries, catalogEntries, documentedKeysIn } = infoPlistEntriesOf(this.document, this.catalog);
      const cursor = new CatalogKeyCursor(table, documentedKeysIn);
      for (let index = 0; index < keys.length; index++) {
        cursor.moveTo(keys[index] ?? -1, exactEntries.at(index), catalogEntries.at(index));
        visit(cursor);
      }
      return;
    }
    const cursor = new CatalogKeyCursor(table, () => undefined);
    for (const key of topLevelKeyElements(table)) {
      const entry = this.catalog.entitlement(table.textOf(key));
      cursor.moveTo(key, entry, entry);
      visit(cursor);
    }
  }

  /** Calls `visit` for every value whose key the catalog knows (see catalogValues.ts); allowed keys are skipped. */
  forEachCatalogValue(visit: (item: CatalogValue) => void): void {
    forEachCatalogValue(this.document, this.catalog, this.context, visit);
  }

  /** Every key that repeats an earlier key of its dict, at any depth, in source order. */
  duplicateKeys(): DuplicateKey[] {
    const table = this.document.table;
    return findDuplicates(this.document, this.catalog).map(({ key, first }) => ({ key: table.textOf(key), keyRange: elementTextRange(table, key), firstRange: elementTextRange(table, first) }));
  }

  private classifyTopLevel(): TopLevelEntry[] {
    const { document, catalog, context, budget } = this;
    const table = document.table;
    return topLevelKeyElements(table).map((keyElement, index) => {
      const keyClass = classifyKeyElement(table, keyElement, context.fileKind, catalog, context.allowedKeys, budget);
      return new ClassifiedTopLevelEntry(document, index, table.textOf(keyElement), keyElement, keyClass);
    });
  }
}

const MODEL = new DerivedKey<DocumentModel>('documentModel');

/**
 * The model of `document` for one validation: rules are given the same context object, so it is made once per
 * validation, with one suggestion budget, and a new context (the next validation) makes a new one.
 */
export function documentModel(document: PlistDocument, catalog: CatalogIndex, context: Pick<DocumentContext, 'fileKind' | 'allowedKeys'>): DocumentModel {
  return document.derive(MODEL, [catalog, context], () => new DocumentModel(document, catalog, context));
}

const ENTRIES_BY_KEY = new DerivedKey<ReadonlyMap<string, DictEntry>>('topLevelEntriesByKey');

/** The root dict's entries by key (the first of a duplicate), made once per parse: every companion rule asks. */
export function topLevelEntriesByKey(document: PlistDocument): ReadonlyMap<string, DictEntry> {
  return document.derive(ENTRIES_BY_KEY, [], () => {
    const byKey = new Map<string, DictEntry>();
    for (const entry of topLevelEntries(document)) if (!byKey.has(entry.key.text)) byKey.set(entry.key.text, entry);
    return byKey;
  });
}

/**
 * The catalog entry of a key where it sits: the top level of an .entitlements file, any depth of an Info.plist,
 * with device suffixes stripped (`UISupportedInterfaceOrientations~ipad` is that key). The one lookup validation,
 * hover and completion share.
 */
export function catalogEntryOfKey(document: PlistDocument, key: KeyNode, catalog: CatalogIndex, fileKind: FileKind): CatalogEntry | undefined {
  if (fileKind !== 'infoPlist') return key.parent.parent === undefined ? catalog.entitlement(key.text) : undefined;
  const table = document.table;
  const element = elementStartingAt(table, key.offset);
  if (element < 0) return undefined;
  const { keys, catalogEntries } = infoPlistEntriesOf(document, catalog);
  const index = indexIn(keys, element);
  return index < 0 ? undefined : catalogEntries.at(index);
}

/** Where the entry whose key starts at `offset` ends (past its value), or -1 when no key starts there. */
export function entryEndAt(document: PlistDocument, offset: number): number {
  const table = document.table;
  const element = elementStartingAt(table, offset);
  if (element < 0) return -1;
  const value = table.valueOf(element);
  return value < 0 ? table.end(element) : table.end(value);
}

class ClassifiedTopLevelEntry implements TopLevelEntry {
  constructor(
    private readonly document: PlistDocument,
    private readonly index: number,
    readonly key: string,
    private readonly keyElement: number,
    readonly keyClass: KeyClass,
  ) {}

  get keyRange(): TextSpan {
    return elementTextRange(this.document.table, this.keyElement);
  }

  get isBeingTyped(): boolean {
    return !this.document.table.isClosed(this.keyElement) || this.key.trim() === '';
  }

  get entry(): DictEntry {
    return topLevelEntries(this.document)[this.index] as DictEntry;
  }
}

/** One object walked over the rows: `forEachCatalogKey` makes no object per entry. */
class CatalogKeyCursor implements CatalogKeyEntry {
  private element = -1;
  writtenEntry: CatalogEntry | undefined = undefined;
  catalogEntry: CatalogEntry | undefined = undefined;

  constructor(
    private readonly table: PlistTable,
    private readonly documentedKeysIn: (dict: number) => ReadonlyMap<string, CatalogEntry> | undefined,
  ) {}

  moveTo(element: number, writtenEntry: CatalogEntry | undefined, catalogEntry: CatalogEntry | undefined): void {
    this.element = element;
    this.writtenEntry = writtenEntry;
    this.catalogEntry = catalogEntry;
  }

  get key(): string {
    // A key found as written is the entry's key: no string made from the source.
    return this.writtenEntry?.key ?? this.table.textOf(this.element);
  }

  get keyRange(): TextSpan {
    return elementTextRange(this.table, this.element);
  }

  get isBeingTyped(): boolean {
    return !this.table.isClosed(this.element) || this.key.trim() === '';
  }

  get isTopLevel(): boolean {
    return this.table.parent(this.element) === this.table.root;
  }

  get documentedSiblings(): ReadonlyMap<string, CatalogEntry> | undefined {
    return this.documentedKeysIn(this.table.parent(this.element));
  }
}
