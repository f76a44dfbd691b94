/**
 * The parse as rows of numbers: one row per element (`<dict>`, `<array>`, `<key>` or a scalar) in one `Int32Array`,
 * in the order their start tags appear, plus the text of each key once read. This is what the parser writes and what
 * validation reads; the node objects of `nodes.ts` are views made from it on demand (`tree.ts`).
 *
 * Rows and not objects, because a tree of small objects alive while it is built is copied by every young-generation
 * collection during the parse, and rows in a typed array are one allocation the collector never copies (figures in
 * docs/performance.md).
 */
import { ChunkedList } from './chunkedList';
import type { ScalarKind } from './scalarKind';
import { NO_ELEMENTS, TableScratch } from './tableScratch';

export { TableScratch } from './tableScratch';

/** Element kinds, the values of a row's kind field. */
export const KIND_DICT = 1;
export const KIND_ARRAY = 2;
export const KIND_KEY = 3;
export const KIND_STRING = 4;
export const KIND_INTEGER = 5;
export const KIND_REAL = 6;
export const KIND_DATE = 7;
export const KIND_DATA = 8;
export const KIND_TRUE = 9;
export const KIND_FALSE = 10;

/** The node kind of each element kind (`true` and `false` are both `boolean`). */
export const NODE_KIND: ReadonlyArray<'dict' | 'array' | 'key' | ScalarKind> = ['string', 'dict', 'array', 'key', 'string', 'integer', 'real', 'date', 'data', 'boolean', 'boolean'];

// The fields of a row, seven integers, since every byte of a large table is copied once and is fresh memory:
// - F_KIND: the kind, plus CLOSED_BIT when the element was closed, plus SOURCE_TEXT_BIT for a key whose text is the
//   source between its text offsets (no entity, CDATA or comment in it).
// - F_PARENT: the container the element hangs from (a dict's keys and values, an array's items), or -1.
// - F_DOWN: for a container, its last descendant: the elements inside it are the ids after it up to that one, since
//   ids follow start tags. For a key or scalar, the index of its decoded text in `strings`, or -1 when its text is
//   the source itself (a source-text key is sliced only when read: most keys of a large file are never read).
// Nothing links siblings or a key to its value, since fewer integers per row is less to write and copy: a
// container's children are the elements inside it whose parent it is, found by skipping each other one with
// everything inside it, and a dict's value is always the element right after its key (the parser links a value to
// the key just read, and nothing else starts in between).
const F_KIND = 0;
const F_OFFSET = 1;
const F_END = 2;
const F_TEXT_OFFSET = 3;
const F_TEXT_END = 4;
const F_PARENT = 5;
const F_DOWN = 6;
const STRIDE = 7;
const CLOSED_BIT = 16;
const SOURCE_TEXT_BIT = 32;
const KIND_MASK = 15;

/** The rows of one parse. Written only by the parser; read-only to everyone else. */
export class PlistTable {
  /** How many elements there are; element ids run from 0 to `count - 1`. */
  count = 0;
  /** The root value's element, or -1. */
  root = -1;
  /**
   * Every entry of every dict reachable from the root, in source order, as its key's element (see EntryList).
   * Typed arrays, as the rows are, set by `seal`: an array of numbers as long as a large file's keys is made in
   * V8's large-object space, each in fresh memory (see ChunkedList).
   */
  entryKeys: Int32Array = NO_ELEMENTS;
  private entryKeyCount = 0;
  /**
   * The rows, `STRIDE` integers each: in the scratch space while parsing, then (`seal`) in memory of the table's
   * own, never written again.
   */
  private rows: Int32Array;
  /** Decoded texts, and source-text keys' texts once read. */
  private readonly strings = new ChunkedList<string>();
  /**
   * For each source-text key read as a string, 1 + its index in `strings` (0: not read yet); made by `seal`, or
   * earlier by a read while parsing. Kept apart from the rows so that reading never changes them.
   */
  private keyTextIds: Int32Array | undefined = undefined;
  /** Where the rows go while parsing (a language service passes its own); let go by `seal`. */
  private scratch: TableScratch | undefined;

