/**
 * managed-entitlement: an entitlement Apple must approve before an app that claims it can be distributed (SensorKit,
 * notification filtering, payment-pass provisioning...). Signing for distribution fails until the request is
 * granted, so we say so while the key is typed, not at upload.
 */
import { classifiedTopLevelEntries } from '../keyClassification';
import { elementTextRange } from '../plist/walk';
import type { Problem, Rule } from './types';

export const managedEntitlement: Rule = {
  code: 'managed-entitlement',
  check(document, catalog, context) {
    if (context.fileKind !== 'entitlements') return [];
    const problems: Problem[] = [];
    for (const { key, keyElement, keyClass } of classifiedTopLevelEntries(document, catalog, context)) {
      if (keyClass.kind !== 'real' || !keyClass.entry.isManaged) continue;
      const how = keyClass.entry.managedNote === undefined ? '' : `: ${keyClass.entry.managedNote.replace(/\.$/, '')}`;
      problems.push({
        code: 'managed-entitlement',
        ...elementTextRange(document.table, keyElement),
        message: `'${key}' needs Apple's approval before distribution${how}`,
        docUrl: keyClass.entry.docUrl,
      });
    }
    return problems;
  },
};
