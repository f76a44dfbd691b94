/**
 * Fuzz inputs from ../shared/corpus: input `index` of seed `seed` is always the same mutation of the same files,
 * whatever ran before it, so one failing input is reproduced on its own.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRandom, mutate, type Random } from './mutations';

export const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

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
    return { file, kind: kind === 'entitlements' ? 'entitlements' : 'infoPlist', platformGuess, text: readFileSync(path.join(CORPUS, file), 'utf8') };
  });
}

/** The corpus files' texts, in manifest order. */
export function loadCorpusTexts(): string[] {
  return loadCorpusFiles().map((corpusFile) => corpusFile.text);
}

export interface FuzzInput {
  readonly text: string;
  readonly description: string;
  /** Random offsets for hover and completion on this input. */
  readonly random: Random;
}

/** Input `index` of the run seeded with `seed`. */
export function fuzzInput(corpus: readonly string[], seed: number, index: number): FuzzInput {
  // One generator per input, seeded from the run's seed and the index (a simple integer hash keeps them apart).
  const random = createRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  const baseIndex = random.below(corpus.length);
  const otherIndex = random.below(corpus.length);
  const { text, kinds } = mutate(corpus[baseIndex] ?? '', corpus[otherIndex] ?? '', random);
  return { text, description: `file ${baseIndex} + ${otherIndex}: ${kinds.join(', ')}`, random };
}
