import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileKind, Platform } from '../../../../shared/src/catalog';
import { classifyTopLevelKey } from '../../../../server/src/service/model/keyClassification';
import { rankForPlatforms, suggestReplacements } from '../../../../server/src/service/replacements/suggestReplacements';
import { service } from '../../helpers';

interface DevSetRow {
  readonly key: string;
  readonly fileKind: FileKind;
  readonly platforms: readonly Platform[];
  readonly expected: readonly string[];
  readonly source: string;
}

function readDevSet(): DevSetRow[] {
  const lines = readFileSync(path.join(__dirname, 'dev-set.tsv'), 'utf8').split('\n');
  return lines
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('key\t'))
    .map((line) => {
      const [key = '', fileKind = '', platform = '', expected = '', source = ''] = line.split('\t');
      return {
        key,
        fileKind: fileKind as FileKind,
        platforms: platform === '' ? [] : [platform as Platform],
        expected: expected === '' ? [] : expected.split('|'),
        source,
      };
    });
}

/**
 * What a user is offered for the row's key: the unknown-key suggestions of its file, in the target's order. A
 * known invention is answered by the table before the engine is asked, so for those the engine is asked directly:
 * they measure how it does on inventions nobody taught it.
 */
function answerFor(row: DevSetRow): string[] {
  if (row.source === 'known-invention') return suggestReplacements(row.key, row.fileKind, service.catalog, row.platforms);
  const keyClass = classifyTopLevelKey(row.key, row.fileKind, service.catalog, new Set());
  // A near miss of a known invention gets the invention's replacements, or its advice to remove the key, which
  // counts as an answer (a wrong one for any key of the set).
  const suggestions =
    keyClass.kind === 'unknown' ? keyClass.suggestions : keyClass.kind === 'hallucinated' ? (keyClass.hallucination.replacements.length > 0 ? keyClass.hallucination.replacements : [`(remove ${keyClass.hallucination.key})`]) : [];
  return rankForPlatforms(suggestions, row.fileKind, service.catalog, row.platforms);
}

interface Figures {
  readonly rows: number;
  readonly top1: number;
  readonly top3: number;
}

function measure(rows: readonly DevSetRow[]): Figures {
  let top1 = 0;
  let top3 = 0;
  for (const row of rows) {
    const answer = answerFor(row);
    if (row.expected.includes(answer[0] ?? '')) top1++;
    if (answer.slice(0, 3).some((key) => row.expected.includes(key))) top3++;
  }
  return { rows: rows.length, top1: top1 / rows.length, top3: top3 / rows.length };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

describe('suggestReplacements', () => {
  const devSet = readDevSet();
  const invented = devSet.filter((row) => row.expected.length > 0);
  const unrelated = devSet.filter((row) => row.expected.length === 0);

  it('has a development set of at least 150 invented keys and about 20 unrelated ones', () => {
    assert.ok(invented.length >= 150, `${invented.length} invented keys`);
    assert.ok(unrelated.length >= 20, `${unrelated.length} unrelated keys`);
  });

  it('finds the real key first for at least 90% of the invented keys (figures in docs/invented-keys.md)', () => {
    const overall = measure(invented);
    const bySource = [...new Set(invented.map((row) => row.source))].map((source) => {
      const figures = measure(invented.filter((row) => row.source === source));
      return `${source}: ${figures.rows} keys, top-1 ${percent(figures.top1)}, top-3 ${percent(figures.top3)}`;
    });
    // Printed so that a change to the engine shows its figures; docs/invented-keys.md records the last ones.
    console.log(`      ${overall.rows} invented keys: top-1 ${percent(overall.top1)}, top-3 ${percent(overall.top3)}\n      ${bySource.join('\n      ')}`);
    assert.ok(overall.top1 >= 0.9, `top-1 ${percent(overall.top1)}`);
    assert.ok(overall.top3 >= overall.top1);
  });

  it('gives no suggestion for a key unrelated to any real one', () => {
    const answered = unrelated.map((row) => [row.key, answerFor(row)] as const).filter(([, answer]) => answer.length > 0);
    assert.deepEqual(answered, []);
  });

  it('finds the keys of the issue: a shifted namespace, a capability name, a joined name', () => {
    for (const [key, expected] of [
      ['com.apple.developer.multicast', 'com.apple.developer.networking.multicast'],
      ['com.apple.developer.notification-filtering', 'com.apple.developer.usernotifications.filtering'],
      ['com.apple.developer.sign-in-with-apple', 'com.apple.developer.applesignin'],
      ['com.apple.developer.signinwithapple', 'com.apple.developer.applesignin'],
    ] as const) {
      assert.equal(suggestReplacements(key, 'entitlements', service.catalog)[0], expected, key);
    }
  });

  it('keeps a plain typo first and offers no absurd neighbour', () => {
    assert.deepEqual(suggestReplacements('com.apple.security.app-sandbx', 'entitlements', service.catalog), ['com.apple.security.app-sandbox']);
    assert.deepEqual(suggestReplacements('com.apple.developer.foo-bar', 'entitlements', service.catalog), []);
  });

  it("puts the target's form of a key first: iOS and macOS spell push differently", () => {
    const key = 'com.apple.security.aps-environment';
    assert.equal(suggestReplacements(key, 'entitlements', service.catalog, ['iOS'])[0], 'aps-environment');
    assert.equal(suggestReplacements(key, 'entitlements', service.catalog, ['macOS'])[0], 'com.apple.developer.aps-environment');
  });

  it('searches only purpose strings when asked to, weighing their subject', () => {
    assert.equal(suggestReplacements('NSPhotosUsageDescription', 'infoPlist', service.catalog, [], 'usageDescriptions')[0], 'NSPhotoLibraryUsageDescription');
    assert.deepEqual(suggestReplacements('NSScreenCaptureUsageDescription', 'infoPlist', service.catalog, [], 'usageDescriptions'), []);
  });

  it('finds a slip in an Apple prefix, the rest as written', () => {
    assert.deepEqual(service.catalog.replacements.prefixNearMisses('CBBundleVersion'), ['CFBundleVersion']);
    assert.deepEqual(service.catalog.replacements.prefixNearMisses('FCBundleIdentifier'), ['CFBundleIdentifier']);
    assert.deepEqual(service.catalog.replacements.prefixNearMisses('XYBundleVersion'), []);
    assert.deepEqual(service.catalog.replacements.prefixNearMisses('CFBundleVersion'), []);
  });
});
