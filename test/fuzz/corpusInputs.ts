/**
 * Fuzz inputs from the real-world corpus (test/corpus/apps): input `index` of seed `seed` is always the same mutation of the same files,
 * whatever ran before it, so one failing input is reproduced on its own.
 */
import { loadCorpusFiles } from '../corpus/corpusFiles';
import { createRandom, mutate, type Random } from './mutations';

export { CORPUS, loadCorpusFiles, type CorpusFile } from '../corpus/corpusFiles';

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
