/**
 * Open addressing over two typed arrays: non-negative integers (an element id, a place in a list) by a hash, at
 * most half the slots full so that a probe ends soon. The owner probes (`first`, `next`) and decides what matches,
 * since only it knows what the integers stand for; growing reuses the stored hashes. Shared by duplicate-key's index
 * of a large dict (`SourceKeyIndex`) and the classification memo (`keyClassification.ts`).
 */

/** `valueAt` of a slot that holds nothing. */
export const EMPTY = -1;

export class HashSlots {
  private values: Int32Array;
  private hashes: Int32Array;
  /** The number of slots less one (a power of two less one): a hash's low bits pick its first slot. */
  private mask: number;
  private used = 0;

  constructor(private readonly initialSlots = 64) {
    this.values = new Int32Array(initialSlots).fill(EMPTY);
    this.hashes = new Int32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  /** How many values are held. */
  get size(): number {
    return this.used;
  }

  /** The first slot a probe for `hash` looks at. */
  first(hash: number): number {
    return hash & this.mask;
  }

  /** The slot a probe looks at after `slot`. */
  next(slot: number): number {
    return (slot + 1) & this.mask;
  }

  /** The value in `slot`, or EMPTY. */
  valueAt(slot: number): number {
    return this.values[slot] as number;
  }

  /** The hash the value in `slot` was put under. */
  hashAt(slot: number): number {
    return this.hashes[slot] as number;
  }

  /** Puts `value` in `slot`, the empty slot where a probe for `hash` ended. Slots found before are stale after it. */
  fill(slot: number, value: number, hash: number): void {
    this.values[slot] = value;
    this.hashes[slot] = hash;
    if (++this.used * 2 > this.values.length) this.grow();
  }

  /** Puts `value` under `hash`, known not to be held yet. */
  add(value: number, hash: number): void {
    let slot = this.first(hash);
    while (this.valueAt(slot) !== EMPTY) slot = this.next(slot);
    this.fill(slot, value, hash);
  }

  /** Holds nothing again; slots grown past `keptSlots` go back to their first number. */
  clear(keptSlots = Number.POSITIVE_INFINITY): void {
    if (this.values.length > keptSlots) {
      this.values = new Int32Array(this.initialSlots);
      this.hashes = new Int32Array(this.initialSlots);
      this.mask = this.initialSlots - 1;
    }
    this.values.fill(EMPTY);
    this.used = 0;
  }

  /** Twice the slots, each value placed again by its stored hash. */
  private grow(): void {
    const oldValues = this.values;
    const oldHashes = this.hashes;
    this.values = new Int32Array(oldValues.length * 2).fill(EMPTY);
    this.hashes = new Int32Array(oldValues.length * 2);
    this.mask = oldValues.length * 2 - 1;
    for (let index = 0; index < oldValues.length; index++) {
      const value = oldValues[index] as number;
      if (value === EMPTY) continue;
      const hash = oldHashes[index] as number;
      let slot = this.first(hash);
      while (this.valueAt(slot) !== EMPTY) slot = this.next(slot);
      this.values[slot] = value;
      this.hashes[slot] = hash;
    }
  }
}

const HASH_SEED = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;

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
