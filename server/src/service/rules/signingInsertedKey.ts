/**
 * signing-inserted-key: a key that code signing writes from the provisioning profile (`application-identifier`,
 * `com.apple.developer.team-identifier`, `get-task-allow`...) kept in a source `.entitlements` file. Signing fills it
 * in for whichever profile is used, so a fixed value here only matches one profile and breaks the others (a
 * development build with `get-task-allow` false cannot be debugged; an App Store upload with it true is rejected).
 * Jailbreak and sideloading projects keep such keys on purpose for their own signing tools; the warning is still
 * true of Apple's signing, and those projects can turn the code off.
 */
import { classifiedTopLevelEntries } from '../keyClassification';
import { elementTextRange } from '../plist/walk';
import type { Problem, Rule } from './types';

export const signingInsertedKey: Rule = {
  code: 'signing-inserted-key',
  check(document, catalog, context) {
    if (context.fileKind !== 'entitlements') return [];
    const problems: Problem[] = [];
    for (const { key, keyElement, keyClass } of classifiedTopLevelEntries(document, catalog, context)) {
      if (keyClass.kind !== 'real' || keyClass.entry.signingInsertedNote === undefined) continue;
      problems.push({
        code: 'signing-inserted-key',
        ...elementTextRange(document.table, keyElement),
        message: `'${key}' does not belong in a source entitlements file: ${keyClass.entry.signingInsertedNote}`,
        docUrl: keyClass.entry.docUrl,
        isUnnecessary: true,
        data: { canRemove: true },
      });
    }
    return problems;
  },
};
