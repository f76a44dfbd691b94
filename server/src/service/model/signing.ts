/** Whether a source entitlements file is signed by Xcode from a profile, which writes some keys itself. */
import type { CatalogIndex } from '../catalogIndex';
import type { PlistDocument } from '../plist/nodes';
import type { DocumentContext } from '../types';
import { writesOutSigningIdentity } from './signingIdentity';
import { documentModel } from './documentModel';

/**
 * Whether the file is signed the way that inserts the keys: by Xcode, from a provisioning profile. Completion asks
 * too, so it never offers a key signing-inserted-key would flag.
 */
export function isSignedFromProfile(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): boolean {
  if (context.target.name !== undefined) return true;
  if (context.fileName !== undefined && !context.fileName.toLowerCase().endsWith('.entitlements')) return false;
  for (const { keyClass } of documentModel(document, catalog, context).topLevel) if (keyClass.kind === 'private') return false;
  return !writesOutSigningIdentity(document);
}
