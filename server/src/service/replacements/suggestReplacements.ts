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
import { editDistance, EditDistanceScratch } from '../editDistance';
import { isAvailableOn } from '../platforms';
import { singular, splitJoinedWord, wordsOf } from './words';

/** The most suggestions a key gets. */
export const MAX_SUGGESTIONS = 3;

/**
 * Which keys to search: every real key of the file kind, only its purpose strings, or the known inventions (whose
 * near misses, `com.apple.developer.in-app-purchases`, deserve the invention's advice).
 */
export type CandidateSet = 'all' | 'usageDescriptions' | 'inventions';

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
 * `keys` with those documented for `platforms` first, then those usable there (a Mac Catalyst key on iOS), each
 * group in its own order: a key's iOS and macOS forms (`aps-environment`, `com.apple.developer.aps-environment`)
 * score alike, and only the target tells them apart.
 */
export function rankForPlatforms(keys: readonly string[], fileKind: FileKind, catalog: CatalogIndex, platforms: readonly Platform[]): string[] {
  if (platforms.length === 0 || keys.length < 2) return [...keys];
  const tierOf = (key: string): number => {
    const keyPlatforms = catalog.entryFor(fileKind, key)?.platforms ?? [];
    if (keyPlatforms.length === 0 || keyPlatforms.some((platform) => platforms.includes(platform))) return 0;
    return isAvailableOn(keyPlatforms, platforms) ? 1 : 2;
  };
  return keys
    .map((key, position) => ({ key, position, tier: tierOf(key) }))
    .sort((a, b) => a.tier - b.tier || a.position - b.position)
    .map(({ key }) => key);
}

