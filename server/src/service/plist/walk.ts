/**
 * Every dict entry of a document, in source order, so rules never walk the tree themselves (the lists come from the
 * parser, `PlistDocument.entryList`), and the ranges rules report on.
 */
import type { DictEntry, EntryList, PlistDocument, ScalarNode } from './nodes';

export type { EntryList } from './nodes';

/** The document's entries in source order, with their dicts and the dicts' key paths. */
export function entryListOf(document: PlistDocument): EntryList {
  return document.entryList;
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

/** The offset and length of a scalar's text, or of its whole element when the text is empty (`<string/>`, `<true/>`). */
export function scalarTextRange(node: ScalarNode): { offset: number; length: number } {
  return node.textEnd > node.textOffset
    ? { offset: node.textOffset, length: node.textEnd - node.textOffset }
    : { offset: node.offset, length: node.end - node.offset };
}
