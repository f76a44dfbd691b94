/**
 * A short seeded run of the server-level fuzz campaign (test/fuzz/serverCampaign.ts) against the real server over
 * stdio: random mutated documents, random requests at random positions, incremental edits, cancellations and
 * malformed transport bytes; every request answered within 1 s with its ranges in bounds. `npm run fuzz` runs it
 * large; reproduce a document with `npm run fuzz -- --no-hostile --no-mutations --no-binary --seed <seed> --from <document> --documents 1`.
 */
import * as assert from 'node:assert/strict';
import { loadCorpusTexts } from '../fuzz/corpusInputs';
import { runServerCampaign } from '../fuzz/serverCampaign';

const SEED = 20_261_207;
const DOCUMENTS = 40;

describe('server fuzz campaign (seeded, over stdio)', function () {
  this.timeout(60_000);

  it(`answers every request on ${DOCUMENTS} mutated documents with seed ${SEED}, ranges in bounds`, async () => {
    const report = await runServerCampaign(loadCorpusTexts(), { seed: SEED, from: 0, count: DOCUMENTS, stepsPerDocument: 30, timeBoundMs: 1000 });
    assert.deepEqual(report.failures.slice(0, 5), []);
    assert.equal(report.documents, DOCUMENTS);
    // The campaign really exercised each kind of step.
    assert.ok(report.requests > DOCUMENTS * 10 && report.edits > DOCUMENTS && report.transportProbes > 0 && report.cancelled > 0, JSON.stringify(report));
  });
});
