/**
 * Which of the two files a document is, from its path or language id. Xcode names Info.plist files freely
 * (`Info.plist`, `MyApp-Info.plist`, `Info-iOS.plist`), so any `.plist` whose name contains `Info` counts.
 */
import type { FileKind } from '../../../shared/src/catalog';

/** The language ids the extension contributes. */
export const LANGUAGE_IDS: Readonly<Record<FileKind, string>> = { entitlements: 'entitlements', infoPlist: 'info-plist' };

/** The kind of file at `pathOrUri`, or `undefined` when it is neither. */
export function fileKindOf(pathOrUri: string, languageId?: string): FileKind | undefined {
  if (languageId === LANGUAGE_IDS.entitlements) return 'entitlements';
  if (languageId === LANGUAGE_IDS.infoPlist) return 'infoPlist';
  const name = decodeURIComponent(pathOrUri.split(/[\\/]/).pop() ?? '');
  if (name.toLowerCase().endsWith('.entitlements')) return 'entitlements';
  if (/info[^/]*\.plist$/i.test(name)) return 'infoPlist';
  return undefined;
}
