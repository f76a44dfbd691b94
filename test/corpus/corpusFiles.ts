/**
 * The apps corpus (test/corpus/apps) as the tests read it: each file with its manifest kind and platform guess, the
 * guess as a target, and value trees normalised for comparison. One place for the regression, formatting,
 * quick-fix and fuzz tests.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readPlatform } from '../../shared/src/settings';
import type { TargetInfo } from '../../shared/src/target';

export const CORPUS = path.join(__dirname, 'apps');

/** One corpus file, with the kind and platform guess of its manifest line. */
export interface CorpusFile {
  readonly file: string;
  readonly kind: 'entitlements' | 'infoPlist';
  readonly platformGuess: string;
  readonly text: string;
}

/** The corpus files, in manifest order. */
export function loadCorpusFiles(): CorpusFile[] {
  const lines = readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file = '', , , , kind = '', platformGuess = ''] = line.split('\t');
    return { file, kind: kind === 'entitlements' ? 'entitlements' : 'infoPlist', platformGuess, text: readFileSync(path.join(CORPUS, 'files', file), 'utf8') };
  });
}

/** The manifest's platform guess as a target (several platforms for a multi-platform target); only a guess. */
export function targetOf(platformGuess: string): TargetInfo {
  const platforms = platformGuess.split(/[,/ ]+/).map(readPlatform).filter((platform) => platform !== undefined);
  return { platforms, productType: undefined, platformSource: 'guess', reasons: [`manifest platform ${platformGuess}`] };
}

/** Dates and data compared as text, objects without prototype differences. */
export function normalizeValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeValue(item)]));
  return value;
}
