/**
 * misplaced-key: an Info.plist key in an `.entitlements` file, or an entitlement in `Info.plist`. The system reads
 * each key from one file only, so a key in the other file does nothing (and an unknown entitlement fails signing).
 * A sub-key out of its dict is reported by misplacedSubKey.ts.
 */
import { insertEntryEdit } from '../companionEdits';
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';
import { misplacedSubKeys } from './misplacedSubKey';

export const misplacedKey: Rule = {
  code: 'misplaced-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    for (const classified of documentModel(document, catalog, context).topLevel) {
      const { key, keyRange, keyClass } = classified;
      if (keyClass.kind !== 'misplaced' || keyClass.within !== undefined) continue;
      const message = keyClass.belongsIn === 'privacyManifest'
        ? `'${key}' is a privacy manifest key, read only from PrivacyInfo.xcprivacy: move it there`
        : keyClass.belongsIn === 'infoPlist'
          ? `'${key}' is an Info.plist key, not an entitlement: move it to the target's Info.plist`
          : `'${key}' is an entitlement, not an Info.plist key: move it to the target's .entitlements file`;
      // With the other file known, the fix moves the entry there; the value is copied as written.
      const companion = context.companion?.fileKind === keyClass.belongsIn ? context.companion : undefined;
      const value = classified.entry.value;
      const valueXml = value === undefined ? undefined : document.text.slice(value.offset, value.end);
      const companionEdit = companion === undefined || valueXml === undefined ? undefined : insertEntryEdit(companion, key, valueXml);
      problems.push({
        code: 'misplaced-key',
        ...keyRange,
        message,
        docUrl: keyClass.entry.docUrl,
        data: { canRemove: true, ...(companionEdit === undefined ? {} : { companionEdit }) },
      });
    }
    return [...problems, ...misplacedSubKeys(document, catalog, context)];
  },
};
