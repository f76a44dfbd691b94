/**
 * Decides, once, what a key is in the file it sits in: real, allowed by the user, invented, private to Apple, in
 * the wrong file, or unknown. Each rule reports one class, so a key never gets two competing diagnostics.
 */
import type { CatalogEntry, Feature, FileKind, Hallucination, PrivateKeyPattern } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { namespacePrefixOf } from '../catalogIndex';
import { nearest } from '../editDistance';
import { featuresNamedByEntitlement, realPurposeStringFor } from '../replacements/featureGates';
import { suggestReplacements, type CandidateSet } from '../replacements/suggestReplacements';
import { EMPTY, HashSlots, hashText } from '../plist/hashSlots';
import { textHash } from '../plist/sourceKeyIndex';
import type { PlistTable } from '../plist/table';
import { CacheKey } from '../serviceCaches';
import { privacyIndexOf } from '../privacy/privacyCatalog';
import { subKeyHomesOf, type SubKeyHome } from '../subKeyHomes';

export type KeyClass =
  | { readonly kind: 'real'; readonly entry: CatalogEntry }
  | { readonly kind: 'allowed' }
  | { readonly kind: 'custom' }
  | { readonly kind: 'hallucinated'; readonly hallucination: Hallucination }
  | { readonly kind: 'private'; readonly pattern: PrivateKeyPattern }
  | {
      readonly kind: 'misplaced';
      readonly entry: CatalogEntry;
      readonly belongsIn: FileKind;
      /** For an Info.plist sub-key at the top of an entitlements file: the dicts it belongs in (subKeyHomes.ts). */
      readonly within?: readonly SubKeyHome[];
    }
  | {
      readonly kind: 'unknown';
      readonly suggestions: readonly string[];
      readonly isDoubled: boolean;
      /** The features the key names (`com.apple.developer.activitykit`): their real gate is the fix (see featureGates.ts). */
      readonly features?: readonly Feature[];
    };

/** Device and platform suffixes Info.plist keys may carry (`UISupportedInterfaceOrientations~ipad`). */
export function stripDeviceSuffix(key: string): string {
  const tilde = key.indexOf('~');
  return tilde > 0 ? key.slice(0, tilde) : key;
}

/**
 * `key` as a string of its own, for a memo that outlives the document. A key the parser read is a slice of the
 * document's text, and in V8 a slice of 13 characters or more keeps the whole text alive: kept across keystrokes,
 * the memo would hold on to a version of the file for every new key typed into it. Joining it to another string
 * and slicing that copies the characters.
 */
export function ownCopy(key: string): string {
  return ` ${key}`.slice(1);
}

/** Classifies a top-level key of a file of `fileKind`; a validation passes its budget, a one-off question gets its own. */
export function classifyTopLevelKey(key: string, fileKind: FileKind, catalog: CatalogIndex, allowedKeys: ReadonlySet<string>, budget = new SuggestionBudget()): KeyClass {
  const memo = memoFor(catalog, allowedKeys);
  const known = fileKind === 'entitlements' ? memo.entitlements : memo.infoPlist;
  const hash = hashText(key, 0, key.length);
  const found = known.findString(key, hash);
  return found >= 0 ? known.classAt(found) : classifyNewKey(key, hash, fileKind, catalog, memo, allowedKeys, budget);
}

/**
 * `classifyTopLevelKey` for a key element of `table`, found in the memo by its text in the source: a key met
 * before is not made into a new string, and is given the memo's, already hashed, as its text.
 */
export function classifyKeyElement(
  table: PlistTable,
  keyElement: number,
  fileKind: FileKind,
  catalog: CatalogIndex,
  allowedKeys: ReadonlySet<string>,
  budget = new SuggestionBudget(),
): KeyClass {
  const memo = memoFor(catalog, allowedKeys);
  const known = fileKind === 'entitlements' ? memo.entitlements : memo.infoPlist;
  const hash = textHash(table, keyElement);
  const found = known.findElement(table, keyElement, hash);
  return found >= 0 ? known.classAt(found) : classifyNewKey(table.textOf(keyElement), hash, fileKind, catalog, memo, allowedKeys, budget);
}

