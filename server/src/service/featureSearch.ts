/**
 * Finds Apple features by the words people name them with ("Live Activities", "screen-time", `ActivityKit`), for
 * the agents' lookup tool and for invented keys that name a feature, so both answer from one matcher.
 */
import type { Feature, FeatureNeed, Platform } from '../../../shared/src/catalog';

/** Words that say nothing about which feature is meant. */
const STOP_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'to', 'for', 'of', 'in', 'on', 'and', 'or', 'with', 'my', 'our', 'app', 'apps', 'use', 'using', 'add', 'adding', 'enable', 'support', 'i', 'want', 'need', 'how', 'do']);

/** The score of a name said exactly: a key that names a feature is taken for it only at this score. */
export const EXACT_NAME_SCORE = 100;

export interface ScoredFeature {
  readonly feature: Feature;
  readonly score: number;
}

/** The features whose names or frameworks match `query`, best first (catalog order among equals). */
export function searchFeatures(features: readonly Feature[], query: string, platform?: Platform): ScoredFeature[] {
  const phrase = normalize(query);
  const words = wordsOf(phrase);
  const joined = phrase.replace(/ /g, '');
  const scored: ScoredFeature[] = [];
  if (words.length === 0) return scored;
  for (const feature of features) {
    if (platform !== undefined && !feature.platforms.includes(platform)) continue;
    const score = scoreFeature(feature, phrase, joined, words);
    if (score > 0) scored.push({ feature, score });
  }
  // A stable sort keeps the catalog's order among equals, which lists a feature before its variants.
  return scored.sort((left, right) => right.score - left.score);
}

/**
 * A name said exactly wins (with or without its spaces: `activitykit`, `screentime`), then a name holding the whole
 * phrase, then the phrase holding a name, each plus the share of the query's words found among the feature's
 * names, frameworks and id.
 */
function scoreFeature(feature: Feature, phrase: string, joined: string, words: readonly string[]): number {
  const names = [...feature.names, ...feature.frameworks].map(normalize);
  const featureWords = new Set([...names, normalize(feature.id)].flatMap(wordsOf));
  let found = words.filter((word) => featureWords.has(word)).length;
  let phraseScore = 0;
  for (const name of names) {
    if (name === phrase || (joined.length >= 3 && name.replace(/ /g, '') === joined)) {
      phraseScore = EXACT_NAME_SCORE;
      found = words.length;
    } else if (containsPhrase(name, phrase)) phraseScore = Math.max(phraseScore, 60);
    else if (name.length >= 3 && containsPhrase(phrase, name)) phraseScore = Math.max(phraseScore, 40 + Math.min(name.split(' ').length, 4) * 5);
  }
  if (found === 0) return 0;
  return phraseScore + (30 * found) / words.length;
}

/**
 * The features `name` names exactly (a name or framework, ignoring case, spaces, hyphens and plurals), as
 * searchFeatures scores EXACT_NAME_SCORE, from an index: an unknown entitlement asks on every validation.
 */
export function featuresNamed(features: readonly Feature[], name: string): readonly Feature[] {
  let index = exactNameIndexes.get(features);
  if (index === undefined) {
    index = new Map();
    for (const feature of features) {
      for (const featureName of [...feature.names, ...feature.frameworks]) {
        const joined = normalize(featureName).replace(/ /g, '');
        const named = index.get(joined) ?? [];
        if (!named.includes(feature)) named.push(feature);
        index.set(joined, named);
      }
    }
    exactNameIndexes.set(features, index);
  }
  return index.get(normalize(name).replace(/ /g, '')) ?? [];
}

const exactNameIndexes = new WeakMap<readonly Feature[], Map<string, Feature[]>>();

/** The needs of `feature` that apply on any of `platforms` (all of them when the platforms are unknown). */
export function needsOn(feature: Feature, platforms: readonly Platform[]): FeatureNeed[] {
  if (platforms.length === 0) return [...feature.needs];
  return feature.needs.filter((need) => !('platforms' in need) || need.platforms === undefined || need.platforms.some((platform) => platforms.includes(platform)));
}

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').map(stem).join(' ');
}

/** Plural to singular, enough for feature names (`activities`, `notifications`, `passes`). */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function wordsOf(normalized: string): string[] {
  return normalized.split(' ').filter((word) => word !== '' && !STOP_WORDS.has(word));
}
