/**
 * Visits every dict entry of a document, depth first in source order, without recursion, so rules never walk the
 * tree themselves.
 */
import type { ContainerNode, DictEntry, DictNode, PlistDocument, ValueNode } from './nodes';

/**
 * Every entry of a document in walk order (each dict's entries in source order, then its children depth first,
 * through arrays), with its dict and the dict's key path, as parallel lists. Built by the first walk of a document
 * and kept with it (documents never change after parsing): a dozen rules walk each document, and the walks, with
 * the garbage collection their allocations set off, cost more than the rules' own checks on large files.
 */
export interface EntryList {
  readonly entries: readonly DictEntry[];
  readonly dicts: readonly DictNode[];
  /** `keyPathOf(dict)` (arrays skipped): one array per dict, shared by its entries. */
  readonly dictPaths: ReadonlyArray<readonly string[]>;
}

const entryLists = new WeakMap<PlistDocument, EntryList>();

/** The document's entries in walk order. */
export function entryListOf(document: PlistDocument): EntryList {
  const cached = entryLists.get(document);
  if (cached !== undefined) return cached;
  const entries: DictEntry[] = [];
  const dicts: DictNode[] = [];
  const dictPaths: Array<readonly string[]> = [];
  const work: ContainerNode[] = [];
  const paths: Array<readonly string[]> = [];
  if (document.root?.kind === 'dict' || document.root?.kind === 'array') {
    work.push(document.root);
    paths.push([]);
  }
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    const path = paths.pop() as readonly string[];
    if (node.kind === 'dict') {
      const nodeEntries = node.entries;
      for (let index = 0; index < nodeEntries.length; index++) {
        entries.push(nodeEntries[index] as DictEntry);
        dicts.push(node);
        dictPaths.push(path);
      }
      for (let index = nodeEntries.length - 1; index >= 0; index--) {
        const entry = nodeEntries[index] as DictEntry;
        const value = entry.value;
        if (value !== undefined && (value.kind === 'dict' || value.kind === 'array')) {
          work.push(value);
          paths.push(path.concat(entry.key.text));
        }
      }
    } else {
      for (let index = node.items.length - 1; index >= 0; index--) {
        const item = node.items[index] as ValueNode;
        if (item.kind === 'dict' || item.kind === 'array') {
          work.push(item);
          paths.push(path);
        }
      }
    }
  }
  const list = { entries, dicts, dictPaths };
  entryLists.set(document, list);
  return list;
}

/** Calls `visit` for each entry of each dict, with the dict that holds it. */
export function forEachEntry(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode) => void): void {
  const { entries, dicts } = entryListOf(document);
  for (let index = 0; index < entries.length; index++) visit(entries[index] as DictEntry, dicts[index] as DictNode);
}

/**
 * `forEachEntry` with the key path of each dict (`keyPathOf(dict)`, arrays skipped), the same array for all entries
 * of a dict, so a rule that looks keys up by path pays for a path per dict, not per key.
 */
export function forEachEntryWithPath(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode, dictPath: readonly string[]) => void): void {
  const { entries, dicts, dictPaths } = entryListOf(document);
  for (let index = 0; index < entries.length; index++) visit(entries[index] as DictEntry, dicts[index] as DictNode, dictPaths[index] as readonly string[]);
}

/** The root dict's entries, or none when the root is not a dict. */
export function topLevelEntries(document: PlistDocument): readonly DictEntry[] {
  return document.root?.kind === 'dict' ? document.root.entries : [];
}

/** The offset and length of a key's text, or of the whole `<key>` element when the text is empty. */
export function keyTextRange(entry: DictEntry): { offset: number; length: number } {
  const key = entry.key;
  return key.textEnd > key.textOffset
    ? { offset: key.textOffset, length: key.textEnd - key.textOffset }
    : { offset: key.offset, length: key.end - key.offset };
}
