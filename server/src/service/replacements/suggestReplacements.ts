/**
 * The real keys an invented key most likely meant. Agents and people invent keys by shifting a real key's namespace
 * (`com.apple.developer.multicast` for `...networking.multicast`), by naming the capability
 * (`com.apple.developer.sign-in-with-apple` for `...applesignin`), by joining or splitting words, or by a typo. So
 * keys are compared as weighted words (see words.ts) against each real key and its other names (Xcode's capability
 * name, the catalog's aliases, Xcode's display name), a word weighing more the fewer keys use it, and a key gets
 * only candidates that say nearly all it says: an unrelated key gets no suggestion rather than a wrong one.
 */
import type { CatalogEntry, FileKind, Platform } from '../../../../shared/src/catalog';
import { namespacePrefixOf, type CatalogIndex } from '../catalogIndex';
import { editDistance } from '../editDistance';
import { isAvailableOn } from '../platforms';
import { splitJoinedWord, wordsOf } from './words';

/** The most suggestions a key gets. */
export const MAX_SUGGESTIONS = 3;

/** Which real keys to search: every key of the file kind, or only its purpose strings. */
export type CandidateSet = 'all' | 'usageDescriptions';

/**
 * Up to three real keys of `fileKind` that `key` probably meant, best first; none when nothing is near enough.
 * With `platforms`, keys documented for them come first (see rankForPlatforms).
 */
export function suggestReplacements(
  key: string,
  fileKind: FileKind,
  catalog: CatalogIndex,
  platforms: readonly Platform[] = [],
  candidates: CandidateSet = 'all',
): string[] {
  const keys = catalog.replacements.scoredCandidates(key, fileKind, candidates).map((candidate) => candidate.key);
  return rankForPlatforms(keys, fileKind, catalog, platforms).slice(0, MAX_SUGGESTIONS);
}

/**
 * `keys` with those documented for `platforms` first, each group in its own order: a key's iOS and macOS forms
 * (`aps-environment`, `com.apple.developer.aps-environment`) score alike, and only the target tells them apart.
 */
export function rankForPlatforms(keys: readonly string[], fileKind: FileKind, catalog: CatalogIndex, platforms: readonly Platform[]): string[] {
  if (platforms.length === 0 || keys.length < 2) return [...keys];
  const fits = (key: string) => {
    const entry = catalog.entryFor(fileKind, key);
    return entry === undefined || isAvailableOn(entry.platforms, platforms);
  };
  return [...keys.filter(fits), ...keys.filter((key) => !fits(key))];
}

export interface ScoredCandidate {
  readonly key: string;
  readonly entry: CatalogEntry;
  /** 0 to 1; 1 for the same key ignoring case. */
  readonly score: number;
}

/** Per catalog (per language service): the real keys as words, and the answers given so far. */
export interface ReplacementIndex {
  /** Candidates for `key` above the cut-off, best first (at most a few more than three, for platform ranking). */
  scoredCandidates(key: string, fileKind: FileKind, candidates: CandidateSet): readonly ScoredCandidate[];
  /** True when the answer for these arguments is kept, so asking costs no search. */
  isKept(key: string, fileKind: FileKind, candidates: CandidateSet): boolean;
  /**
   * Top-level Info.plist keys that `key` is with one slip in Apple's prefix (`CBBundleVersion` for
   * `CFBundleVersion`): the rest as written, the prefix one edit away.
   */
  prefixNearMisses(key: string): string[];
}

/** One way of naming a real key: the key itself, or one of its other names. */
interface Form {
  readonly words: readonly string[];
}

interface Candidate {
  readonly key: string;
  readonly lowerKey: string;
  readonly entry: CatalogEntry;
  readonly forms: readonly Form[];
  /** How many corpus apps use the key: breaks ties towards the key people write. */
  readonly usage: number;
}

/** The keys of one file kind as words, with each word's weight. */
interface WordIndex {
  readonly candidates: readonly Candidate[];
  /** Every word of every form, to compare a key's words with once per key rather than once per candidate. */
  readonly vocabulary: ReadonlySet<string>;
  readonly weights: ReadonlyMap<string, number>;
  /** The weight of a word no real key uses: the rarest there is. */
  readonly unknownWeight: number;
}

/** A key's words that are all digits say little (`siri2` is still Siri). */
const DIGITS_WEIGHT = 0.5;

/**
 * The share of a key's word weight a candidate must cover. Below it, the candidate shares a word or two with the
 * key but not what the key is about (`com.apple.developer.foo-bar` shares only the namespace with HomeKit).
 */
const MIN_KEY_COVERAGE = 0.7;
/** The score a candidate needs: its coverage of the key, less a little for what it says that the key does not. */
const MIN_SCORE = 0.62;
/** Candidates kept per answer: three, and a few more for platform ranking. */
const KEPT_CANDIDATES = 6;
/** Answers kept per service: the same unknown keys come back on every keystroke. */
const KEPT_ANSWERS = 500;