export interface ScoredCandidate {
  readonly key: string;
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

/** One way of naming a real key: the key itself, or one of its other names, as words with their weights. */
interface Form {
  readonly words: readonly string[];
  readonly weights: readonly number[];
  readonly total: number;
}

/** What a candidate is named by: a catalog entry, or a known invention (which has its key alone). */
type Named = Pick<CatalogEntry, 'key'> & Partial<Pick<CatalogEntry, 'capability' | 'xcodeName' | 'aliases'>>;

interface Candidate {
  readonly key: string;
  readonly lowerKey: string;
  readonly forms: readonly Form[];
  /** How many corpus apps use the key: breaks ties towards the key people write. */
  readonly usage: number;
}

/** The keys of one set as words, with each word's weight. */
interface WordIndex {
  readonly candidates: readonly Candidate[];
  /** Every word of every form, to compare a key's words with once per key rather than once per candidate. */
  readonly vocabulary: ReadonlySet<string>;
  readonly weights: ReadonlyMap<string, number>;
  /** The weight of a word no real key uses: the rarest there is. */
  readonly unknownWeight: number;
  /** For each word, the candidates with a form that holds it (positions in `candidates`). */
  readonly candidatesWith: ReadonlyMap<string, readonly number[]>;
  /**
   * The vocabulary words near a key's word, kept per word: most keys share their namespace's words, and comparing
   * a word with the whole vocabulary was most of a search.
   */
  readonly nearWordsOf: Map<string, ReadonlyMap<string, number>>;
}

/** Words whose nearby vocabulary is kept (see WordIndex.nearWordsOf). */
const KEPT_NEAR_WORDS = 2000;

/** A key's words that are all digits say little (`siri2` is still Siri). */
const DIGITS_WEIGHT = 0.5;
/**
 * Words of the first three segments of a reverse-DNS key (`com.apple.developer`) are its namespace, which agents
 * shift freely: they count for this share of their weight.
 */
const NAMESPACE_SHARE = 0.3;
const NAMESPACE_SEGMENTS = 3;
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
      const searched: readonly Named[] =
        candidates === 'all' ? entries : candidates === 'usageDescriptions' ? entries.filter((entry) => entry.isUsageDescription === true) : catalog.hallucinations;
      words = wordIndexOf(searched, catalog.usageCounts);
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

function wordIndexOf(entries: readonly Named[], usageCounts: Readonly<Record<string, number>>): WordIndex {
  const rawForms = entries.map((entry) => formsOf(entry, entries));
  // A word's weight is its inverse document frequency over the keys: `com`, `apple` and `developer` weigh almost
  // nothing, `multicast` a lot.
  const documentCounts = new Map<string, number>();
  for (const forms of rawForms) {
    for (const word of new Set(forms.flatMap((form) => form.words))) documentCounts.set(word, (documentCounts.get(word) ?? 0) + 1);
  }
  const weights = new Map<string, number>();
  for (const [word, count] of documentCounts) weights.set(word, Math.log((entries.length + 1) / count));
  const index: WordIndex = {
    candidates: [],
    vocabulary: new Set(documentCounts.keys()),
    weights,
    unknownWeight: Math.log(entries.length + 1),
    candidatesWith: new Map(),
    nearWordsOf: new Map(),
  };
  const candidates = entries.map((entry, position): Candidate => ({
    key: entry.key,
    lowerKey: entry.key.toLowerCase(),
    forms: (rawForms[position] as KeyWords[]).map((words) => weighedForm(words, index)),
    usage: usageCounts[entry.key] ?? 0,
  }));
  const candidatesWith = new Map<string, number[]>();
  candidates.forEach((candidate, position) => {
    for (const word of new Set(candidate.forms.flatMap((form) => form.words))) {
      let holders = candidatesWith.get(word);
      if (holders === undefined) candidatesWith.set(word, (holders = []));
      holders.push(position);
    }
  });
  return { ...index, candidates, candidatesWith };
}

/** A key's or name's words, each marked when it belongs to the key's namespace. */
interface KeyWords {
  readonly words: readonly string[];
  readonly isNamespace: readonly boolean[];
}

/**
 * The ways of naming `entry`: its key, each other name alone, and each other name in place of the key's last
 * segment (`com.apple.security.personal-information` + "Contacts"), as an invented key keeps the real one's
 * namespace and names the feature.
 */
function formsOf(entry: Named, entries: readonly Named[]): KeyWords[] {
  const keyWords = keyWordsOf(entry.key);
  const lastDot = entry.key.lastIndexOf('.');
  const parent = lastDot < 0 ? undefined : keyWordsOf(entry.key.slice(0, lastDot), entry.key.split('.').length);
  const forms = [keyWords];
  for (const name of namesOf(entry, entries)) {
    const nameWords = nameWordsOf(name);
    forms.push(nameWords);
    if (parent !== undefined) forms.push({ words: [...parent.words, ...nameWords.words], isNamespace: [...parent.isNamespace, ...nameWords.isNamespace] });
  }
  return forms;
}

/** The words of a key, the namespace's marked (`segmentCount`: of the whole key, when this is its start). */
function keyWordsOf(key: string, segmentCount = key.split('.').length): KeyWords {
  const words: string[] = [];
  const isNamespace: boolean[] = [];
  const segments = key.split('.');
  const hasNamespace = segmentCount > NAMESPACE_SEGMENTS;
  segments.forEach((segment, index) => {
    for (const word of wordsOf(segment)) {
      words.push(word);
      isNamespace.push(hasNamespace && index < NAMESPACE_SEGMENTS);
    }
  });
  return { words, isNamespace };
}

/**
 * The words of a name ("CarPlay EV Charging App", "Access Wi-Fi Information"): brand names written in camelCase
 * stay whole (`carplay`, `healthkit`), as keys write them, and so do words with a hyphen inside (`wifi`).
 */
function nameWordsOf(name: string): KeyWords {
  const words = name
    .replace(/([A-Za-z])-([A-Za-z])/g, '$1$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => singular(word.toLowerCase()));
  return { words, isNamespace: words.map(() => false) };
}

function weighedForm({ words, isNamespace }: KeyWords, index: WordIndex): Form {
  const byWord = new Map<string, number>();
  words.forEach((word, position) => {
    const weight = wordWeight(word, index) * (isNamespace[position] === true ? NAMESPACE_SHARE : 1);
    byWord.set(word, Math.max(byWord.get(word) ?? 0, weight));
  });
  const weights = [...byWord.values()];
  return { words: [...byWord.keys()], weights, total: weights.reduce((sum, weight) => sum + weight, 0) };
}

function wordWeight(word: string, index: WordIndex): number {
  return /^[0-9]+$/.test(word) ? DIGITS_WEIGHT : (index.weights.get(word) ?? index.unknownWeight);
}

/** The key's other names: its capability in Xcode, its Xcode display name, the catalog's aliases. */
function namesOf(entry: Named, entries: readonly Named[]): string[] {
  // A capability that covers many keys ("App Sandbox", "HealthKit (Background Delivery option)") names a group,
  // not the key; two keys sharing one are a key's iOS and macOS forms ("Push Notifications"), which platform
  // ranking tells apart. Xcode's notes in parentheses name no key.
  const capability = baseName(entry.capability);
  const isShared = capability !== undefined && entries.filter((other) => baseName(other.capability) === capability).length > 2;
  return [isShared ? undefined : capability, baseName(entry.xcodeName), ...(entry.aliases ?? [])].filter((name): name is string => name !== undefined);
}

function baseName(name: string | undefined): string | undefined {
  return name?.replace(/\([^)]*\)/g, ' ').trim();
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
  const lowerKey = key.toLowerCase();
  const query = queryOf(key, index);
  // Typos within a word are found word by word (wordSimilarity); the whole key is compared for slips across words
  // (`appsandbox`), tightly, as two letters can turn one capability into another (`gamekit`, `homekit`).
  const typoBound = key.length < 30 ? 1 : 2;
  const results: Array<ScoredCandidate & { readonly usage: number }> = [];
  const worthScoring = candidatesWorthScoring(query, index);
  const scratch = new EditDistanceScratch();
  index.candidates.forEach((candidate, position) => {
    let best = 0;
    if (candidate.lowerKey === lowerKey) best = 1;
    else {
      const distance = editDistance(lowerKey, candidate.lowerKey, typoBound, scratch);
      if (distance <= typoBound) best = 0.98 - 0.04 * distance;
    }
    if (best < 1 && worthScoring.has(position)) for (const form of candidate.forms) best = Math.max(best, formScore(form, query));
    if (best >= MIN_SCORE) results.push({ key: candidate.key, score: best, usage: candidate.usage });
  });
  results.sort((a, b) => b.score - a.score || b.usage - a.usage || a.key.length - b.key.length);
  return results.slice(0, KEPT_CANDIDATES).map(({ key: found, score }) => ({ key: found, score }));
}

/**
 * The candidates that can cover MIN_KEY_COVERAGE of the query: those with a word near one of its words, leaving
 * out its lightest words that together weigh less than that share (the namespace, which every candidate shares),
 * since a candidate that matches only those cannot reach it.
 */
function candidatesWorthScoring(query: Query, index: WordIndex): ReadonlySet<number> {
  const worth = new Set<number>();
  if (query.total === 0) return worth;
  const lightestFirst = query.weights.map((weight, position) => ({ weight, position })).sort((a, b) => a.weight - b.weight);
  let ignored = 0;
  for (const { weight, position } of lightestFirst) {
    ignored += weight;
    if (ignored < MIN_KEY_COVERAGE * query.total) continue;
    for (const word of (query.nearWords[position] as ReadonlyMap<string, number>).keys()) {
      for (const holder of index.candidatesWith.get(word) ?? []) worth.add(holder);
    }
  }
  return worth;
}

/** The key's words with their weights, and for each the vocabulary words near it (see wordSimilarity). */
interface Query {
  readonly weights: readonly number[];
  readonly total: number;
  readonly nearWords: ReadonlyArray<ReadonlyMap<string, number>>;
}

function queryOf(key: string, index: WordIndex): Query {
  const { words: rawWords, isNamespace } = keyWordsOf(key);
  // A joined word the catalog does not know is read as the words it is made of (`signinwithapple`).
  const words: string[] = [];
  const weights: number[] = [];
  rawWords.forEach((word, position) => {
    const share = isNamespace[position] === true ? NAMESPACE_SHARE : 1;
    for (const piece of splitJoinedWord(word, index.vocabulary) ?? [word]) {
      if (words.includes(piece)) continue;
      words.push(piece);
      weights.push(wordWeight(piece, index) * share);
    }
  });
  // Copies: the joined words below are added to this query's maps only.
  const nearWords = words.map((keyWord) => new Map(nearVocabularyOf(keyWord, index)));
  // Words the key splits that a real key joins (`device-check` for `devicecheck`, `health-kit`): the joined word
  // covers each of them.
  for (let first = 0; first < words.length; first++) {
    let joined = words[first] as string;
    for (let last = first + 1; last < Math.min(words.length, first + 3); last++) {
      joined += words[last] as string;
      if (!index.vocabulary.has(joined)) continue;
      for (let position = first; position <= last; position++) (nearWords[position] as Map<string, number>).set(joined, 1);
    }
  }
  return { weights, total: weights.reduce((sum, weight) => sum + weight, 0), nearWords };
}

/**
 * How well a form says what the key says: the key's word weight it covers, less a quarter of the share of its own
 * weight the key leaves uncovered (a dropped or added namespace segment costs little; a different subject a lot).
 */
function formScore(form: Form, query: Query): number {
  let covered = 0;
  for (let position = 0; position < query.nearWords.length; position++) {
    const near = query.nearWords[position] as ReadonlyMap<string, number>;
    let similarity = 0;
    for (const word of form.words) similarity = Math.max(similarity, near.get(word) ?? 0);
    covered += similarity * (query.weights[position] as number);
  }
  const keyCoverage = covered / query.total;
  if (keyCoverage < MIN_KEY_COVERAGE) return 0;
  let formCovered = 0;
  form.words.forEach((word, position) => {
    let similarity = 0;
    for (const near of query.nearWords) similarity = Math.max(similarity, near.get(word) ?? 0);
    formCovered += similarity * (form.weights[position] as number);
  });
  const formCoverage = form.total === 0 ? 1 : formCovered / form.total;
  return keyCoverage - 0.25 * (1 - formCoverage);
}

/** The vocabulary words near `keyWord`, with their similarity (see WordIndex.nearWordsOf). */
function nearVocabularyOf(keyWord: string, index: WordIndex): ReadonlyMap<string, number> {
  const kept = index.nearWordsOf.get(keyWord);
  if (kept !== undefined) return kept;
  const near = new Map<string, number>();
  for (const word of index.vocabulary) {
    const similarity = wordSimilarity(keyWord, word);
    if (similarity > 0) near.set(word, similarity);
  }
  if (index.nearWordsOf.size >= KEPT_NEAR_WORDS) index.nearWordsOf.clear();
  // Flattened, so the kept word holds no slice of a document (see ownCopy in keyClassification.ts).
  index.nearWordsOf.set(` ${keyWord}`.slice(1), near);
  return near;
}
