/**
 * managed-entitlement: an entitlement Apple must approve before an app that claims it can be distributed (SensorKit,
 * notification filtering, payment-pass provisioning...). Signing for distribution fails until the request is
 * granted, so we say so while the key is typed, not at upload.
 */
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

export const managedEntitlement: Rule = {
  code: 'managed-entitlement',
  check(document, catalog, context) {
    if (context.fileKind !== 'entitlements') return [];
    const problems: Problem[] = [];
    for (const { key, keyRange, keyClass } of documentModel(document, catalog, context).topLevel) {
      if (keyClass.kind !== 'real' || !keyClass.entry.isManaged) continue;
      const how = keyClass.entry.managedNote === undefined ? '' : `: ${keyClass.entry.managedNote.replace(/\.$/, '')}`;
      problems.push({
        code: 'managed-entitlement',
        ...keyRange,
        message: `'${key}' needs Apple's approval before distribution${how}`,
        docUrl: keyClass.entry.docUrl,
      });
    }
    return problems;
  },
};
