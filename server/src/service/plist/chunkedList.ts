/**
 * A list kept in chunks of a few thousand items, for the per-entry lists a parse or a validation makes: V8 puts a
 * long array in its large-object space, in fresh memory of its own, which costs far more than the same items in
 * chunks (figures in docs/performance.md).
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
      // times its size in all: later chunks come at full size.
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
