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