/** Classifies a key the memo does not hold (`hash` is its `hashText`), and keeps the answer when it lasts. */
function classifyNewKey(key: string, hash: number, fileKind: FileKind, catalog: CatalogIndex, memo: ClassificationMemo, allowedKeys: ReadonlySet<string>, budget: SuggestionBudget): KeyClass {
  let keyClass: KeyClass;
  if (allowedKeys.has(key)) keyClass = { kind: 'allowed' };
  else keyClass = fileKind === 'entitlements' ? classifyEntitlementKey(key, catalog, budget) : classifyInfoPlistKey(key, catalog, budget);
  // An unknown entitlement's suggestions depend on this validation's search budget, and so does an Info.plist key
  // whose search it refused; the replacement index keeps the answers searched.
  if (budget.wasSearchRefused) budget.wasSearchRefused = false;
  else if (fileKind === 'infoPlist' || keyClass.kind !== 'unknown') {
    const known = fileKind === 'entitlements' ? memo.entitlements : memo.infoPlist;
    if (known.size >= MEMO_LIMIT) known.clear();
    known.add(ownCopy(key), hash, keyClass);
  }
  return keyClass;
}

/**
 * The classes of keys met before, for one file kind, found by a hash of their text (`hashText`): a key of a
 * document is looked up where it is written (`findElement`), and only a key met for the first time is made into a
 * string, so a key seen before costs no slice and no hash of a new string.
 */
class ClassMemo {
  private readonly keys: string[] = [];
  private readonly classes: KeyClass[] = [];
  /** Places in `keys` by the hash of the key. */
  private readonly slots = new HashSlots();

  get size(): number {
    return this.keys.length;
  }

  classAt(found: number): KeyClass {
    return this.classes[found] as KeyClass;
  }

  /** The place of `key` (an element of `table`), or -1. When found, the table keeps the memo's string as the key's text. */
  findElement(table: PlistTable, key: number, hash: number): number {
    const slots = this.slots;
    for (let slot = slots.first(hash); ; slot = slots.next(slot)) {
      const found = slots.valueAt(slot);
      if (found === EMPTY) return -1;
      if (slots.hashAt(slot) === hash && table.adoptText(key, this.keys[found] as string)) return found;
    }
  }

  /** The place of `key`, or -1. */
  findString(key: string, hash: number): number {
    const slots = this.slots;
    for (let slot = slots.first(hash); ; slot = slots.next(slot)) {
      const found = slots.valueAt(slot);
      if (found === EMPTY) return -1;
      if (slots.hashAt(slot) === hash && this.keys[found] === key) return found;
    }
  }

  /** Adds a key not held yet. */
  add(key: string, hash: number, keyClass: KeyClass): void {
    this.slots.add(this.keys.length, hash);
    this.keys.push(key);
    this.classes.push(keyClass);
  }

  clear(): void {
    this.keys.length = 0;
    this.classes.length = 0;
    this.slots.clear();
  }
}

/**
 * Every rule asks about every top-level key, and the same keys come back on every keystroke, so answers are kept
 * per service for as long as the catalog and the allowed keys stay the same (by content: callers build a new set
 * per validation), up to MEMO_LIMIT keys per file kind.
 */
interface ClassificationMemo {
  /** The allowed keys the answers were made with, sorted and joined. */
  readonly allowed: string;
  readonly entitlements: ClassMemo;
  readonly infoPlist: ClassMemo;
  /** The last set seen with this content, so that the next call with it is not joined again. */
  allowedKeys: ReadonlySet<string>;
}

/** The service's memo, replaced when the allowed keys change. */
const CLASS_MEMO = new CacheKey<{ memo: ClassificationMemo | undefined }>('keyClasses', () => ({ memo: undefined }));

/** Past this many keys of one file kind, the memo starts over: typing leaves a trail of half-typed keys. */
const MEMO_LIMIT = 4096;

function memoFor(catalog: CatalogIndex, allowedKeys: ReadonlySet<string>): ClassificationMemo {
  const slot = catalog.caches.get(CLASS_MEMO);
  const last = slot.memo;
  if (last !== undefined && last.allowedKeys === allowedKeys) return last;
  const allowed = allowedKeys.size === 0 ? '' : [...allowedKeys].sort().join('\n');
  if (last !== undefined && last.allowed === allowed) {
    last.allowedKeys = allowedKeys;
    return last;
  }
  slot.memo = { allowed, entitlements: new ClassMemo(), infoPlist: new ClassMemo(), allowedKeys };
  return slot.memo;
}

/**
 * The suggestion searches one validation may still run (see SUGGESTION_SEARCHES). Made by the validation, and by
 * each one-off question (a hover, a tool call) for itself.
 */