  constructor(
    /** The source text the offsets point into. */
    readonly text: string,
    scratch: TableScratch = TableScratch.forOneParse(text.length),
  ) {
    this.scratch = scratch;
    this.rows = scratch.rows;
  }

  // Reading.

  kind(id: number): number {
    return (this.rows[id * STRIDE + F_KIND] as number) & KIND_MASK;
  }

  offset(id: number): number {
    return this.rows[id * STRIDE + F_OFFSET] as number;
  }

  end(id: number): number {
    return this.rows[id * STRIDE + F_END] as number;
  }

  /** Start of a key's or scalar's content (after its start tag). */
  textOffset(id: number): number {
    return this.rows[id * STRIDE + F_TEXT_OFFSET] as number;
  }

  textEnd(id: number): number {
    return this.rows[id * STRIDE + F_TEXT_END] as number;
  }

  isClosed(id: number): boolean {
    return ((this.rows[id * STRIDE + F_KIND] as number) & CLOSED_BIT) !== 0;
  }

  /** The container an element sits in, or -1 for the root and for values that hang from nothing. */
  parent(id: number): number {
    return this.rows[id * STRIDE + F_PARENT] as number;
  }

  /** A dict's first key or an array's first item, or -1. */
  firstChild(id: number): number {
    const kind = this.kind(id);
    return kind === KIND_DICT || kind === KIND_ARRAY ? this.childFrom(id + 1, id) : -1;
  }

  /** The next key of a key's dict or the next item of an item's array, or -1 (a dict's values have no siblings). */
  nextSibling(id: number): number {
    const parent = this.parent(id);
    if (parent < 0 || (this.kind(parent) === KIND_DICT && this.kind(id) !== KIND_KEY)) return -1;
    return this.childFrom(this.lastInside(id) + 1, parent);
  }

  /** A key's value element, or -1 while it has none: the element right after the key, when its dict holds it. */
  valueOf(id: number): number {
    if (this.kind(id) !== KIND_KEY) return -1;
    const value = id + 1;
    return value < this.count && this.parent(value) === this.parent(id) && this.kind(value) !== KIND_KEY ? value : -1;
  }

  /** The key whose value `id` is, or -1 (array items, the root): the element right before a dict's value. */
  keyOf(id: number): number {
    const parent = this.parent(id);
    if (parent < 0 || this.kind(parent) !== KIND_DICT || this.kind(id) === KIND_KEY) return -1;
    const key = id - 1;
    return this.kind(key) === KIND_KEY && this.parent(key) === parent ? key : -1;
  }

  /** The last element inside `id` when it is a container, else `id`: the elements inside are the ids in between. */
  lastInside(id: number): number {
    const kind = this.kind(id);
    return kind === KIND_DICT || kind === KIND_ARRAY ? (this.rows[id * STRIDE + F_DOWN] as number) : id;
  }

  /**
   * The first child of `container` from element `from` on: a key of a dict, an item of an array. Elements inside the
   * container that are not its children (a dict's values, a value with no key to hang from) are skipped with
   * everything inside them, one step each.
   */
  private childFrom(from: number, container: number): number {
    const last = this.rows[container * STRIDE + F_DOWN] as number;
    const isDict = this.kind(container) === KIND_DICT;
    for (let id = from; id <= last; id = this.lastInside(id) + 1) {
      if (this.parent(id) === container && (!isDict || this.kind(id) === KIND_KEY)) return id;
    }
    return -1;
  }

  /**
   * The decoded text of a key or scalar (`'true'`/`'false'` for booleans, `''` for containers). A key's text is the
   * same string on every call: rules look keys up in maps, and V8 hashes a string once.
   */
  textOf(id: number): string {
    const row = id * STRIDE;
    const rows = this.rows;
    const kind = (rows[row + F_KIND] as number) & KIND_MASK;
    if (kind === KIND_DICT || kind === KIND_ARRAY) return '';
    const textId = rows[row + F_DOWN] as number;
    if (textId >= 0) return this.strings.at(textId);
    if (kind === KIND_TRUE) return 'true';
    if (kind === KIND_FALSE) return 'false';
    if (kind === KIND_KEY) return this.sourceKeyText(id);
    return this.text.slice(rows[row + F_TEXT_OFFSET], rows[row + F_TEXT_END]);
  }

