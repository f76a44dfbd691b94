import * as assert from 'node:assert/strict';
import { ChunkedList } from '../../../../server/src/service/plist/chunkedList';

describe('ChunkedList', () => {
  it('keeps every item at the index push returned, across chunk boundaries', () => {
    const list = new ChunkedList<string>();
    const count = 3 * 4096 + 17;
    for (let index = 0; index < count; index++) assert.equal(list.push(`item ${index}`), index);
    assert.equal(list.length, count);
    for (const index of [0, 1, 4095, 4096, 4097, 8191, 8192, 12287, 12288, count - 1]) assert.equal(list.at(index), `item ${index}`);
  });

  it('keeps undefined items as items', () => {
    const list = new ChunkedList<number | undefined>();
    list.push(undefined);
    list.push(2);
    list.push(undefined);
    assert.equal(list.length, 3);
    assert.deepEqual([list.at(0), list.at(1), list.at(2)], [undefined, 2, undefined]);
  });

  it('starts empty', () => {
    assert.equal(new ChunkedList<string>().length, 0);
  });
});

describe('ChunkedList with a capacity', () => {
  it('keeps every item pushed up to its capacity, and more past it', () => {
    const capacity = 4096 + 5;
    const list = new ChunkedList<number | undefined>(capacity);
    for (let index = 0; index < capacity + 3; index++) list.push(index % 7 === 0 ? undefined : index);
    assert.equal(list.length, capacity + 3);
    for (let index = 0; index < capacity + 3; index++) assert.equal(list.at(index), index % 7 === 0 ? undefined : index);
  });
});
