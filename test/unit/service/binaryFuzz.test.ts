/**
 * A short seeded mutation run of the binary readers (binary plists, Mach-O code signatures, CMS profiles) over
 * built inputs (test/fuzz/binaryMutations.ts): no throw, a bound per call. `npm run fuzz` runs it large; reproduce
 * one with `npm run fuzz -- --no-hostile --no-mutations --no-server --seed <seed> --from <index> --binaries 1`.
 */
import * as assert from 'node:assert/strict';
import { binaryInput, binarySeeds, checkBinary } from '../../fuzz/binaryMutations';

const SEED = 20_261_207;
const INPUTS = 3000;
/** Generous for a loaded CI machine; the inputs are a few KB, so a healthy call takes well under 10 ms. */
const TIME_BOUND_MS = 2000;

describe('binary readers fuzz (seeded mutations of built inputs)', function () {
  this.timeout(60_000);

  it(`survives ${INPUTS} mutated binaries with seed ${SEED}`, () => {
    const seeds = binarySeeds();
    assert.ok(seeds.length >= 8);
    const failures: string[] = [];
    for (let index = 0; index < INPUTS && failures.length < 5; index++) {
      const input = binaryInput(seeds, SEED, index);
      const result = checkBinary(input.bytes, TIME_BOUND_MS);
      if (result.failures.length > 0) failures.push(`input ${index} (${input.description}): ${result.failures.join('; ')}`);
    }
    assert.deepEqual(failures, []);
  });
});
