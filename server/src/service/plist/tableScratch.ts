/**
 * Where parses write their rows and entry keys before `PlistTable.seal` copies them out at their exact size,
 * and the slab that small per-parse lists share. A language service owns one, so a parse of a file met before makes
 * one buffer and grows none; a parse without a service gets one of its own (`TableScratch.forOneParse`), whose
 * buffers the table then keeps as they are. Parsing is synchronous, so one service's parses never overlap in it.
 */

/** A buffer grown past this many integers (the rows of a file of about 4 MB) is not kept after the parse. */
const KEPT_SCRATCH_INTS = 1024 * 1024;

/** Small lists share slabs of this size; a slab is freed once no table in it is alive. */
const SLAB_BYTES = 256 * 1024;

/** Lists longer than this many integers get memory of their own rather than a piece of a slab. */
const SLAB_PIECE_INTS = SLAB_BYTES / 16 / 4;

const INITIAL_ROW_INTS = 1024 * 7;
const INITIAL_ENTRY_KEYS = 1024;

export const NO_ELEMENTS: Int32Array = new Int32Array(0);

export class TableScratch {
  rows: Int32Array;
  entryKeys: Int32Array;
  private slab: ArrayBuffer | undefined = undefined;
  private slabUsed = 0;

  private constructor(
    /** False for a scratch made for one parse: its buffers are handed to the table instead of copied. */
    readonly isShared: boolean,
    rowInts: number,
  ) {
    this.rows = new Int32Array(rowInts);
    this.entryKeys = new Int32Array(isShared ? INITIAL_ENTRY_KEYS : Math.max(16, rowInts >> 4));
  }

  /** The scratch a language service keeps for all its parses. */
  static shared(): TableScratch {
    return new TableScratch(true, INITIAL_ROW_INTS);
  }

  /** Scratch for a single parse of a text of `textLength` characters, sized to what such a text usually needs. */
  static forOneParse(textLength: number): TableScratch {
    // A row per element, an element per 20 characters or so of a typical plist.
    return new TableScratch(false, Math.max(64, Math.ceil(textLength / 20)) * 7);
  }

  growRows(): Int32Array {
    this.rows = grown(this.rows);
    return this.rows;
  }

  growEntryKeys(): Int32Array {
    this.entryKeys = grown(this.entryKeys);
    return this.entryKeys;
  }

  /** The first `length` rows' integers as memory the table can keep (see `keep`). */
  keepRows(length: number): Int32Array {
    const kept = this.keep(this.rows, length);
    if (kept.buffer === this.rows.buffer) this.rows = new Int32Array(this.rows.length);
    return kept;
  }

  keepEntryKeys(length: number): Int32Array {
    const kept = this.keep(this.entryKeys, length);
    if (kept.buffer === this.entryKeys.buffer) this.entryKeys = new Int32Array(this.entryKeys.length);
    return kept;
  }

  /**
   * The first `length` integers of `source`: a small list is copied into the slab; a large one keeps its buffer,
   * which a new one replaces (a copy of it costs more than fresh memory).
   */
  private keep(source: Int32Array, length: number): Int32Array {
    if (length === 0) return NO_ELEMENTS;
    if (!this.isShared || length > SLAB_PIECE_INTS) return source.subarray(0, length);
    const copy = this.fromSlab(length);
    copy.set(source.subarray(0, length));
    return copy;
  }

  /** Ends a parse: after one huge file the service need not keep scratch space that size. */
  release(): void {
    if (!this.isShared || this.rows.length <= KEPT_SCRATCH_INTS) return;
    this.rows = new Int32Array(INITIAL_ROW_INTS);
    this.entryKeys = new Int32Array(INITIAL_ENTRY_KEYS);
  }

  /** `length` zeros of memory of their own, for a list kept per parse: small ones from the slab. */
  zeroedInts(length: number): Int32Array {
    if (length === 0) return NO_ELEMENTS;
    return !this.isShared || length > SLAB_PIECE_INTS ? new Int32Array(length) : this.fromSlab(length);
  }

  /**
   * A piece of the slab: a buffer per parse costs far more than a view on an existing one (see
   * docs/performance.md). A slab's bytes are handed out once, so they are still zero.
   */
  private fromSlab(length: number): Int32Array {
    if (this.slab === undefined || this.slabUsed + length * 4 > SLAB_BYTES) {
      this.slab = new ArrayBuffer(SLAB_BYTES);
      this.slabUsed = 0;
    }
    const ints = new Int32Array(this.slab, this.slabUsed, length);
    this.slabUsed += length * 4;
    return ints;
  }
}

/** `array` copied into one twice its size. */
function grown(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}
