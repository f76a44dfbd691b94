import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compareWithJudgements, findingText, readJudgements } from './judgements';

describe('corpus judgements', () => {
  const finding = (file: string, text: string) => ({ file, code: 'unknown-key', text });

  it('compares findings with the judged rows as multisets, both ways', () => {
    const judged = [finding('apps/a', 'K'), finding('apps/a', 'K'), finding('apps/b', 'L')];
    assert.deepEqual(compareWithJudgements([finding('apps/a', 'K'), finding('apps/a', 'K'), finding('apps/b', 'L')], judged), { unjudged: [], gone: [] });
    assert.deepEqual(compareWithJudgements([finding('apps/a', 'K')], judged), { unjudged: [], gone: ['apps/a\tunknown-key\tK', 'apps/b\tunknown-key\tL'] });
    assert.deepEqual(compareWithJudgements([...judged, finding('apps/a', 'K')], judged), { unjudged: ['apps/a\tunknown-key\tK'], gone: [] });
  });

  it('names a finding on a value by its entry\'s key, and a finding on a key by the key', () => {
    const text = '<dict>\n\t<key>A</key>\n\t<string></string>\n\t<key>B</key>\n\t<string/>\n</dict>';
    const key = text.indexOf('A</key>');
    assert.equal(findingText(text, key, key + 1), 'A');
    const value = text.indexOf('<string/>');
    assert.equal(findingText(text, value, value + 9), 'B = <string/>');
  });

  it('rejects a row without its reason', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'judgements-')), 'rows.tsv');
    writeFileSync(file, 'file\tcode\ttext\treason\n# a comment\napps/a\tunknown-key\tK\tmisspelt\n');
    assert.deepEqual(readJudgements(file), [{ file: 'apps/a', code: 'unknown-key', text: 'K', reason: 'misspelt' }]);
    writeFileSync(file, 'file\tcode\ttext\treason\napps/a\tunknown-key\tK\t\n');
    assert.throws(() => readJudgements(file), /rows\.tsv:2: expected file, code, text and a reason/);
  });
});
