/**
 * The rows and character counts `editDistance` works in. A caller comparing one word with many passes one, since
 * making them per comparison is a large part of its cost (see docs/performance.md).
 */
export class EditDistanceScratch {
  rows: Int32Array;
  readonly counts = new Int32Array(64);

  /** `width`: one more than the longest second word expected. */
  constructor(width = 128) {
    this.rows = new Int32Array(3 * width);
  }

  /** Rows at least `ints` long. */
  rowsFor(ints: number): Int32Array {
    if (this.rows.length < ints) this.rows = new Int32Array(ints * 2);
    return this.rows;
  }
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), with an upper bound so that
 * comparing one key against the whole catalog stays cheap: rows stop as soon as every cell exceeds the bound.
 */
export function editDistance(a: string, b: string, bound = Number.POSITIVE_INFINITY, scratch?: EditDistanceScratch): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const width = b.length + 1;
  const work = scratch ?? new EditDistanceScratch(width);
  if (bound < a.length + b.length && characterCountBound(a, b, work.counts) > bound) return bound + 1;
  const rows = work.rowsFor(width * 3);
  // Only cells within `bound` of the diagonal can hold a distance within the bound (each step off it costs 1), so
  // the rest are left at `outside`; values within the bound stay exact, and the row-minimum exit is unchanged.
  const outside = bound === Number.POSITIVE_INFINITY ? 0x3fffffff : bound + 1;
  // Rows i-2, i-1 and i, rotating through three slices of one buffer.
  let previousPrevious = 0;
  let previous = width;
  let current = width * 2;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const codeA = a.charCodeAt(i - 1);
    const first = Math.max(1, i - bound);
    const last = Math.min(b.length, i + bound);
    rows[current] = i;
    if (first > 1) rows[current + first - 1] = outside;
    if (last + 1 < width) rows[current + last + 1] = outside;
    let rowMinimum = i;
    for (let j = first; j <= last; j++) {
      const cost = codeA === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((rows[previous + j] as number) + 1, (rows[current + j - 1] as number) + 1, (rows[previous + j - 1] as number) + cost);
      if (i > 1 && j > 1 && codeA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (rows[previousPrevious + j - 2] as number) + 1);
      }
      rows[current + j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > bound) return bound + 1;
    const oldest = previousPrevious;
    previousPrevious = previous;
    previous = current;
    current = oldest;
  }
  return Math.min(rows[previous + b.length] as number, bound + 1);
}

/**
 * A lower bound of the distance from character counts: an edit changes the counts by at most 2 in total (a
 * transposition by none), so half their difference is never more than the distance. It is linear, and it rules
 * out most catalog keys before the quadratic table is built. Characters share 64 buckets, which only lowers it.
 */
function characterCountBound(a: string, b: string, counts: Int32Array): number {
  counts.fill(0);
  for (let index = 0; index < a.length; index++) {
    const bucket = a.charCodeAt(index) & 63;
    counts[bucket] = (counts[bucket] as number) + 1;
  }
  for (let index = 0; index < b.length; index++) {
    const bucket = b.charCodeAt(index) & 63;
    counts[bucket] = (counts[bucket] as number) - 1;
  }
  let difference = 0;
  for (let bucket = 0; bucket < 64; bucket++) difference += Math.abs(counts[bucket] as number);
  return Math.ceil(difference / 2);
}

/** Up to `limit` candidates within `maxDistance` of `word`, nearest first (ties keep candidate order). */
export function nearest(word: string, candidates: Iterable<string>, maxDistance: number, limit = 3): string[] {
  const scored: Array<{ candidate: string; distance: number }> = [];
  const scratch = new EditDistanceScratch();
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate, maxDistance, scratch);
    if (distance <= maxDistance) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance);
  return scored.slice(0, limit).map((item) => item.candidate);
}
