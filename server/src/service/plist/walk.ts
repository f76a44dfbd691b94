/**
 * Visits every dict entry of a document, depth first in source order, without recursion, so rules never walk the
 * tree themselves.
 */
import type { DictEntry, DictNode, PlistDocument, ValueNode } from './nodes';

/** Calls `visit` for each entry of each dict, with the dict that holds it. */
export function forEachEntry(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode) => void): void {
  const work: ValueNode[] = document.root === undefined ? [] : [document.root];
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    if (node.kind === 'dict') {
      for (const entry of node.entries) visit(entry, node);
      for (let index = node.entries.length - 1; index >= 0; index--) {
        const value = node.entries[index]?.value;
        if (value !== undefined) work.push(value);
      }
    } else if (node.kind === 'array') {
      for (let index = node.items.length - 1; index >= 0; index--) {
        const item = node.items[index];
        if (item !== undefined) work.push(item);
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
