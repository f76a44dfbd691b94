/**
 * Visits every dict entry of a document, depth first in source order, without recursion, so rules never walk the
 * tree themselves.
 */
import type { ContainerNode, DictEntry, DictNode, PlistDocument, ValueNode } from './nodes';

/** Calls `visit` for each entry of each dict, with the dict that holds it. */
export function forEachEntry(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode) => void): void {
  const work: ContainerNode[] = [];
  if (document.root?.kind === 'dict' || document.root?.kind === 'array') work.push(document.root);
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    if (node.kind === 'dict') {
      const entries = node.entries;
      for (let index = 0; index < entries.length; index++) visit(entries[index] as DictEntry, node);
      for (let index = entries.length - 1; index >= 0; index--) {
        const value = (entries[index] as DictEntry).value;
        if (value !== undefined && (value.kind === 'dict' || value.kind === 'array')) work.push(value);
      }
    } else {
      for (let index = node.items.length - 1; index >= 0; index--) {
        const item = node.items[index] as ValueNode;
        if (item.kind === 'dict' || item.kind === 'array') work.push(item);
      }
    }
  }
}

/**
 * `forEachEntry` with the key path of each dict (`keyPathOf(dict)`, arrays skipped), the same array for all entries
 * of a dict, so a rule that looks keys up by path pays for a path per dict, not per key.
 */
export function forEachEntryWithPath(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode, dictPath: readonly string[]) => void): void {
  const work: ContainerNode[] = [];
  const paths: Array<readonly string[]> = [];
  if (document.root?.kind === 'dict' || document.root?.kind === 'array') {
    work.push(document.root);
    paths.push([]);
  }
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    const path = paths.pop() as readonly string[];
    if (node.kind === 'dict') {
      const entries = node.entries;
      for (let index = 0; index < entries.length; index++) visit(entries[index] as DictEntry, node, path);
      for (let index = entries.length - 1; index >= 0; index--) {
        const entry = entries[index] as DictEntry;
        const value = entry.value;
        if (value !== undefined && (value.kind === 'dict' || value.kind === 'array')) {
          work.push(value);
          paths.push([...path, entry.key.text]);
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
