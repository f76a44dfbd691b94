/**
 * Visits every dict entry of a document, in source order, without recursion, so rules never walk the tree
 * themselves. The lists come from the parser (`PlistDocument.entryList`).
 */
import type { DictEntry, DictNode, EntryList, PlistDocument } from './nodes';

export type { EntryList } from './nodes';

/** The document's entries in source order, with their dicts and the dicts' key paths. */
export function entryListOf(document: PlistDocument): EntryList {
  return document.entryList;
}

/** Calls `visit` for each entry of each dict, with the dict that holds it. */
export function forEachEntry(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode) => void): void {
  const { entries } = entryListOf(document);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as DictEntry;
    visit(entry, entry.key.parent);
  }
}

/**
 * `forEachEntry` with the key path of each dict (`keyPathOf(dict)`, arrays skipped), the same array for all entries
 * of a dict, so a rule that looks keys up by path pays for a path per dict, not per key.
 */
export function forEachEntryWithPath(document: PlistDocument, visit: (entry: DictEntry, dict: DictNode, dictPath: readonly string[]) => void): void {
  const { entries, dictPaths } = entryListOf(document);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as DictEntry;
    visit(entry, entry.key.parent, dictPaths[index] as readonly string[]);
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
