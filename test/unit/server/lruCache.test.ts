import * as assert from 'node:assert/strict';
import { createLruCache } from '../../../server/src/lruCache';

describe('createLruCache', () => {
  it('keeps the entries used most recently, up to its capacity', () => {
    const cache = createLruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined, 'b was used longest ago');
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('replaces a key without growing, and empties on clear', () => {
    const cache = createLruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('a'), 2);
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it('stays at its capacity over many more keys', () => {
    const cache = createLruCache<number, number>(8);
    for (let key = 0; key < 10_000; key++) cache.set(key, key);
    assert.equal(cache.size, 8);
    assert.equal(cache.get(9_999), 9_999);
    assert.equal(cache.get(0), undefined);
  });
});
