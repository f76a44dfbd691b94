/**
 * The judged findings of both corpora. Every error and warning the checker reports on a corpus file is either a
 * real mistake of that project (expected-findings.tsv, with its evidence) or a false alarm of ours
 * (known-false-alarms.tsv, with its cause): a to-do list, so an entry that no longer occurs fails the test and has
 * to be removed. Both files are tab-separated: file (`apps/...` or `projects/...`), code, what the diagnostic
 * covers (findingText), and the reason; `false-silence` rows name a file the checker does not check at all.
 * known-misses.tsv lists real mistakes no rule reports yet: file, the key, and the reason.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A finding as the corpus tests compare them: the file, the code and the text it covers. */
export interface CorpusFinding {
  readonly file: string;
  readonly code: string;
  readonly text: string;
}

export interface JudgedFinding extends CorpusFinding {
  readonly reason: string;
}

export const EXPECTED_FINDINGS = path.join(__dirname, 'expected-findings.tsv');
export const KNOWN_FALSE_ALARMS = path.join(__dirname, 'known-false-alarms.tsv');
export const KNOWN_MISSES = path.join(__dirname, 'known-misses.tsv');

/**
 * What a finding is about, stable across edits to the rule's range: the covered key, or, for a finding on a value,
 * `key = value` with the key of the entry it belongs to (several empty `<string/>` values in one file are told
 * apart by their keys).
 */
export function findingText(text: string, start: number, end: number): string {
  const covered = text.slice(start, end).trim();
  if (text.slice(Math.max(0, start - 5), start) === '<key>') return covered;
  const keys = [...text.slice(0, start).matchAll(/<key>([^<]*)<\/key>/g)];
  const key = keys.at(-1)?.[1];
  return key === undefined ? covered : `${key} = ${covered.replace(/\s+/g, ' ')}`;
}

/** The code of a file the checker should check and does not recognise. */
export const FALSE_SILENCE = 'false-silence';

/** The rows of a judgement file; a row without its reason is an error, as is a malformed line. */
export function readJudgements(file: string): JudgedFinding[] {
  const rows: JudgedFinding[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '' || line.startsWith('#')) return;
    const [name = '', code = '', text = '', reason = '', ...rest] = line.split('\t');
    if (name === '' || code === '' || reason.trim() === '' || rest.length > 0) {
      throw new Error(`${path.basename(file)}:${index + 1}: expected file, code, text and a reason, tab-separated`);
    }
    rows.push({ file: name, code, text, reason });
  });
  return rows;
}

const keyOf = (finding: CorpusFinding): string => [finding.file, finding.code, finding.text].join('\t');

/**
 * What differs between the findings and the judged rows, compared as multisets: findings nobody judged, and
 * judged rows that no longer occur.
 */
export function compareWithJudgements(findings: readonly CorpusFinding[], judged: readonly CorpusFinding[]): { unjudged: string[]; gone: string[] } {
  const remaining = new Map<string, number>();
  for (const row of judged) remaining.set(keyOf(row), (remaining.get(keyOf(row)) ?? 0) + 1);
  const unjudged: string[] = [];
  for (const finding of findings) {
    const count = remaining.get(keyOf(finding)) ?? 0;
    if (count === 0) unjudged.push(keyOf(finding));
    else remaining.set(keyOf(finding), count - 1);
  }
  const gone = [...remaining].flatMap(([key, count]) => Array<string>(count).fill(key));
  return { unjudged: unjudged.sort(), gone: gone.sort() };
}

/** Both judgement files' rows for one corpus (`apps` or `projects`). */
export function judgementsOf(corpus: 'apps' | 'projects'): { expected: JudgedFinding[]; falseAlarms: JudgedFinding[] } {
  const mine = (row: JudgedFinding): boolean => row.file.startsWith(`${corpus}/`);
  return { expected: readJudgements(EXPECTED_FINDINGS).filter(mine), falseAlarms: readJudgements(KNOWN_FALSE_ALARMS).filter(mine) };
}

/** The real mistakes of one corpus that no rule reports yet. */
export function knownMissesOf(corpus: 'apps' | 'projects'): JudgedFinding[] {
  return readJudgements(KNOWN_MISSES).filter((row) => row.file.startsWith(`${corpus}/`));
}
