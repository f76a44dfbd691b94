/**
 * The plist syntax tree. Every node keeps UTF-16 offsets into the source text (`offset` inclusive, `end`
 * exclusive, covering the whole element) and an explicit `isClosed` flag, so a half-typed document still gives a
 * tree that hover and completion can use. The parser itself writes rows (table.ts); these nodes are made from them
 * a level at a time when read (tree.ts), so code that never reads the tree never pays for it.
 */
import type { ReadonlyList } from './chunkedList';
import type { ScalarKind } from './scalarKind';
import type { PlistTable } from './table';

export type { ScalarKind } from './scalarKind';

interface ElementBase {
  readonly offset: number;
  readonly end: number;
  /** False when the closing tag was missing and the parser recovered. */
  readonly isClosed: boolean;
  readonly parent: ContainerNode | undefined;
}

/** `<dict>`: key/value entries in source order. */
export interface DictNode extends ElementBase {
  readonly kind: 'dict';
  readonly entries: DictEntry[];
}

/** `<array>`: values in source order. */
export interface ArrayNode extends ElementBase {
  readonly kind: 'array';
  readonly items: ValueNode[];
}

/** A scalar value element. `text` is the decoded content (`'true'`/`'false'` for booleans). */
export interface ScalarNode extends ElementBase {
  readonly kind: ScalarKind;
  /** The content's range: after the start tag, before the end tag (empty for `<true/>`). */
  readonly textOffset: number;
  readonly textEnd: number;
  readonly text: string;
}

/** A `<key>` element. */
export interface KeyNode {
  readonly kind: 'key';
  readonly offset: number;
  readonly end: number;
  readonly isClosed: boolean;
  readonly textOffset: number;
  readonly textEnd: number;
  /** The decoded key. */
  readonly text: string;
  readonly parent: DictNode;
}

/** One key of a dict and its value, which is missing while the user types. */
export interface DictEntry {
  readonly key: KeyNode;
  readonly value: ValueNode | undefined;
}

export type ContainerNode = DictNode | ArrayNode;
export type ValueNode = DictNode | ArrayNode | ScalarNode;
export type PlistNode = ValueNode | KeyNode;

/** A syntax problem found by the parser. */
export interface SyntaxProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/**
 * Every entry of every dict reachable from the root, in source order (a dict's entries keep their order, with the
 * entries of nested dicts between them), as the parser's element ids (see PlistTable): the document model reads
 * these rows so that rules looking at every key make no node objects.
 */
export interface EntryList {
  readonly table: PlistTable;
  /** Each entry's key element; its dict is `table.parent(key)`. */
  readonly keys: Int32Array;
}

/** Where a comment is: `offset` at its `<!--`, `end` just past its `-->`. */
export interface CommentSpan {
  readonly offset: number;
  readonly end: number;
}

/** The result of parsing: a tree (possibly partial) and the problems met on the way. Never thrown. */
export interface PlistDocument {
  readonly text: string;
  /** The root value inside `<plist>`, if there is one. Its levels are made from `table` as they are read. */
  readonly root: ValueNode | undefined;
  readonly problems: readonly SyntaxProblem[];
  /** Offsets of the `<plist>` element when present. */
  readonly plistElement: { readonly offset: number; readonly end: number } | undefined;
  /** The parse itself, as rows (what validation reads). */
  readonly table: PlistTable;
  readonly entryList: EntryList;
  /**
   * The comments between elements that start with `plist-sentinel-` (suppression directives), in source order;
   * comments inside a key's or string's text are part of that text and not listed.
   */
  readonly directiveComments: ReadonlyList<CommentSpan>;
  /**
   * What `key` stands for in this document (see DerivedKey): `make()`, kept, and made again only when one of
   * `inputs` (the catalog, the validation's settings...) is not, by identity, one it was made with.
   */
  derive<T>(key: DerivedKey<T>, inputs: readonly unknown[], make: () => T): T;
}

