import * as assert from 'node:assert/strict';

/** The fastest of a few runs after one warm-up run, in milliseconds; the fastest is the least disturbed by GC. */
export function fastestRunOf(run: () => unknown, runs = 3): number {
  run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/**
 * Asserts that work on an input ten times larger takes well under a hundred times as long: a linear reader gives
 * about 10x, a quadratic one about 100x. The ratio, not a wall-clock bound, so a loaded machine cannot fail it;
 * times under a millisecond count as one, since their ratio would be noise. The bound sits at 45x, under half the
 * quadratic's: at ten times the memory a linear reader also pays more collection, and a busy machine measured
 * 31.6x for one.
 */
export function assertLinearOverTenfold(small: () => unknown, large: () => unknown, options: { readonly factor?: number; readonly runs?: number } = {}): void {
  const factor = options.factor ?? 45;
  const smallTime = Math.max(fastestRunOf(small, options.runs), 1);
  const largeTime = fastestRunOf(large, options.runs);
  const ratio = largeTime / smallTime;
  assert.ok(ratio < factor, `ten times the input took ${ratio.toFixed(1)}x as long (${smallTime.toFixed(1)} ms, then ${largeTime.toFixed(1)} ms)`);
}
