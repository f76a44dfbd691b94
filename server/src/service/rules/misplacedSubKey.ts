/**
 * misplaced-key, for a sub-key out of its dict: a key the catalog documents only inside a dict (an ATS key of
 * `NSAppTransportSecurity`, an extension's `NSExtension` keys, the scene manifest's keys) written at the top level of
 * Info.plist, or at the top of an entitlements file. Nothing reads it there, so the setting silently does nothing.
 * The message names the dict it belongs in, found from the catalog's tables of sub-keys, and the fix moves it there.
 */
import type { CompanionEdit } from '../../../../shared/src/diagnosticCodes';
import type { CatalogIndex } from '../catalogIndex';
import { documentModel } from '../model/documentModel';
import { textRange } from '../plist/walk';
import { homeName, isFixedPath, subKeyHomesOf, type SubKeyHome } from '../subKeyHomes';
import { lineIndent, moveIntoDictEdit } from './misplacedSubKey.fix';
import type { PlistDocument } from '../plist/nodes';
import type { DocumentContext, Problem } from '../types';

export function misplacedSubKeys(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): Problem[] {
  const problems: Problem[] = [];
  for (const classified of documentModel(document, catalog, context).topLevel) {
    const { key, keyClass } = classified;
    const homes = context.fileKind === 'infoPlist'
      ? keyClass.kind === 'custom' ? subKeyHomesOf(key, catalog) : []
      : keyClass.kind === 'misplaced' ? keyClass.within ?? [] : [];
    const [home] = homes;
    if (home === undefined) continue;
    const entry = classified.entry;
    const places = homes.map((each) => homeName(each.steps));
    const where = places.length === 1 ? `the ${places[0]} dictionary` : `one of the dictionaries ${places.join(', ')}`;
    const message = context.fileKind === 'infoPlist'
      ? `'${key}' is read only inside ${where}: at the top level of Info.plist nothing reads it, so it has no effect. Move it into ${places[0]}`
      : `'${key}' is an Info.plist key read inside ${where}, not an entitlement: move it to the target's Info.plist, into ${places[0]}`;
    const valueXml = entry.value === undefined ? undefined : document.text.slice(entry.value.offset, entry.value.end);
    const moveEdit = homes.length === 1 && valueXml !== undefined ? moveEditFor(document, home, key, valueXml, lineIndent(document.text, entry.key.offset), context) : undefined;
    problems.push({
      code: 'misplaced-key',
      ...textRange(entry.key),
      message,
      // At the top of Info.plist the entry is only inert; in an entitlements file it is a key signing does not know.
      ...(context.fileKind === 'infoPlist' ? { severity: 'warning' as const } : {}),
      docUrl: home.entry.docUrl,
      data: { canRemove: true, ...(moveEdit === undefined ? {} : { companionEdit: moveEdit }) },
    });
  }
  return problems;
}

/** The move into the home dict: in this file for Info.plist, in the target's Info.plist for an entitlements file. */
function moveEditFor(document: PlistDocument, home: SubKeyHome, key: string, valueXml: string, valueIndent: string, context: DocumentContext): CompanionEdit | undefined {
  if (!isFixedPath(home.steps)) return undefined;
  const path = home.steps.map((step) => step.key);
  const place = homeName(home.steps);
  if (context.fileKind === 'infoPlist') return moveIntoDictEdit({ uri: '', placeName: place, parsed: document }, path, key, valueXml, valueIndent);
  const companion = context.companion;
  if (companion?.fileKind !== 'infoPlist') return undefined;
  return moveIntoDictEdit({ uri: companion.uri, placeName: `${companion.fileName} (${place})`, parsed: companion.parsed }, path, key, valueXml, valueIndent);
}
