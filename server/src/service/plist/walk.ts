/**
 * Every dict entry of a document, in source order, so rules never walk the tree themselves (the lists come from the
 * parser, `PlistDocument.entryList`), and the ranges rules report on.
 */
import type { DictEntry, EntryList, PlistDocument, ScalarNode } from './nodes';
import { KIND_DICT, type PlistTable } from './table';

export type { EntryList } from './nodes';

/** The document's entries in source order, as key elements of its table (see EntryList). */
export function entryListOf(document: PlistDocument): EntryList {
  return document.entryList;
}

/** The root dict's entries, or none when the root is not a dict. Makes the tree's top level only. */
export function topLevelEntries(document: PlistDocument): readonly DictEntry[] {
  return document.root?.kind === 'dict' ? document.root.entries : [];
}

/** The root dict's key elements in order (what `topLevelEntries` makes nodes of), or none when the root is not a dict. */
export function topLevelKeyElements(table: PlistTable): number[] {
  const keys: number[] = [];
  if (table.root < 0 || table.kind(table.root) !== KIND_DICT) return keys;
  for (let key = table.firstChild(table.root); key >= 0; key = table.nextSibling(key)) keys.push(key);
  return keys;
}

/** The offset and length of a key's text, or of the whole `<key>` element when the text is empty. */
export function keyTextRange(entry: DictEntry): { offset: number; length: number } {
  const key = entry.key;
  return key.textEnd > key.textOffset
    ? { offset: key.textOffset, length: key.textEnd - key.textOffset }
    : { offset: key.offset, length: key.end - key.offset };
}

/**
 * `keyTextRange` and `scalarTextRange` for a key or scalar element of a table, without making its node: its text, or
 * the whole element when the text is empty.
 */
export function elementTextRange(table: PlistTable, element: number): { offset: number; length: number } {
  const textOffset = table.textOffset(element);
  const textEnd = table.textEnd(element);
  if (textEnd > textOffset) return { offset: textOffset, length: textEnd - textOffset };
  const offset = table.offset(element);
  return { offset, length: table.end(element) - offset };
}

/** The offset and length of a scalar's text, or of its whole element when the text is empty (`<string/>`, `<true/>`). */
export function scalarTextRange(node: ScalarNode): { offset: number; length: number } {
  return node.textEnd > node.textOffset
    ? { offset: node.textOffset, length: node.textEnd - node.textOffset }
    : { offset: node.offset, length: node.end - node.offset };
}
