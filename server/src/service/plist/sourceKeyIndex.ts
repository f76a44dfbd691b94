/**
 * The keys of one dict by their text, hashed where they are written: a `Map` of their strings would slice each key
 * out of the source and hash the slice, and for a large dict whose names nothing else reads (a file's hundreds of
 * exception domains) that was most of finding its duplicates. Keys with entities, CDATA or comments are hashed by
 * their decoded text, so every key is found by what it says. Open addressing over typed arrays, reused between
 * dicts (see `open` and `close`).
 */
import type { PlistTable } from './table';

const EMPTY = -1;
const HASH_SEED = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;
const INITIAL_SLOTS = 64;
/** An index grown past this many slots for one huge dict is not kept for the next (see `close`). */
const KEPT_SLOTS = 1 << 16;

export class SourceKeyIndex {
  private slots = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  private hashes = new Int32Array(INITIAL_SLOTS);
  private size = 0;
  private table: PlistTable | undefined = undefined;

  /** Starts an empty index for the keys of one dict of `table`. */
  open(table: PlistTable): void {
    this.slots.fill(EMPTY);
    this.size = 0;
    this.table = table;
  }

  /** Done with the dict: the table is let go, and slots grown for a huge dict are not kept. */
  close(): void {
    this.table = undefined;
    if (this.slots.length > KEPT_SLOTS) {
      this.slots = new Int32Array(INITIAL_SLOTS);
      this.hashes = new Int32Array(INITIAL_SLOTS);
    }
  }

  /** The first key added with the same text as `key`; when there is none, adds `key` and gives -1. */
  firstOf(key: number): number {
    const table = this.table as PlistTable;
    const hash = textHash(table, key);
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = slots[slot] as number;
      if (found === EMPTY) {
        slots[slot] = key;
        this.hashes[slot] = hash;
        this.size++;
        return -1;
      }
      if (this.hashes[slot] === hash && table.sameText(found, key)) return found;
    }
  }

  /** Twice the slots, so that at most half are full and a probe ends soon. */
  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    const slots = new Int32Array(oldSlots.length * 2).fill(EMPTY);
    const hashes = new Int32Array(oldSlots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < oldSlots.length; index++) {
      const key = oldSlots[index] as number;
      if (key === EMPTY) continue;
      const hash = oldHashes[index] as number;
      let slot = hash & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = key;
      hashes[slot] = hash;
    }
    this.slots = slots;
    this.hashes = hashes;
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

/**
 * A hash of `text[from, to)`, at least zero. FNV-1a, two characters per step (half the multiplications: keys are
 * hashed on every validation), then the high bits folded into the low ones that pick a slot, since a
 * multiplication carries a difference only upwards. It starts from a value drawn once per process, as V8 seeds its
 * own string hashes: a file written to make many keys collide, and so every lookup slow, cannot be prepared ahead.
 */
export function hashText(text: string, from: number, to: number): number {
  let hash = HASH_SEED;
  let index = from;
  for (; index + 1 < to; index += 2) hash = Math.imul(hash ^ (text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16)), 0x01000193);
  if (index < to) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash ^ (hash >>> 15)) >>> 1;
}
