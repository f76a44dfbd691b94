/**
 * unknown-key: an entitlement that is not in the catalog (codesign and App Store Connect reject it), or an Info.plist
 * key in one of Apple's namespaces that is a near miss of a real key, such as `NSCameraUsageDescriptions`, which
 * the system silently ignores. Custom Info.plist keys are normal and never reported.
 */
import type { CatalogIndex } from '../catalogIndex';
import { documentModel, type DocumentModel, type TextSpan } from '../model/documentModel';
import { classifyCustomKey, stripDeviceSuffix, type KeyClass } from '../model/keyClassification';
import { insertEntryEdit } from '../companionEdits';
import { featureFixFor, placeholderValueXml, type FeatureFix } from '../replacements/featureGates';
import { rankForPlatforms } from '../replacements/suggestReplacements';
import type { DocumentContext, Problem, Rule } from '../types';

export const unknownKey: Rule = {
  code: 'unknown-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    const noun = context.fileKind === 'entitlements' ? 'entitlement' : 'Info.plist key';
    const report = (key: string, range: TextSpan, keyClass: KeyClass) => {
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
    const model = documentModel(document, catalog, context);
    for (const { key, keyRange: range, keyClass, isBeingTyped } of model.topLevel) {
      // A key still being typed flickers if judged at every keystroke; it is judged once it is closed.
      if (keyClass.kind !== 'unknown' || isBeingTyped) continue;
      const fix = keyClass.features === undefined ? undefined : featureFixFor(keyClass.features, context.fileKind, catalog, context.target.platforms);
      if (fix !== undefined) problems.push(featureProblem(key, range, fix, noun, context));
      else report(key, range, rankedForTarget(keyClass, catalog, context));
    }
    if (context.fileKind === 'infoPlist') checkNestedInfoPlistKeys(model, context.allowedKeys, report);
    return problems;
  },
};

/** Near misses among the documented sub-keys of a known dictionary (`NSAllowsArbitraryLoad` in ATS). */
function checkNestedInfoPlistKeys(model: DocumentModel, allowedKeys: ReadonlySet<string>, report: (key: string, range: TextSpan, keyClass: KeyClass) => void): void {
  model.forEachCatalogKey((entry) => {
    // Documented where it sits, as written: the common case, known without another lookup.
    if (entry.writtenEntry !== undefined || entry.isTopLevel) return;
    const siblings = entry.documentedSiblings;
    if (siblings === undefined) return;
    const text = entry.key;
    if (allowedKeys.has(text) || entry.isBeingTyped) return;
    const key = stripDeviceSuffix(text);
    if (siblings.has(key)) return;
    report(text, entry.keyRange, classifyCustomKey(key, siblings.keys(), model.catalog));
  });
}

/** The class with its suggestions in the order that fits the target's platforms, when they are known. */
function rankedForTarget(keyClass: KeyClass & { kind: 'unknown' }, catalog: CatalogIndex, context: DocumentContext): KeyClass {
  if (keyClass.isDoubled) return keyClass;
  return { ...keyClass, suggestions: rankForPlatforms(keyClass.suggestions, context.fileKind, catalog, context.target.platforms) };
}

/**
 * An unknown key that names a feature, with the feature's real gate: a rename, the gate added to the other file
 * (with a placeholder value of its type, when that file is known) and this key removed, or this key removed.
 */
function featureProblem(key: string, range: TextSpan, fix: FeatureFix, noun: string, context: DocumentContext): Problem {
  const name = fix.feature.names[0] ?? fix.feature.id;
  const base = { code: 'unknown-key' as const, ...range, ...(context.fileKind === 'infoPlist' ? { severity: 'warning' as const } : {}) };
  switch (fix.kind) {
    case 'rename':
      return { ...base, message: `Unknown ${noun} '${key}': ${name} is gated by '${fix.key}'`, data: { replacements: [fix.key], canRemove: context.fileKind === 'entitlements' } };
    case 'move': {
      const where = fix.file === 'infoPlist' ? 'the Info.plist key' : 'the entitlement';
      const not = context.fileKind === 'entitlements' ? 'not an entitlement' : 'not an Info.plist key';
      const companion = context.companion?.fileKind === fix.file ? context.companion : undefined;
      const companionEdit = companion === undefined ? undefined : insertEntryEdit(companion, fix.key, placeholderValueXml(fix.entry));
      return {
        ...base,
        message: `Unknown ${noun} '${key}': ${name} is gated by ${where} '${fix.key}', ${not}: add it there and remove this key`,
        docUrl: fix.entry.docUrl,
        data: { canRemove: true, ...(companionEdit === undefined ? {} : { companionEdit }) },
      };
    }
    case 'remove': {
      const reason = fix.reason === undefined ? '' : ` (${fix.reason})`;
      return { ...base, message: `Unknown ${noun} '${key}': no entitlement is needed for ${name}${reason}: remove it`, docUrl: fix.feature.source, data: { canRemove: true } };
    }
  }
}
