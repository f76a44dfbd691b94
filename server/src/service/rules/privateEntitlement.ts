/**
 * private-entitlement: a real entitlement that only Apple's own software may claim (`com.apple.private.*` and the
 * like). It is not a typo, so it is not `unknown-key`, but App Store and Developer ID signing never accept it.
 */
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

export const privateEntitlement: Rule = {
  code: 'private-entitlement',
  check(document, catalog, context) {
    if (context.fileKind !== 'entitlements') return [];
    const problems: Problem[] = [];
    for (const { key, keyRange, keyClass } of documentModel(document, catalog, context).topLevel) {
      if (keyClass.kind !== 'private') continue;
      problems.push({
        code: 'private-entitlement',
        ...keyRange,
        message: `'${key}' is private to Apple: App Store and Developer ID distribution never accept it`,
        data: { canRemove: true },
      });
    }
    return problems;
  },
};
