/**
 * misplaced-key: an Info.plist key in an `.entitlements` file, or an entitlement in `Info.plist`. The system reads
 * each key from one file only, so a key in the other file does nothing (and an unknown entitlement fails signing).
 */
import { insertEntryEdit } from '../companionEdits';
import { classifiedTopLevelEntries } from '../keyClassification';
import { keyTextRange } from '../plist/walk';
import type { Problem, Rule } from './types';

export const misplacedKey: Rule = {
  code: 'misplaced-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    for (const { entry, keyClass } of classifiedTopLevelEntries(document, catalog, context)) {
      if (keyClass.kind !== 'misplaced') continue;
      const message = keyClass.belongsIn === 'infoPlist'
        ? `'${entry.key.text}' is an Info.plist key, not an entitlement: move it to the target's Info.plist`
        : `'${entry.key.text}' is an entitlement, not an Info.plist key: move it to the target's .entitlements file`;
      // With the other file known, the fix moves the entry there; the value is copied as written.
      const companion = context.companion?.fileKind === keyClass.belongsIn ? context.companion : undefined;
      const valueXml = entry.value === undefined ? undefined : document.text.slice(entry.value.offset, entry.value.end);
      const companionEdit = companion === undefined || valueXml === undefined ? undefined : insertEntryEdit(companion, entry.key.text, valueXml);
      problems.push({
        code: 'misplaced-key',
        ...keyTextRange(entry),
        message,
        docUrl: keyClass.entry.docUrl,
        data: { canRemove: true, ...(companionEdit === undefined ? {} : { companionEdit }) },
      });
    }
    return problems;
  },
};
