/**
 * The keys of one dict by their text, hashed where they are written: a `Map` of their strings would slice each key
 * out of the source and hash the slice, which for a large dict whose names nothing else reads (a file's hundreds of
 * exception domains) would be most of finding its duplicates. Keys with entities, CDATA or comments are hashed by
 * their decoded text, so every key is found by what it says. Reused between dicts (see `open` and `close`).
 */
import { EMPTY, HashSlots, hashText } from './hashSlots';
import type { PlistTable } from './table';

/** An index grown past this many slots for one huge dict is not kept for the next (see `close`). */
const KEPT_SLOTS = 1 << 16;

export class SourceKeyIndex {
  private readonly slots = new HashSlots();
  private table: PlistTable | undefined = undefined;

  /** Starts on the keys of one dict of `table`; the index is empty (new, or closed since its last dict). */
  open(table: PlistTable): void {
    this.table = table;
  }

  /** Done with the dict: the index is emptied, slots grown for a huge dict are not kept, and the table is let go. */
  close(): void {
    this.slots.clear(KEPT_SLOTS);
    this.table = undefined;
  }

  /** The first key added with the same text as `key`; when there is none, adds `key` and gives -1. */
  firstOf(key: number): number {
    const table = this.table as PlistTable;
    const slots = this.slots;
    const hash = textHash(table, key);
    for (let slot = slots.first(hash); ; slot = slots.next(slot)) {
      const found = slots.valueAt(slot);
      if (found === EMPTY) {
        slots.fill(slot, key, hash);
        return -1;
      }
      if (slots.hashAt(slot) === hash && table.sameText(found, key)) return found;
    }
  }
}

/**
 * A hash of the key's text: its characters in the source, or its decoded string; `hashText` of that text, so keys
 * and strings can be compared by it.
 */
export function textHash(table: PlistTable, key: number): number {
  if (table.isSourceText(key)) return hashText(table.text, table.textOffset(key), table.textEnd(key));
  const text = table.textOf(key);
  return hashText(text, 0, text.length);
}
