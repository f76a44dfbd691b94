import * as assert from 'node:assert/strict';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { invalidValueFixes } from '../../../../server/src/service/rules/invalidValue.fix';
import { plist } from '../../helpers';
import { fixesAt } from '../../fixHelpers';

const valueFixesAt = (text: string, marker: string, data: DiagnosticData) => fixesAt(text, marker, data, invalidValueFixes);

describe('invalid-value fixes', () => {
  describe('keeping the first items of an array', () => {
    const lines = (...items: string[]) => plist(`\n\t<key>k</key>\n\t<array>\n${items.map((item) => `\t\t<string>${item}</string>\n`).join('')}\t</array>\n`);

    it('removes every item after the kept ones with their lines, from any extra item', () => {
      const text = lines('a', 'b', 'c');
      for (const marker of ['b<', 'c<', '<string>c']) {
        assert.deepEqual(valueFixesAt(text, marker, { keepFirstItems: 1 }), [{ title: 'Keep only the first entry', result: lines('a'), isPreferred: false }], marker);
      }
      assert.deepEqual(valueFixesAt(text, 'c<', { keepFirstItems: 2 }).map((fix) => [fix.title, fix.result]), [['Keep only the first 2 entries', lines('a', 'b')]]);
    });

    it('keeps a one-line array on one line, and removes items of any type', () => {
      const text = plist('<key>k</key><array><string>a</string><dict><key>x</key><true/></dict><string/></array>');
      assert.deepEqual(valueFixesAt(text, '<dict><key>x', { keepFirstItems: 1 }).map((fix) => fix.result), [plist('<key>k</key><array><string>a</string></array>')]);
    });

    it('offers nothing from a kept item, outside an array, or when nothing is extra', () => {
      const text = lines('a', 'b');
      assert.deepEqual(valueFixesAt(text, 'a<', { keepFirstItems: 1 }), []);
      assert.deepEqual(valueFixesAt(text, 'b<', { keepFirstItems: 2 }), []);
      assert.deepEqual(valueFixesAt(plist('<key>k</key><string>x</string>'), 'x<', { keepFirstItems: 1 }), []);
    });
  });
});
