import * as assert from 'node:assert/strict';
import { editDistance, nearest } from '../../../server/src/service/editDistance';

describe('editDistance', () => {
  it('is 0 for equal strings', () => {
    assert.equal(editDistance('aps-environment', 'aps-environment'), 0);
    assert.equal(editDistance('', ''), 0);
  });

  it('counts one insertion, deletion or substitution as 1', () => {
    assert.equal(editDistance('app-sandbx', 'app-sandbox'), 1);
    assert.equal(editDistance('NSCameraUsageDescriptions', 'NSCameraUsageDescription'), 1);
    assert.equal(editDistance('sandbox', 'sandbix'), 1);
  });

  it('counts an adjacent transposition as 1', () => {
    assert.equal(editDistance('sandobx', 'sandbox'), 1);
    assert.equal(editDistance('ab', 'ba'), 1);
  });

  it('measures against the empty string by length', () => {
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abcd', ''), 4);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['kitten', 'sitting'], ['com.apple.a', 'com.aple.b'], ['ca', 'abc']] as const) {
      assert.equal(editDistance(a, b), editDistance(b, a), `${a} / ${b}`);
    }
  });

  it('matches the textbook examples', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    // Optimal string alignment, not full Damerau-Levenshtein: no substring is edited twice.
    assert.equal(editDistance('ca', 'abc'), 3);
  });

  it('gives bound + 1 once the distance is past the bound', () => {
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
    assert.equal(editDistance('a', 'abcdefgh', 3), 4);
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
  });
});

describe('editDistance with a bound', () => {
  it('gives the exact distance within the bound, and more than the bound otherwise (checked on 20,000 pairs)', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
    const word = () => (next() < 0.5 ? 'com.apple.' : '') + Array.from({ length: Math.floor(next() * 30) }, () => 'abcde.-A'.charAt(Math.floor(next() * 8))).join('');
    for (let pair = 0; pair < 20_000; pair++) {
      const [a, b, bound] = [word(), word(), Math.floor(next() * 8)];
      const exact = editDistance(a, b);
      const bounded = editDistance(a, b, bound);
      if (exact <= bound) assert.equal(bounded, exact, `${a} / ${b} within ${bound}`);
      else assert.ok(bounded > bound, `${a} / ${b} past ${bound}`);
    }
  });
});

describe('nearest', () => {
  const candidates = ['com.apple.security.app-sandbox', 'com.apple.security.network.client', 'com.apple.security.network.server'];

  it('keeps candidates within the distance, nearest first', () => {
    assert.deepEqual(nearest('abcd', ['abxy', 'wxyz', 'abcx'], 2), ['abcx', 'abxy']);
    assert.deepEqual(nearest('com.apple.security.network.clint', candidates, 2), ['com.apple.security.network.client']);
  });

  it('keeps candidate order on ties', () => {
    assert.deepEqual(nearest('ab', ['ax', 'xb', 'ab '], 1), ['ax', 'xb', 'ab ']);
  });

  it('returns at most `limit` candidates', () => {
    assert.deepEqual(nearest('a', ['b', 'c', 'd', 'e'], 1), ['b', 'c', 'd']);
    assert.deepEqual(nearest('a', ['b', 'c', 'd', 'e'], 1, 2), ['b', 'c']);
  });

  it('returns nothing when no candidate is near', () => {
    assert.deepEqual(nearest('completely-different', candidates, 2), []);
  });
});