/** Builds the index over a catalog; the words are made when first asked for. */
export function createReplacementIndex(catalogIndex: Pick<CatalogIndex, 'catalog'>): ReplacementIndex {
  const wordIndexes = new Map<string, WordIndex>();
  const kept = new Map<string, readonly ScoredCandidate[]>();
  // Words weigh by how few keys of the set searched use them: among purpose strings, `usage` and `description`
  // say nothing and the subject (`camera`) everything.
  const wordsFor = (fileKind: FileKind, candidates: CandidateSet): WordIndex => {
    const setKey = `${fileKind} ${candidates}`;
    let words = wordIndexes.get(setKey);
    if (words === undefined) {
      const catalog = catalogIndex.catalog;
      const entries = fileKind === 'entitlements' ? catalog.entitlements : catalog.infoPlist;
      words = wordIndexOf(candidates === 'all' ? entries : entries.filter((entry) => entry.isUsageDescription === true), catalog.usageCounts);
      wordIndexes.set(setKey, words);
    }
    return words;
  };
  // Sliced, the joined string is copied flat: a rope would keep the key, a slice of the document, and with it the
  // whole text alive (see ownCopy in keyClassification.ts).
  const keptKey = (key: string, fileKind: FileKind, candidates: CandidateSet) => ` ${fileKind} ${candidates} ${key}`.slice(1);
  let keysByRest: ReadonlyMap<string, readonly PrefixedKey[]> | undefined;
  return {
    prefixNearMisses(key) {
      keysByRest ??= keysByRestOf(catalogIndex.catalog.infoPlist);
      const found: string[] = [];
      for (let length = 1; length <= MAX_PREFIX_LENGTH + 1 && length < key.length; length++) {
        for (const real of keysByRest.get(key.slice(length)) ?? []) {
          if (real.key !== key && editDistance(key.slice(0, length), real.prefix, 1) <= 1 && !found.includes(real.key)) found.push(real.key);
        }
      }
      return found.slice(0, MAX_SUGGESTIONS);
    },
    isKept: (key, fileKind, candidates) => kept.has(keptKey(key, fileKind, candidates)),
    scoredCandidates(key, fileKind, candidates) {
      const memoKey = keptKey(key, fileKind, candidates);
      const found = kept.get(memoKey);
      if (found !== undefined) return found;
      const answer = scoreCandidates(key, wordsFor(fileKind, candidates));
      if (kept.size >= KEPT_ANSWERS) kept.delete(kept.keys().next().value as string);
      kept.set(memoKey, answer);
      return answer;
    },
  };
}

/** Apple's prefixes are two to four capitals (`NS`, `UI`, `CLK`, `PUIC`). */
const MAX_PREFIX_LENGTH = 4;
/** A shorter rest (`Modes`, `Name`) is too common to say the key was meant. */
const MIN_REST_LENGTH = 8;

interface PrefixedKey {
  readonly key: string;
  readonly prefix: string;
}

/** Real keys with an Apple prefix, by what follows it (`CFBundleVersion` under `BundleVersion`). */
function keysByRestOf(entries: readonly CatalogEntry[]): ReadonlyMap<string, readonly PrefixedKey[]> {
  const byRest = new Map<string, PrefixedKey[]>();
  for (const { key } of entries) {
    const prefix = namespacePrefixOf(key);
    if (prefix === undefined || key.length - prefix.length < MIN_REST_LENGTH) continue;
    const rest = key.slice(prefix.length);
    let keys = byRest.get(rest);
    if (keys === undefined) byRest.set(rest, (keys = []));
    keys.push({ key, prefix });
  }
  return byRest;
}

function wordIndexOf(entries: readonly CatalogEntry[], usageCounts: Readonly<Record<string, number>>): WordIndex {
  const rawForms = entries.map((entry) => namesOf(entry, entries).map((name) => wordsOf(name)));
  const standalone = new Set<string>();
  for (const forms of rawForms) for (const words of forms) for (const word of words) standalone.add(word);
  const splitForm = (words: readonly string[]): string[] => words.flatMap((word) => splitJoinedWord(word, standalone) ?? [word]);
  const candidates: Candidate[] = entries.map((entry, index) => ({
    key: entry.key,
    lowerKey: entry.key.toLowerCase(),
    entry,
    forms: (rawForms[index] as string[][]).map((words) => ({ words: splitForm(words) })),
    usage: usageCounts[entry.key] ?? 0,
  }));
  // A word's weight is its inverse document frequency over the keys: `com`, `apple` and `developer` weigh almost
  // nothing, `multicast` a lot.
  const documentCounts = new Map<string, number>();
  for (const candidate of candidates) {
    for (const word of new Set(candidate.forms.flatMap((form) => form.words))) documentCounts.set(word, (documentCounts.get(word) ?? 0) + 1);
  }
  const weights = new Map<string, number>();
  for (const [word, count] of documentCounts) weights.set(word, Math.log((candidates.length + 1) / count));
  const vocabulary = new Set(documentCounts.keys());
  for (const word of standalone) vocabulary.add(word);
  return { candidates, vocabulary, weights, unknownWeight: Math.log(candidates.length + 1) };
}