export class SuggestionBudget {
  searchesLeft = SUGGESTION_SEARCHES;
  /** Set when the last key's class lacks a search the budget refused, so that it is not kept. */
  wasSearchRefused = false;
}

/**
 * Searching the catalog for keys near an unknown one takes about a millisecond. A document gets this many searches
 * per validation; past them (a generated or hostile file with thousands of unknown keys) unknown keys are still
 * reported, without suggestions, instead of freezing the editor for seconds.
 */
const SUGGESTION_SEARCHES = 200;

/** True when a search for `key` is kept already or the budget allows one more (which it then spends). */
function maySearch(key: string, fileKind: FileKind, candidates: CandidateSet, catalog: CatalogIndex, budget: SuggestionBudget): boolean {
  if (catalog.replacements.isKept(key, fileKind, candidates)) return true;
  if (budget.searchesLeft <= 0) {
    budget.wasSearchRefused = true;
    return false;
  }
  budget.searchesLeft--;
  return true;
}

function classifyEntitlementKey(key: string, catalog: CatalogIndex, budget: SuggestionBudget): KeyClass {
  const entry = catalog.entitlement(key);
  if (entry !== undefined) return { kind: 'real', entry };
  // A real Info.plist key (UIBackgroundModes, the Core NFC reader keys) is misplaced rather than invented, even
  // where the hallucination table lists it too: the fix is to move it, not to rename it.
  const infoPlistEntry = catalog.infoPlistKey(stripDeviceSuffix(key));
  if (infoPlistEntry !== undefined) return { kind: 'misplaced', entry: infoPlistEntry, belongsIn: 'infoPlist' };
  const privacyKey = privacyIndexOf(catalog.catalog)?.topLevelKeys.get(key);
  if (privacyKey !== undefined) return { kind: 'misplaced', entry: privacyKey, belongsIn: 'privacyManifest' };
  const within = subKeyHomesOf(key, catalog);
  if (within[0] !== undefined) return { kind: 'misplaced', entry: within[0].entry, belongsIn: 'infoPlist', within };
  const hallucination = catalog.hallucination(key);
  if (hallucination !== undefined) return { kind: 'hallucinated', hallucination };
  const pattern = catalog.privatePattern(key);
  if (pattern !== undefined) return { kind: 'private', pattern };
  const doubled = doubledKeyOf(key, catalog.entitlementKeys);
  if (doubled !== undefined) return { kind: 'unknown', suggestions: [doubled], isDoubled: true };
  // A key naming a feature gets the feature's real gate, whichever the target's platforms make it (see unknownKey).
  const named = featuresNamedByEntitlement(key, catalog);
  const features = named.length === 0 ? {} : { features: named };
  // One search of the budget covers both lists searched: the real keys and the known inventions.
  if (!maySearch(key, 'entitlements', 'all', catalog, budget)) return { kind: 'unknown', suggestions: [], isDoubled: false, ...features };
  const invention = nearInventionOf(key, catalog);
  if (invention !== undefined) return { kind: 'hallucinated', hallucination: invention };
  return { kind: 'unknown', suggestions: entitlementSuggestions(key, catalog), isDoubled: false, ...features };
}

/**
 * The known invention `key` is a near miss of (`com.apple.developer.in-app-purchases`), when no real key is as
 * near: its advice ("no entitlement is needed") is worth more than no suggestion.
 */
function nearInventionOf(key: string, catalog: CatalogIndex): Hallucination | undefined {
  const [invention] = catalog.replacements.scoredCandidates(key, 'entitlements', 'inventions');
  if (invention === undefined || invention.score < NEAR_INVENTION) return undefined;
  const [real] = catalog.replacements.scoredCandidates(key, 'entitlements', 'all');
  return real !== undefined && real.score >= invention.score ? undefined : catalog.hallucination(invention.key);
}

/** How near a known invention a key must be to be taken for it: the same words, give or take a typo. */
const NEAR_INVENTION = 0.9;

