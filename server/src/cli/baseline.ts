/**
 * Baselines let a project adopt the checker without fixing every old finding first: `--write-baseline FILE` records
 * the fingerprints of today's findings, and `--baseline FILE` leaves those out, so CI fails only on new ones. A
 * report written by `--format json` or `--format sarif` works as a baseline too.
 */
import * as path from 'node:path';
import { fingerprintOf, relativeFilePath, SARIF_FINGERPRINT_KEY } from './fingerprint';
import type { FileReport } from './report';

/** The fingerprints to leave out, and the folder the paths inside them are relative to. */
export interface Baseline {
  readonly fingerprints: ReadonlySet<string>;
  readonly base: string;
}

/** The marker of a file written by `--write-baseline`, and its format's version. */
const BASELINE_MARKER = 'plistSentinelBaseline';
const BASELINE_VERSION = 1;

/**
 * Reads a baseline from `text`, or says why it is not one. Paths in a written baseline are relative to its own
 * folder; in a JSON report to the current folder, as `--format json` writes them; in SARIF to the `--sarif-base`.
 */
export function parseBaseline(text: string, baselinePath: string, folders: { readonly cwd: string; readonly sarifBase: string }): Baseline | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isRecord(json)) return 'not a baseline, a JSON report or a SARIF log';
  if (json[BASELINE_MARKER] !== undefined) {
    if (json[BASELINE_MARKER] !== BASELINE_VERSION) return `a baseline of an unknown version (${JSON.stringify(json[BASELINE_MARKER])})`;
    const findings = Array.isArray(json.findings) ? json.findings : [];
    return { fingerprints: new Set(findings.filter(isRecord).map((finding) => finding.fingerprint).filter(isString)), base: path.dirname(path.resolve(baselinePath)) };
  }
  if (Array.isArray(json.runs)) {
    const results = json.runs.filter(isRecord).flatMap((run) => (Array.isArray(run.results) ? run.results.filter(isRecord) : []));
    const fingerprints = results.map((result) => (isRecord(result.partialFingerprints) ? result.partialFingerprints[SARIF_FINGERPRINT_KEY] : undefined)).filter(isString);
    return { fingerprints: new Set(fingerprints), base: folders.sarifBase };
  }
  if (Array.isArray(json.files)) {
    const diagnostics = json.files.filter(isRecord).flatMap((file) => (Array.isArray(file.diagnostics) ? file.diagnostics.filter(isRecord) : []));
    return { fingerprints: new Set(diagnostics.map((diagnostic) => diagnostic.fingerprint).filter(isString)), base: folders.cwd };
  }
  return 'not a baseline, a JSON report or a SARIF log';
}

/** The text of a baseline holding every finding in `files`, with paths relative to `base` (the baseline's folder). */
export function formatBaseline(files: readonly FileReport[], base: string): string {
  const findings = files.flatMap((file) =>
    file.findings.map((finding) => ({
      path: relativeFilePath(file, base),
      code: String(finding.diagnostic.code),
      text: finding.coveredText,
      fingerprint: fingerprintOf(file, finding, base),
    })),
  );
  findings.sort((left, right) => compare(left.path, right.path) || compare(left.code, right.code) || compare(left.text, right.text) || compare(left.fingerprint, right.fingerprint));
  return `${JSON.stringify({ [BASELINE_MARKER]: BASELINE_VERSION, findings }, null, 2)}\n`;
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
