/**
 * Fingerprints identify a finding across runs without its line or column, so that editing other parts of a file
 * does not resurface old findings: a hash of the file's path relative to a base folder, the code, the covered text
 * and its occurrence among equal findings in the file. The SARIF output, the JSON output and baselines share them.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { FileReport, Finding } from './report';

/** The key under which SARIF results carry our fingerprint (`primaryLocationLineHash` is GitHub's own). */
export const SARIF_FINGERPRINT_KEY = 'plistSentinel/v1';

/** The file's path relative to `base`, `/`-separated, with its slice when it has one. */
export function relativeFilePath(file: FileReport, base: string): string {
  const relative = path.relative(base, path.resolve(file.path)).split(path.sep).join('/');
  return file.architecture === undefined ? relative : `${relative} (${file.architecture})`;
}

/** The fingerprint of `finding` in `file`, with paths relative to `base` (an absolute folder). */
export function fingerprintOf(file: FileReport, finding: Finding, base: string): string {
  const parts = [relativeFilePath(file, base), String(finding.diagnostic.code), finding.coveredText, String(finding.occurrence)];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