  /** `keyTextIds`, made or grown to one per row (which only a read while parsing needs). */
  private keyTextIdList(): Int32Array {
    const ids = this.keyTextIds;
    if (ids !== undefined && ids.length >= this.count) return ids;
    // Grown to twice its size while the parse adds rows, so reading keys as they are parsed stays linear.
    const larger = (this.scratch as TableScratch).zeroedInts(ids === undefined ? this.count : Math.max(this.count, 2 * ids.length));
    if (ids !== undefined) larger.set(ids);
    this.keyTextIds = larger;
    return larger;
  }

  /** A source-text key's text, sliced on the first read and then the same string every time. */
  private sourceKeyText(id: number): string {
    const ids = this.keyTextIdList();
    const kept = ids[id] as number;
    if (kept !== 0) return this.strings.at(kept - 1);
    const row = id * STRIDE;
    const text = this.text.slice(this.rows[row + F_TEXT_OFFSET], this.rows[row + F_TEXT_END]);
    ids[id] = this.strings.push(text) + 1;
    return text;
  }

  /** True for a key whose text is the source between `textOffset` and `textEnd`, as written. */
  isSourceText(id: number): boolean {
    return ((this.rows[id * STRIDE + F_KIND] as number) & SOURCE_TEXT_BIT) !== 0;
  }

  /**
   * True when two keys or scalars have the same text. Two source-text keys are compared where they sit, without
   * making their strings.
   */
  sameText(first: number, second: number): boolean {
    const rows = this.rows;
    const firstRow = first * STRIDE;
    const secondRow = second * STRIDE;
    if (((rows[firstRow + F_KIND] as number) & (rows[secondRow + F_KIND] as number) & SOURCE_TEXT_BIT) === 0) return this.textOf(first) === this.textOf(second);
    const firstOffset = rows[firstRow + F_TEXT_OFFSET] as number;
    const secondOffset = rows[secondRow + F_TEXT_OFFSET] as number;
    const length = (rows[firstRow + F_TEXT_END] as number) - firstOffset;
    if ((rows[secondRow + F_TEXT_END] as number) - secondOffset !== length) return false;
    const text = this.text;
    for (let index = 0; index < length; index++) {
      if (text.charCodeAt(firstOffset + index) !== text.charCodeAt(secondOffset + index)) return false;
    }
    return true;
  }

  /**
   * True when a key's or scalar's text is `text`. A source-text key is not made into a kept string: its slice is
   * compared and dropped, never hashed (V8 compares two flat strings natively, faster than a loop would).
   */
  hasText(id: number, text: string): boolean {
    const row = id * STRIDE;
    const rows = this.rows;
    if (((rows[row + F_KIND] as number) & SOURCE_TEXT_BIT) === 0) return this.textOf(id) === text;
    const offset = rows[row + F_TEXT_OFFSET] as number;
    const length = text.length;
    if ((rows[row + F_TEXT_END] as number) - offset !== length) return false;
    return this.text.slice(offset, offset + length) === text;
  }

  /**
   * True when a key's text is `text`; then `text` is kept as the key's string, to be given by `textOf`. A caller
   * holding an equal string already hashed (a memo's) saves the slicing and the hashing of a new one.
   */
  adoptText(id: number, text: string): boolean {
    const row = id * STRIDE;
    const rows = this.rows;
    if (((rows[row + F_KIND] as number) & KIND_MASK) !== KIND_KEY || (rows[row + F_DOWN] as number) >= 0) return this.textOf(id) === text;
    // A key without a decoded string is source text.
    const ids = this.keyTextIdList();
    if (ids[id] !== 0) return this.strings.at((ids[id] as number) - 1) === text;
    if (!this.hasText(id, text)) return false;
    ids[id] = this.strings.push(text) + 1;
    return true;
  }