/**
 * A name for something derived from a document alone and kept with it, such as the catalog entries of its keys.
 * A document never changes after parsing, so several rules of one validation can share such answers. They are kept
 * on the document rather than in a `WeakMap` keyed by documents: every keystroke makes a new document, and weak
 * entries for short-lived keys slow every young-generation collection.
 */
export class DerivedKey<T> {
  declare private readonly valueType: T;
  constructor(readonly name: string) {}
}

/** True for `<dict>` and `<array>`. */
export function isContainer(node: PlistNode): node is ContainerNode {
  return node.kind === 'dict' || node.kind === 'array';
}

/** The entry whose key or value is `node`, when `node` sits directly in a dict. */
export function entryOf(node: PlistNode): DictEntry | undefined {
  const dict = node.kind === 'key' ? node.parent : node.parent?.kind === 'dict' ? node.parent : undefined;
  if (dict === undefined) return undefined;
  // Entries are in source order and a value follows its key, so the owner is the last entry whose key starts at
  // or before the node: a binary search, where a linear one made key paths quadratic in large dicts.
  const entries = dict.entries;
  let low = 0;
  let high = entries.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((entries[middle] as DictEntry).key.offset <= node.offset) low = middle;
    else high = middle - 1;
  }
  const entry = entries[low];
  return entry !== undefined && (entry.key === node || entry.value === node) ? entry : undefined;
}

/**
 * The keys from the root down to `node`, with `[]` for array items skipped: for the value of
 * `NSAppTransportSecurity > NSExceptionDomains` this is `['NSAppTransportSecurity', 'NSExceptionDomains']`.
 */
export function keyPathOf(node: PlistNode): string[] {
  const path: string[] = [];
  let current: ValueNode | undefined;
  if (node.kind === 'key') {
    path.push(node.text);
    current = node.parent;
  } else {
    current = node;
  }
  while (current !== undefined) {
    const entry = entryOf(current);
    if (entry !== undefined) path.push(entry.key.text);
    current = current.parent;
  }
  return path.reverse();
}

/**
 * The innermost key or value node that contains `offset` (end inclusive, so a cursor right after typed text
 * still hits it). Walks down from the root without recursion.
 */
export function nodeAt(document: PlistDocument, offset: number): PlistNode | undefined {
  let current: ValueNode | undefined = document.root;
  if (current === undefined || offset < current.offset || offset > current.end) return undefined;
  // Children are in source order and do not overlap, except that one may end where the next starts: a binary
  // search finds the last child starting at or before `offset`, and only it and the one before can hold it. (A
  // scan from the first child made quick fixes for thousands of diagnostics quadratic.)
  for (;;) {
    if (current.kind === 'dict') {
      const entries = current.entries;
      const last = lastStartingAtOrBefore(entries.length, (index) => (entries[index] as DictEntry).key.offset, offset);
      let next: ValueNode | undefined;
      for (let index = Math.max(0, last - 1); index <= last && next === undefined; index++) {
        const entry = entries[index] as DictEntry;
        if (offset >= entry.key.offset && offset <= entry.key.end) return entry.key;
        const value: ValueNode | undefined = entry.value;
        if (value !== undefined && offset >= value.offset && offset <= value.end) next = value;
      }
      if (next === undefined) return current;
      current = next;
    } else if (current.kind === 'array') {
      const items = current.items;
      const last = lastStartingAtOrBefore(items.length, (index) => (items[index] as ValueNode).offset, offset);
      let item: ValueNode | undefined;
      for (let index = Math.max(0, last - 1); index <= last && item === undefined; index++) {
        const child = items[index] as ValueNode;
        if (offset >= child.offset && offset <= child.end) item = child;
      }
      if (item === undefined) return current;
      current = item;
    } else {
      return current;
    }
  }
}

/** The index of the last of `count` sorted starts that is at or before `offset`, or -1. */
function lastStartingAtOrBefore(count: number, startOf: (index: number) => number, offset: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (startOf(middle) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