/** The key and its other names, in the catalog's order. */
function namesOf(entry: CatalogEntry, entries: readonly CatalogEntry[]): string[] {
  const names = [entry.key];
  // A capability that covers many keys ("App Sandbox", "Hardened Runtime") names a group, not the key; two keys
  // sharing one are a key's iOS and macOS forms ("Push Notifications"), which platform ranking tells apart.
  const capability = entry.capability !== undefined && entries.filter((other) => other.capability === entry.capability).length <= 2 ? entry.capability : undefined;
  // Xcode's capability names carry notes in parentheses ("Hotspot Helper (managed)"); the note names no key.
  for (const name of [capability, entry.xcodeName, ...(entry.aliases ?? [])]) {
    if (name !== undefined) names.push(name.replace(/\([^)]*\)/g, ' '));
  }
  return names;
}

/** How alike two words are, 0 to 1: the same word, a typo of it, or one a shortening of the other. */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 4 && (a.startsWith(b) || b.startsWith(a))) return 0.7;
  if (shorter >= 4) {
    const bound = shorter >= 8 ? 2 : 1;
    const distance = editDistance(a, b, bound);
    if (distance <= bound) return distance === 1 ? 0.85 : 0.7;
  }
  return 0;
}

function scoreCandidates(key: string, index: WordIndex): readonly ScoredCandidate[] {
  const { candidates } = index;
  const lowerKey = key.toLowerCase();
  const keyWords = [...new Set(wordsOf(key).flatMap((word) => splitJoinedWord(word, index.vocabulary) ?? [word]))];
  const weightOf = (word: string) => (/^[0-9]+$/.test(word) ? DIGITS_WEIGHT : (index.weights.get(word) ?? index.unknownWeight));
  const keyWeights = keyWords.map(weightOf);
  const keyTotal = keyWeights.reduce((sum, weight) => sum + weight, 0);
  // Each key word against the vocabulary once: the similarity of every vocabulary word near any of the key's words.
  const nearWords = keyWords.map((keyWord) => {
    const near = new Map<string, number>();
    for (const word of index.vocabulary) {
      const similarity = wordSimilarity(keyWord, word);
      if (similarity > 0) near.set(word, similarity);
    }
    return near;
  });
  const typoBound = Math.min(3, Math.max(1, Math.floor(key.length / 10)));
  const results: ScoredCandidate[] = [];
  for (const candidate of candidates) {
    let best = 0;
    if (candidate.lowerKey === lowerKey) best = 1;
    else {
      const distance = editDistance(lowerKey, candidate.lowerKey, typoBound);
      if (distance <= typoBound) best = 0.98 - 0.04 * distance;
    }
    if (best < 0.9 && keyTotal > 0) for (const form of candidate.forms) best = Math.max(best, formScore(form, keyWeights, keyTotal, nearWords, weightOf));
    if (best >= MIN_SCORE) results.push({ key: candidate.key, entry: candidate.entry, score: best });
  }
  results.sort((a, b) => b.score - a.score || usageOf(b, candidates) - usageOf(a, candidates) || a.key.length - b.key.length);
  return results.slice(0, KEPT_CANDIDATES);
}

function usageOf(scored: ScoredCandidate, candidates: readonly Candidate[]): number {
  return candidates.find((candidate) => candidate.key === scored.key)?.usage ?? 0;
}

/**
 * How well a form says what the key says: the key's word weight it covers, less a quarter of the share of its own
 * weight the key leaves uncovered (a dropped or added namespace segment costs little; a different subject a lot).
 */
function formScore(
  form: Form,
  keyWeights: readonly number[],
  keyTotal: number,
  nearWords: ReadonlyArray<ReadonlyMap<string, number>>,
  weightOf: (word: string) => number,
): number {
  let covered = 0;
  for (let index = 0; index < nearWords.length; index++) {
    const near = nearWords[index] as ReadonlyMap<string, number>;
    let similarity = 0;
    for (const word of form.words) similarity = Math.max(similarity, near.get(word) ?? 0);
    covered += similarity * (keyWeights[index] as number);
  }
  const keyCoverage = covered / keyTotal;
  if (keyCoverage < MIN_KEY_COVERAGE) return 0;
  let formTotal = 0;
  let formCovered = 0;
  for (const word of new Set(form.words)) {
    const weight = weightOf(word);
    formTotal += weight;
    let similarity = 0;
    for (const near of nearWords) similarity = Math.max(similarity, near.get(word) ?? 0);
    formCovered += similarity * weight;
  }
  const formCoverage = formTotal === 0 ? 1 : formCovered / formTotal;
  return keyCoverage - 0.25 * (1 - formCoverage);
}