  /** True when a key's or scalar's text holds the character `code`; a source-text key is read where it sits. */
  textHasCharacter(id: number, code: number): boolean {
    const row = id * STRIDE;
    const rows = this.rows;
    if (((rows[row + F_KIND] as number) & SOURCE_TEXT_BIT) === 0) return this.textOf(id).includes(String.fromCharCode(code));
    const source = this.text;
    for (let index = rows[row + F_TEXT_OFFSET] as number, end = rows[row + F_TEXT_END] as number; index < end; index++) {
      if (source.charCodeAt(index) === code) return true;
    }
    return false;
  }

  // Writing (the parser only).

  /** A new element row; its parent is set by `attachTo`. */
  add(kind: number, offset: number, end: number, textOffset: number, textEnd: number, isClosed: boolean): number {
    const id = this.count;
    const row = id * STRIDE;
    if (row + STRIDE > this.rows.length) this.rows = (this.scratch as TableScratch).growRows();
    this.count = id + 1;
    const rows = this.rows;
    rows[row + F_KIND] = isClosed ? kind | CLOSED_BIT : kind;
    rows[row + F_OFFSET] = offset;
    rows[row + F_END] = end;
    rows[row + F_TEXT_OFFSET] = textOffset;
    rows[row + F_TEXT_END] = textEnd;
    rows[row + F_PARENT] = -1;
    rows[row + F_DOWN] = kind === KIND_DICT || kind === KIND_ARRAY ? id : -1;
    return id;
  }

  /** A table with no rows, for a text that is not parsed. */
  static empty(text: string): PlistTable {
    const table = new PlistTable(text, TableScratch.forOneParse(0));
    table.seal();
    return table;
  }

  /** Ends the parse: the rows and lists move out of the scratch space into the table's own. */
  seal(): void {
    const scratch = this.scratch as TableScratch;
    this.rows = scratch.keepRows(this.count * STRIDE);
    this.entryKeys = scratch.keepEntryKeys(this.entryKeyCount);
    this.keyTextIdList();
    scratch.release();
    this.scratch = undefined;
  }

  /** Adds a key to `entryKeys`. */
  addEntryKey(key: number): void {
    const scratch = this.scratch as TableScratch;
    const keys = this.entryKeyCount === scratch.entryKeys.length ? scratch.growEntryKeys() : scratch.entryKeys;
    keys[this.entryKeyCount++] = key;
  }

  /** Records `text` as the element's decoded text (keys that are not source text; scalars that are not a plain slice). */
  setText(id: number, text: string): void {
    this.rows[id * STRIDE + F_DOWN] = this.strings.push(text);
  }

  /** Marks a key whose text is the source between its text offsets (see SOURCE_TEXT_BIT); it is sliced when read. */
  setSourceText(id: number): void {
    this.rows[id * STRIDE + F_KIND] = (this.rows[id * STRIDE + F_KIND] as number) | SOURCE_TEXT_BIT;
  }

  setTextEnd(id: number, textEnd: number): void {
    this.rows[id * STRIDE + F_TEXT_END] = textEnd;
  }

  /** Where an element ends. */
  setEnd(id: number, end: number, isClosed: boolean): void {
    const rows = this.rows;
    const row = id * STRIDE;
    rows[row + F_END] = end;
    const flags = (rows[row + F_KIND] as number) & ~CLOSED_BIT;
    rows[row + F_KIND] = isClosed ? flags | CLOSED_BIT : flags;
  }

  /** Where a container ends: everything added since it was opened is inside it (see F_DOWN). */
  closeContainer(id: number, end: number, isClosed: boolean): void {
    this.setEnd(id, end, isClosed);
    this.rows[id * STRIDE + F_DOWN] = this.count - 1;
  }

  /** Hangs `child` from `container`: a key or value of a dict, an item of an array. */
  attachTo(child: number, container: number): void {
    this.rows[child * STRIDE + F_PARENT] = container;
  }
}

/** `length` zeros of memory of their own. */
export function zeroedInts(length: number): Int32Array {
  return length === 0 ? NO_ELEMENTS : new Int32Array(length);
}
