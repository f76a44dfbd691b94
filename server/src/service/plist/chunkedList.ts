/**
 * A list kept in chunks of a few thousand items, for the per-entry lists a parse or a validation makes. V8 puts an
 * array of more than 16,384 items (128 KB) in its large-object space, each in fresh memory of its own: on a 1 MB
 * Info.plist (17,000 keys) making one such array measured ten times the cost of the same items in chunks (500 µs
 * against 46 µs, a quarter of scanning the whole file), and a parse and validation made five of them.
 */
export class ChunkedList<T> {
  private readonly chunks: T[][] = [];
  private last: T[] = [];
  /** How many items there are. */
  length = 0;

  /** `capacity`: how many items will be pushed, when known, so that chunks are made at their size and never grow. */
  constructor(private readonly capacity = 0) {}

  /** Appends `item`; returns its index. */
  push(item: T): number {
    const index = this.length;
    if ((index & CHUNK_MASK) === 0) {
      // Past the first chunk the list is long, and a chunk grown one push at a time is copied as it grows, several
      // times its size in all: later chunks come at full size (a parse of 1 MB allocated 1.40 MB, then 1.19 MB).
      this.last = index < this.capacity ? new Array<T>(Math.min(CHUNK_MASK + 1, this.capacity - index)) : index > 0 ? new Array<T>(CHUNK_MASK + 1) : [];
      this.chunks.push(this.last);
    }
    this.last[index & CHUNK_MASK] = item;
    this.length = index + 1;
    return index;
  }

  /** The item at `index` (0 to `length - 1`). */
  at(index: number): T {
    return (this.chunks[index >> CHUNK_BITS] as T[])[index & CHUNK_MASK] as T;
  }
}

/** The read side of a list, which both a `ChunkedList` and an array are. */
export interface ReadonlyList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
