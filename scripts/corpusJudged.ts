/**
 * `npm run corpus:judged`: what the corpus tests would say about the judgements, in full. Prints each finding no
 * row judges (`unjudged`, to be judged by hand) and each judged row that no longer occurs (`gone`: a fixed false
 * alarm, or a real mistake the checker lost, which is a regression). With `--prune` it removes the gone rows of
 * known-false-alarms.tsv, and only those; a lost real mistake is never removed for you.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { appsFindings, projectsFindings } from '../test/corpus/corpusFindings';
import { compareWithJudgements, judgementsOf, KNOWN_FALSE_ALARMS } from '../test/corpus/judgements';

const rowKey = (row: { file: string; code: string; text: string }): string => [row.file, row.code, row.text].join('\t');
const prunable = new Map<string, number>();
let lost = 0;
for (const [corpus, findings] of [['apps', appsFindings()], ['projects', projectsFindings()]] as const) {
  const { expected, falseAlarms } = judgementsOf(corpus);
  const { unjudged, gone } = compareWithJudgements(findings, [...expected, ...falseAlarms]);
  const expectedKeys = new Set(expected.map(rowKey));
  for (const row of unjudged) console.log(`unjudged\t${row}`);
  for (const row of gone) {
    const isLost = expectedKeys.has(row);
    console.log(`${isLost ? 'gone (a real mistake no longer reported)' : 'gone (false alarm fixed)'}\t${row}`);
    if (isLost) lost++;
    else prunable.set(row, (prunable.get(row) ?? 0) + 1);
  }
}
if (process.argv.includes('--prune') && prunable.size > 0) {
  const lines = readFileSync(KNOWN_FALSE_ALARMS, 'utf8').split('\n');
  const kept = lines.filter((line) => {
    const key = line.split('\t').slice(0, 3).join('\t');
    const count = prunable.get(key) ?? 0;
    if (count === 0) return true;
    prunable.set(key, count - 1);
    return false;
  });
  writeFileSync(KNOWN_FALSE_ALARMS, kept.join('\n'));
  console.log(`removed ${lines.length - kept.length} fixed false alarm(s) from known-false-alarms.tsv`);
}
process.exitCode = lost > 0 ? 1 : 0;
