/**
 * unknown-key: an entitlement that is not in the catalog (codesign and App Store Connect reject it), or an Info.plist
 * key in one of Apple's namespaces that is a near miss of a real key, such as `NSCameraUsageDescriptions`, which
 * the system silently ignores. Custom Info.plist keys are normal and never reported.
 */
import type { PlistDocument } from '../plist/nodes';
import { classifyCustomKey, classifiedTopLevelEntries, stripDeviceSuffix, type KeyClass } from '../keyClassification';
import { infoPlistEntriesOf } from '../infoPlistEntries';
import { elementTextRange } from '../plist/walk';
import type { CatalogIndex } from '../catalogIndex';
import type { PlistTable } from '../plist/table';
import { rankForPlatforms } from '../replacements/suggestReplacements';
import type { DocumentContext, Problem, Rule } from './types';

export const unknownKey: Rule = {
  code: 'unknown-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    const noun = context.fileKind === 'entitlements' ? 'entitlement' : 'Info.plist key';
    const report = (key: string, range: { offset: number; length: number }, keyClass: KeyClass) => {
      if (keyClass.kind !== 'unknown') return;
      const best = keyClass.suggestions[0];
      const hint = best === undefined ? '' : keyClass.isDoubled ? `; it looks like '${best}' pasted twice` : `; did you mean '${best}'?`;
      problems.push({
        code: 'unknown-key',
        ...range,
        message: `Unknown ${noun} '${key}'${hint}`,
        ...(context.fileKind === 'infoPlist' ? { severity: 'warning' as const } : {}),
        data: { replacements: keyClass.suggestions, canRemove: context.fileKind === 'entitlements' },
      });
    };
    for (const { key, keyElement, keyClass } of classifiedTopLevelEntries(document, catalog, context)) {
      if (keyClass.kind !== 'unknown' || isBeingTyped(document.table, keyElement, key)) continue;
      report(key, elementTextRange(document.table, keyElement), rankedForTarget(keyClass, catalog, context));
    }
    if (context.fileKind === 'infoPlist') checkNestedInfoPlistKeys(document, catalog, context.allowedKeys, report);
    return problems;
  },
};

/** Near misses among the documented sub-keys of a known dictionary (`NSAllowsArbitraryLoad` in ATS). */
function checkNestedInfoPlistKeys(
  document: PlistDocument,
  catalog: CatalogIndex,
  allowedKeys: ReadonlySet<string>,
  report: (key: string, range: { offset: number; length: number }, keyClass: KeyClass) => void,
): void {
  const { table, keys, exactEntries, documentedKeysIn } = infoPlistEntriesOf(document, catalog);
  let lastDict = -1;
  let siblings: ReadonlyMap<string, unknown> | undefined;
  for (let index = 0; index < keys.length; index++) {
    // Documented where it sits, as written: the common case, known without another lookup.
    if (exactEntries.at(index) !== undefined) continue;
    const keyElement = keys[index] as number;
    const dict = table.parent(keyElement);
    if (dict === table.root) continue;
    if (dict !== lastDict) {
      lastDict = dict;
      siblings = documentedKeysIn(dict);
    }
    if (siblings === undefined) continue;
    const text = table.textOf(keyElement);
    if (allowedKeys.has(text) || isBeingTyped(table, keyElement, text)) continue;
    const key = stripDeviceSuffix(text);
    if (siblings.has(key)) continue;
    report(text, elementTextRange(table, keyElement), classifyCustomKey(key, siblings.keys(), catalog));
  }
}

/**
 * A key still being typed: empty, or without its `</key>` yet (the parser reports the missing tag). Calling it
 * unknown at every keystroke only flickers; it is judged once it is closed.
 */
function isBeingTyped(table: PlistTable, keyElement: number, text: string): boolean {
  return !table.isClosed(keyElement) || text.trim() === '';
}

/** The class with its suggestions in the order that fits the target's platforms, when they are known. */
function rankedForTarget(keyClass: KeyClass & { kind: 'unknown' }, catalog: CatalogIndex, context: DocumentContext): KeyClass {
  if (keyClass.isDoubled) return keyClass;
  return { ...keyClass, suggestions: rankForPlatforms(keyClass.suggestions, context.fileKind, catalog, context.target.platforms) };
}
