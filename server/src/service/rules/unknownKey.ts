/**
 * unknown-key: an entitlement that is not in the catalog (codesign and App Store Connect reject it), or an Info.plist
 * key in one of Apple's namespaces that is a near miss of a real key, such as `NSCameraUsageDescriptions`, which
 * the system silently ignores. Custom Info.plist keys are normal and never reported.
 */
import type { DictEntry, PlistDocument } from '../plist/nodes';
import { classifyCustomKey, classifyTopLevelKey, stripDeviceSuffix, type KeyClass } from '../keyClassification';
import { infoPlistEntriesOf } from '../infoPlistEntries';
import { keyTextRange, topLevelEntries } from '../plist/walk';
import type { CatalogIndex } from '../catalogIndex';
import type { Problem, Rule } from './types';

export const unknownKey: Rule = {
  code: 'unknown-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    const noun = context.fileKind === 'entitlements' ? 'entitlement' : 'Info.plist key';
    const report = (entry: DictEntry, keyClass: KeyClass) => {
      if (keyClass.kind !== 'unknown') return;
      const best = keyClass.suggestions[0];
      const hint = best === undefined ? '' : keyClass.isDoubled ? `; it looks like '${best}' pasted twice` : `; did you mean '${best}'?`;
      problems.push({
        code: 'unknown-key',
        ...keyTextRange(entry),
        message: `Unknown ${noun} '${entry.key.text}'${hint}`,
        ...(context.fileKind === 'infoPlist' ? { severity: 'warning' as const } : {}),
        data: { replacements: keyClass.suggestions, canRemove: context.fileKind === 'entitlements' },
      });
    };
    for (const entry of topLevelEntries(document)) {
      report(entry, classifyTopLevelKey(entry.key.text, context.fileKind, catalog, context.allowedKeys));
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
  report: (entry: DictEntry, keyClass: KeyClass) => void,
): void {
  const root = document.root;
  const { entries, dictPaths } = infoPlistEntriesOf(document, catalog);
  // Each dict path's documented keys are found once (entries of nested dicts come between a dict's own).
  const siblingsByPath = new Map<readonly string[], ReadonlyMap<string, unknown> | undefined>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as DictEntry;
    if (entry.key.parent === root) continue;
    const dictPath = dictPaths[index] as readonly string[];
    let siblings = siblingsByPath.get(dictPath);
    if (siblings === undefined && !siblingsByPath.has(dictPath)) {
      siblings = catalog.infoPlistKeysIn(dictPath);
      siblingsByPath.set(dictPath, siblings);
    }
    if (siblings === undefined || allowedKeys.has(entry.key.text)) continue;
    const key = stripDeviceSuffix(entry.key.text);
    if (siblings.has(key)) continue;
    report(entry, classifyCustomKey(key, [...siblings.keys()], catalog));
  }
}