function classifyInfoPlistKey(key: string, catalog: CatalogIndex, budget: SuggestionBudget): KeyClass {
  const bareKey = stripDeviceSuffix(key);
  const entry = catalog.infoPlistKey(bareKey);
  if (entry !== undefined) return { kind: 'real', entry };
  const hallucination = catalog.hallucination(key);
  if (hallucination !== undefined && !catalog.isInfoPlistKeyAnywhere(key)) return { kind: 'hallucinated', hallucination };
  const entitlement = catalog.entitlement(key);
  if (entitlement !== undefined) return { kind: 'misplaced', entry: entitlement, belongsIn: 'entitlements' };
  const privacyKey = privacyIndexOf(catalog.catalog)?.topLevelKeys.get(key);
  if (privacyKey !== undefined) return { kind: 'misplaced', entry: privacyKey, belongsIn: 'privacyManifest' };
  const custom = classifyCustomKey(bareKey, catalog.infoPlistKeys, catalog);
  if (custom.kind !== 'custom' || catalog.isInfoPlistKeyAnywhere(bareKey)) return custom;
  return classifyInventedInfoPlistKey(bareKey, catalog, budget) ?? custom;
}

/**
 * A top-level key that is one of Apple's with a slip in the prefix (`CBBundleVersion`), or a purpose string
 * Apple never defined (`NSPhotosUsageDescription`): the system reads neither, so the app runs without its version
 * or crashes at the permission prompt. A purpose string with no real one near it stays custom, as the catalog
 * does not hold every purpose string Apple's frameworks read (WebKit's `NSCrossWebsiteTrackingUsageDescription`).
 */
function classifyInventedInfoPlistKey(key: string, catalog: CatalogIndex, budget: SuggestionBudget): KeyClass | undefined {
  const nearMisses = catalog.replacements.prefixNearMisses(key);
  if (nearMisses.length > 0) return { kind: 'unknown', suggestions: nearMisses, isDoubled: false };
  const realPurposeString = realPurposeStringFor(key, catalog);
  if (realPurposeString !== undefined) return { kind: 'unknown', suggestions: [realPurposeString], isDoubled: false };
  if (!key.endsWith(USAGE_DESCRIPTION) || !maySearch(key, 'infoPlist', 'usageDescriptions', catalog, budget)) return undefined;
  const suggestions = suggestReplacements(key, 'infoPlist', catalog, [], 'usageDescriptions');
  return suggestions.length === 0 ? undefined : { kind: 'unknown', suggestions, isDoubled: false };
}

/** How every purpose-string key ends. */
const USAGE_DESCRIPTION = 'UsageDescription';

/**
 * Apps keep their own settings in Info.plist, so an unknown key is normal there. Only a key in one of Apple's
 * namespaces that is a near miss of a real key (`NSCameraUsageDescriptions`) is worth an underline.
 */
export function classifyCustomKey(key: string, realKeys: Iterable<string>, catalog: CatalogIndex): KeyClass {
  if (catalog.isInfoPlistKeyAnywhere(key)) return CUSTOM;
  const prefix = namespacePrefixOf(key);
  if (prefix === undefined || !catalog.appleInfoPlistPrefixes.has(prefix)) return CUSTOM;
  // Listed only now: most keys are custom, and this is asked of every undocumented key in a documented dict.
  const candidates = Array.isArray(realKeys) ? (realKeys as readonly string[]) : [...realKeys];
  const lower = key.toLowerCase();
  const sameIgnoringCase = candidates.filter((candidate) => candidate.toLowerCase() === lower);
  // A near miss stays in its namespace: `QLSupportedContentTypes` is not a typo of `CSSupportedContentTypes`.
  const sameNamespace = candidates.filter((candidate) => namespacePrefixOf(candidate) === prefix);
  const suggestions = sameIgnoringCase.length > 0 ? sameIgnoringCase : nearest(key, sameNamespace, key.length < 16 ? 1 : 2);
  return suggestions.length === 0 ? CUSTOM : { kind: 'unknown', suggestions, isDoubled: false };
}

const CUSTOM: KeyClass = { kind: 'custom' };

/** Up to three real entitlements `key` probably meant (see suggestReplacements); the same text ignoring case first. */
function entitlementSuggestions(key: string, catalog: CatalogIndex): string[] {
  return suggestReplacements(key, 'entitlements', catalog);
}

/** A real key pasted twice into one string (`...read-onlycom.apple...read-only`) gives that key. */
function doubledKeyOf(key: string, realKeys: readonly string[]): string | undefined {
  for (const real of realKeys) {
    if (key.length > real.length && key.startsWith(real)) {
      const rest = key.slice(real.length).trim();
      if (rest === real || realKeys.includes(rest)) return real;
    }
  }
  return undefined;
}
