import * as assert from 'node:assert/strict';
import { getValueFixes, readValueData } from '../../../../server/src/service/features/valueFixes';
import { applyEdits, plist, service, textDocument } from '../../helpers';

/** The fixes for the value starting at the first occurrence of `marker` in `text`, applied one by one. */
function fixesAt(text: string, marker: string, data: Parameters<typeof getValueFixes>[3]): Array<{ title: string; result: string; isPreferred: boolean }> {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, marker);
  return getValueFixes(textDocument(text), service.parse(text), offset, data).map((fix) => ({ title: fix.title, result: applyEdits(text, [fix.edit]), isPreferred: fix.isPreferred }));
}

describe('valueFixes', () => {
  it('narrows the data the client sends back', () => {
    assert.deepEqual(readValueData({ valueReplacements: ['a', 1, 'b'], convertTo: 'boolean' }), { valueReplacements: ['a', 'b'], convertTo: 'boolean' });
    assert.deepEqual(readValueData({ valueReplacements: 'a', convertTo: 'bool' }), {});
    assert.deepEqual(readValueData({ keepFirstItems: 1 }), { keepFirstItems: 1 });
    for (const keepFirstItems of [0, -1, 1.5, '1', Number.NaN]) assert.deepEqual(readValueData({ keepFirstItems }), {}, String(keepFirstItems));
  });

  describe('keeping the first items of an array', () => {
    const lines = (...items: string[]) => plist(`\n\t<key>k</key>\n\t<array>\n${items.map((item) => `\t\t<string>${item}</string>\n`).join('')}\t</array>\n`);

    it('removes every item after the kept ones with their lines, from any extra item', () => {
      const text = lines('a', 'b', 'c');
      for (const marker of ['b<', 'c<', '<string>c']) {
        assert.deepEqual(fixesAt(text, marker, { keepFirstItems: 1 }), [{ title: 'Keep only the first entry', result: lines('a'), isPreferred: false }], marker);
      }
      assert.deepEqual(fixesAt(text, 'c<', { keepFirstItems: 2 }).map((fix) => [fix.title, fix.result]), [['Keep only the first 2 entries', lines('a', 'b')]]);
    });

    it('keeps a one-line array on one line, and removes items of any type', () => {
      const text = plist('<key>k</key><array><string>a</string><dict><key>x</key><true/></dict><string/></array>');
      assert.deepEqual(fixesAt(text, '<dict><key>x', { keepFirstItems: 1 }).map((fix) => fix.result), [plist('<key>k</key><array><string>a</string></array>')]);
    });

    it('offers nothing from a kept item, outside an array, or when nothing is extra', () => {
      const text = lines('a', 'b');
      assert.deepEqual(fixesAt(text, 'a<', { keepFirstItems: 1 }), []);
      assert.deepEqual(fixesAt(text, 'b<', { keepFirstItems: 2 }), []);
      assert.deepEqual(fixesAt(plist('<key>k</key><string>x</string>'), 'x<', { keepFirstItems: 1 }), []);
    });
  });

  it('finds the value by its element or its text, even right after a sibling', () => {
    const text = plist('<key>k</key><array><string>a</string><string>b</string></array>');
    assert.equal(fixesAt(text, '<string>b', { convertTo: 'boolean' }).length, 0, 'b is no boolean word');
    assert.deepEqual(fixesAt(text, 'b<', { valueReplacements: ['c'] }).map((fix) => fix.result), [plist('<key>k</key><array><string>a</string><string>c</string></array>')]);
    assert.deepEqual(fixesAt(text, '<string>b', { valueReplacements: ['c'] }).map((fix) => fix.result), [plist('<key>k</key><array><string>a</string><string>c</string></array>')]);
  });

  it('prefers the first replacement and escapes each', () => {
    const text = plist('<key>k</key><string>x</string>');
    assert.deepEqual(fixesAt(text, 'x<', { valueReplacements: ['a<b', 'c'] }), [
      { title: "Change to 'a<b'", result: plist('<key>k</key><string>a&lt;b</string>'), isPreferred: true },
      { title: "Change to 'c'", result: plist('<key>k</key><string>c</string>'), isPreferred: false },
    ]);
  });

  it('fills an empty element', () => {
    const text = plist('<key>k</key><string/>');
    assert.deepEqual(fixesAt(text, '<string/>', { valueReplacements: ['v'] }).map((fix) => fix.result), [plist('<key>k</key><string>v</string>')]);
  });

  it('offers nothing for a position that starts no value, or for containers', () => {
    const text = plist('<key>k</key><array><string>a</string></array>');
    assert.deepEqual(fixesAt(text, 'k<', { valueReplacements: ['x'] }), []);
    assert.deepEqual(fixesAt(text, '<array>', { convertTo: 'string' }), []);
    assert.deepEqual(fixesAt(text, '<string>', {}), []);
  });
});
