/**
 * Which of the two files a document is, from its path or language id. Xcode names Info.plist files freely
 * (`Info.plist`, `MyApp-Info.plist`, `Info-iOS.plist`), so any `.plist` whose name contains `Info` counts, and
 * build scripts often keep entitlements in `*entitlements.plist` files. Privacy manifests have one name,
 * `PrivacyInfo.xcprivacy`.
 */
import type { FileKind } from '../../../shared/src/catalog';
import type { CatalogIndex } from './catalogIndex';
import type { PlistDocument } from './plist/nodes';
import { topLevelEntries } from './plist/walk';

/** The language ids the extension contributes. */
export const LANGUAGE_IDS: Readonly<Record<FileKind, string>> = { entitlements: 'entitlements', infoPlist: 'info-plist', privacyManifest: 'privacy-manifest' };

/** The kind of file at `pathOrUri`, or `undefined` when it is neither. */
export function fileKindOf(pathOrUri: string, languageId?: string): FileKind | undefined {
  if (languageId === LANGUAGE_IDS.entitlements) return 'entitlements';
  if (languageId === LANGUAGE_IDS.infoPlist) return 'infoPlist';
  if (languageId === LANGUAGE_IDS.privacyManifest) return 'privacyManifest';
  const name = decodeName(pathOrUri.split(/[\\/]/).pop() ?? '');
  const lower = name.toLowerCase();
  // Apple reads the manifest only under this name; other .xcprivacy names are left alone.
  if (name === 'PrivacyInfo.xcprivacy') return 'privacyManifest';
  if (lower.endsWith('.entitlements')) return 'entitlements';
  if (!lower.endsWith('.plist')) return undefined;
  if (lower.includes('entitlements')) return 'entitlements';
  if (lower.includes('info')) return 'infoPlist';
  return undefined;
}

/** Decodes a URI's last segment; a plain path may hold a '%' that is no escape (`100%.plist`), and stays as it is. */
function decodeName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * For a plist whose name says nothing (`atomic_es_ents.plist`): the kind most of its top-level keys belong to, or
 * `undefined` when they are neither.
 */
export function guessFileKind(parsed: PlistDocument, catalog: CatalogIndex): FileKind | undefined {
  let entitlementVotes = 0;
  let infoPlistVotes = 0;
  for (const entry of topLevelEntries(parsed)) {
    if (catalog.entitlement(entry.key.text) !== undefined || catalog.privatePattern(entry.key.text) !== undefined) entitlementVotes++;
    else if (catalog.infoPlistKey(entry.key.text) !== undefined) infoPlistVotes++;
  }
  if (entitlementVotes === 0 && infoPlistVotes === 0) return undefined;
  return entitlementVotes > infoPlistVotes ? 'entitlements' : 'infoPlist';
}

/**
 * For a plist found in a folder whose name says nothing (`child.plist`, `parent.plist` of Electron apps): whether
 * it is an entitlements file by its content, which needs most of its top-level keys to be entitlements, so that
 * an app's own settings plist holding one such key is not claimed.
 */
export function isEntitlementsByContent(parsed: PlistDocument, catalog: CatalogIndex): boolean {
  let entitlements = 0;
  let others = 0;
  for (const entry of topLevelEntries(parsed)) {
    if (catalog.entitlement(entry.key.text) !== undefined || catalog.privatePattern(entry.key.text) !== undefined) entitlements++;
    else others++;
  }
  return entitlements > 0 && entitlements >= 2 * others;
}
