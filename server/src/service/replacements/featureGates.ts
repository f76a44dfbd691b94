/**
 * Invented keys that name a feature (`com.apple.developer.activitykit`, `com.apple.developer.screen-time`,
 * `NSNFCReaderUsageDescription`) are seldom a misspelt key: the right answer is what the feature really needs,
 * from the catalog's feature data. That may be a key in this file (a rename), a key in the other file (a move),
 * or nothing at all (a removal).
 */
import type { CatalogEntry, Feature, FeatureNeed, FileKind, Platform } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { featuresNamed, needsOn } from '../featureSearch';
import { escapeText } from '../plist/entities';

/** The fix a key naming `feature` gets on the target's platforms. */
export type FeatureFix =
  /** The gate is a key of the same file. */
  | { readonly kind: 'rename'; readonly feature: Feature; readonly key: string }
  /** The gate is a key of the other file: add it there, remove this one. */
  | { readonly kind: 'move'; readonly feature: Feature; readonly key: string; readonly file: FileKind; readonly entry: CatalogEntry }
  /** No key gates the feature (`reason` says what does, if anything): remove this one. */
  | { readonly kind: 'remove'; readonly feature: Feature; readonly reason: string | undefined };

/** Namespaces an invented entitlement names a feature under, longest first. */
const ENTITLEMENT_NAMESPACES = ['com.apple.developer.', 'com.apple.security.', 'com.apple.'];

/**
 * The features an entitlement-shaped key names after Apple's namespace (`com.apple.developer.foundation-models`
 * names Foundation Models), exactly as the feature data names them; none for other keys.
 */
export function featuresNamedByEntitlement(key: string, catalog: CatalogIndex): readonly Feature[] {
  const namespace = ENTITLEMENT_NAMESPACES.find((prefix) => key.startsWith(prefix));
  if (namespace === undefined) return [];
  const name = key.slice(namespace.length);
  return name.length < 3 ? [] : featuresNamed(catalog.catalog.features, name);
}

/** How a purpose string is named: `NS` + subject + this. */
const USAGE_DESCRIPTION = 'UsageDescription';

/**
 * The real purpose string an invented one means: the same key with Apple's `NS` added or dropped
 * (`NSNFCReaderUsageDescription` for `NFCReaderUsageDescription`), or the purpose string of the feature its
 * subject names (`NSHealthKitUsageDescription`: HealthKit's `NSHealthShareUsageDescription`).
 */
export function realPurposeStringFor(key: string, catalog: CatalogIndex): string | undefined {
  if (!key.endsWith(USAGE_DESCRIPTION) || catalog.infoPlistKey(key) !== undefined) return undefined;
  const toggled = key.startsWith('NS') ? key.slice(2) : `NS${key}`;
  if (catalog.infoPlistKey(toggled)?.isUsageDescription === true) return toggled;
  const subject = key.slice(key.startsWith('NS') ? 2 : 0, -USAGE_DESCRIPTION.length);
  if (subject.length < 3) return undefined;
  for (const feature of featuresNamed(catalog.catalog.features, subject)) {
    const need = feature.needs.find((candidate) => candidate.kind === 'purposeString');
    if (need !== undefined && 'key' in need && catalog.infoPlistKey(need.key) !== undefined) return need.key;
  }
  return undefined;
}

/**
 * The fix for a key of `fileKind` naming one of `features` (as featuresNamedByEntitlement found them), on
 * `platforms` (all when unknown): the first feature available there decides. An entitlement the feature needs
 * comes first, then an Info.plist key, then what needs no key.
 */
export function featureFixFor(features: readonly Feature[], fileKind: FileKind, catalog: CatalogIndex, platforms: readonly Platform[]): FeatureFix | undefined {
  for (const feature of features) {
    if (platforms.length > 0 && !feature.platforms.some((platform) => platforms.includes(platform))) continue;
    const needs = needsOn(feature, platforms);
    if (needs.length === 0) continue;
    const keyed = keyedNeed(needs, 'entitlement', catalog) ?? keyedNeed(needs, 'infoPlistKey', catalog) ?? keyedNeed(needs, 'purposeString', catalog);
    if (keyed !== undefined) {
      return keyed.file === fileKind ? { kind: 'rename', feature, key: keyed.key } : { kind: 'move', feature, key: keyed.key, file: keyed.file, entry: keyed };
    }
    return { kind: 'remove', feature, reason: reasonOf(needs) };
  }
  return undefined;
}

function keyedNeed(needs: readonly FeatureNeed[], kind: 'entitlement' | 'infoPlistKey' | 'purposeString', catalog: CatalogIndex): CatalogEntry | undefined {
  for (const need of needs) {
    if (need.kind !== kind) continue;
    // An entitlement that is one value of an array entitlement is named by its array's key, which the fix adds.
    const entry = need.kind === 'entitlement' ? catalog.entitlement(need.key) : catalog.infoPlistKey(need.key);
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** What gates a feature that needs no key, in words for the message; `undefined` when nothing does. */
function reasonOf(needs: readonly FeatureNeed[]): string | undefined {
  for (const need of needs) {
    if (need.kind === 'backgroundMode') return `add '${need.value}' to UIBackgroundModes in Info.plist`;
    if (need.kind === 'portalCapability' || need.kind === 'appService') return `switch on '${need.name}' for the App ID in the developer portal`;
  }
  return undefined;
}

/** A value of the entry's type for a fix that adds the key: the user fills it in. */
export function placeholderValueXml(entry: CatalogEntry): string {
  switch (entry.type) {
    case 'boolean':
      return '<true/>';
    case 'integer':
      return '<integer>0</integer>';
    case 'real':
      return '<real>0</real>';
    case 'array':
      return '<array/>';
    case 'dictionary':
      return '<dict/>';
    case 'data':
      return '<data></data>';
    case 'date':
      return '<date>2001-01-01T00:00:00Z</date>';
    default:
      return entry.values?.[0] !== undefined ? `<string>${escapeText(entry.values[0].value)}</string>` : '<string></string>';
  }
}
