import * as assert from 'node:assert/strict';
import { EMPTY, HashSlots, hashText } from '../../../../server/src/service/plist/hashSlots';

/** Every value held under `hash`, in probe order. */
function valuesUnder(slots: HashSlots, hash: number): number[] {
  const found: number[] = [];
  for (let slot = slots.first(hash); slots.valueAt(slot) !== EMPTY; slot = slots.next(slot)) {
    if (slots.hashAt(slot) === hash) found.push(slots.valueAt(slot));
  }
  return found;
}

describe('HashSlots', () => {
  it('finds every value under its hash as it grows, colliding hashes included', () => {
    const slots = new HashSlots(8);
    // Hashes 0..299, and a second value under every tenth one: probes pass values of other hashes on the way.
    for (let value = 0; value < 300; value++) slots.add(value, value);
    for (let value = 0; value < 300; value += 10) slots.add(1000 + value, value);
    assert.equal(slots.size, 330);
    for (let hash = 0; hash < 300; hash++) assert.deepEqual(valuesUnder(slots, hash), hash % 10 === 0 ? [hash, 1000 + hash] : [hash], `hash ${hash}`);
    assert.deepEqual(valuesUnder(slots, 300), []);
  });

  it('fills the empty slot a probe ended on, and holds nothing after clear', () => {
    const slots = new HashSlots(4);
    const hash = hashText('Name', 0, 4);
    let slot = slots.first(hash);
    assert.equal(slots.valueAt(slot), EMPTY);
    slots.fill(slot, 7, hash);
    assert.deepEqual(valuesUnder(slots, hash), [7]);
    slot = slots.first(hash);
    while (slots.valueAt(slot) !== EMPTY) slot = slots.next(slot);
    slots.fill(slot, 8, hash);
    assert.deepEqual(valuesUnder(slots, hash), [7, 8]);
    for (let value = 0; value < 100; value++) slots.add(value, value * 7919);
    slots.clear(16);
    assert.equal(slots.size, 0);
    assert.deepEqual(valuesUnder(slots, hash), []);
    slots.add(3, hash);
    assert.deepEqual(valuesUnder(slots, hash), [3]);
  });
});
