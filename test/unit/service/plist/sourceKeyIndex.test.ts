import * as assert from 'node:assert/strict';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { hashText } from '../../../../server/src/service/plist/hashSlots';
import { SourceKeyIndex, textHash } from '../../../../server/src/service/plist/sourceKeyIndex';
import { KIND_KEY, type PlistTable } from '../../../../server/src/service/plist/table';
import { plist } from '../../helpers';

function keysOf(table: PlistTable): number[] {
  return [...Array(table.count).keys()].filter((id) => table.kind(id) === KIND_KEY);
}

/** What the index must answer for each key in turn: the first earlier key with the same decoded text, else -1. */
function expectedFirsts(table: PlistTable, keys: readonly number[]): number[] {
  const first = new Map<string, number>();
  return keys.map((key) => {
    const text = table.textOf(key);
    const found = first.get(text);
    if (found !== undefined) return found;
    first.set(text, key);
    return -1;
  });
}

describe('SourceKeyIndex', () => {
  // Keys written plainly, with entities, in CDATA and around a comment, some the same text written differently.
  const forms = ['Name', 'N&#97;me', '<![CDATA[Name]]>', 'Na<!-- c -->me', 'a &amp; b', 'a &#38; b', '', 'Names', 'Nam'];
  const text = plist(`<key>D</key><dict>${forms.map((form) => `<key>${form}</key><true/>`).join('')}<key/><true/></dict>`);

  it('finds the first key with the same text however each is written, and adds keys it has not seen', () => {
    // Asked of a fresh table, so that source-text keys are hashed and compared where they are written.
    const table = parsePlist(text).table;
    const keys = keysOf(table).slice(1);
    const expected = expectedFirsts(parsePlist(text).table, keys);
    const index = new SourceKeyIndex();
    index.open(table);
    assert.deepEqual(keys.map((key) => index.firstOf(key)), expected);
    assert.deepEqual(expected.map((first) => first >= 0), [false, true, true, true, false, true, false, false, false, true]);
  });

  it('hashes a key by its text: the same for every way of writing it', () => {
    const table = parsePlist(text).table;
    const [, name, entity, cdata, comment] = keysOf(table) as [number, number, number, number, number];
    const hashes = [name, entity, cdata, comment].map((key) => textHash(table, key));
    assert.deepEqual(hashes, hashes.map(() => hashes[0]));
    assert.equal(hashes[0], hashText('Name', 0, 4), 'and the same as the string\'s');
    assert.equal(hashText('xNamex', 1, 5), hashText('Name', 0, 4));
    assert.ok(hashes[0] !== undefined && hashes[0] >= 0);
    assert.notEqual(hashText('Name', 0, 4), hashText('Nmae', 0, 4));
  });

  it('keeps its answers as it grows past its first slots, and starts empty for the next dict', () => {
    const many = Array.from({ length: 600 }, (_, index) => `<key>host${index % 450}.example.com</key><true/>`).join('');
    const table = parsePlist(plist(`<key>D</key><dict>${many}</dict>`)).table;
    const keys = keysOf(table).slice(1);
    const index = new SourceKeyIndex();
    index.open(table);
    const answers = keys.map((key) => index.firstOf(key));
    assert.deepEqual(answers, expectedFirsts(table, keys));
    assert.equal(answers.filter((first) => first >= 0).length, 150);
    index.close();
    const other = parsePlist(plist('<key>host1.example.com</key><true/><key>host1.example.com</key><true/>')).table;
    index.open(other);
    assert.deepEqual(keysOf(other).map((key) => index.firstOf(key)), [-1, keysOf(other)[0]]);
  });
});
