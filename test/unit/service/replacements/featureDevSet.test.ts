import * as assert from 'node:assert/strict';
import { featureDevSet, firstFix } from './featureDevSet';

describe('feature-named inventions (development set made from the feature data)', () => {
  const { rows, ambiguous } = featureDevSet();

  it('has at least 100 inventions, from entitlements and purpose strings', () => {
    assert.ok(rows.length >= 100, `${rows.length} rows`);
    assert.ok(rows.filter((row) => row.fileKind === 'infoPlist').length >= 20);
    assert.ok(ambiguous < rows.length / 5, `${ambiguous} ambiguous keys`);
  });

  it('gives the right fix first for at least 90% of them', () => {
    const misses = rows.filter((row) => firstFix(row) !== row.expected);
    const share = 1 - misses.length / rows.length;
    const shown = misses.slice(0, 15).map((row) => `${row.key} (${row.platform}): ${firstFix(row)}, wanted ${row.expected}`);
    assert.ok(share >= 0.9, `${(share * 100).toFixed(1)}% of ${rows.length}; misses:\n${shown.join('\n')}`);
  });
});
