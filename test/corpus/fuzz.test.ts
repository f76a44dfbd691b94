/**
 * A short, seeded fuzz run over mutated corpus files (truncations, splices, flipped characters, duplicated tags,
 * deep nesting, entities...): every entry point of the service returns without throwing, within a time bound, with
 * every range inside the document. The same seed always gives the same inputs; `npm run fuzz` runs 100,000.
 * To reproduce a failure: `npm run fuzz -- --seed <seed> --from <index> --count 1`.
 */
import * as assert from 'node:assert/strict';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { checkInput } from '../fuzz/checkInput';
import { fuzzInput, loadCorpusTexts } from '../fuzz/corpusInputs';

const SEED = 20_251_123;
const INPUTS = 150;
/** Generous for a loaded CI machine; inputs are corpus-sized, so a healthy run stays under 50 ms per call. */
const TIME_BOUND_MS = 2000;

describe('fuzz (seeded mutations of test/corpus/apps)', function () {
  this.timeout(60_000);
  const service = createLanguageService(CATALOG);

  it(`survives ${INPUTS} mutated files with seed ${SEED}`, () => {
    const corpus = loadCorpusTexts();
    const failures: string[] = [];
    for (let index = 0; index < INPUTS && failures.length < 5; index++) {
      const input = fuzzInput(corpus, SEED, index);
      const result = checkInput(service, input.text, { timeBoundMs: TIME_BOUND_MS, random: input.random, probeCount: 6 });
      if (result.failures.length > 0) failures.push(`input ${index} (${input.description}): ${result.failures.slice(0, 3).join('; ')}`);
    }
    assert.deepEqual(failures, [], `reproduce with: npm run fuzz -- --seed ${SEED} --from <index> --count 1`);
  });
});
