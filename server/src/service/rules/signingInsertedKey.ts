/**
 * signing-inserted-key: a key that code signing writes from the provisioning profile (`application-identifier`,
 * `com.apple.developer.team-identifier`, `get-task-allow`...) kept in a source `.entitlements` file. Signing fills it
 * in for whichever profile is used, so a fixed value here only matches one profile and breaks the others (a
 * development build with `get-task-allow` false cannot be debugged; an App Store upload with it true is rejected).
 *
 * Only Xcode's signing (and the tools that sign like it from a profile) inserts the keys, so the rule speaks only
 * where that is the signer: a file an Xcode target names in CODE_SIGN_ENTITLEMENTS, or else a file named the way
 * Xcode names them (`*.entitlements`) that claims nothing a profile could never grant. Files under other names
 * (`entitlements.mas.plist`, `ReleaseEntitlements.plist`) are signed by electron-builder, ldid or codesign scripts,
 * which take the keys as written; a file claiming Apple's private entitlements can only be signed without a profile,
 * and one that writes out the whole signing identity is prepared for a signer that inserts nothing (signingIdentity.ts).
 */
import { documentModel } from '../model/documentModel';
import { isSignedFromProfile } from '../model/signing';
import type { Problem, Rule } from '../types';

export const signingInsertedKey: Rule = {
  code: 'signing-inserted-key',
  check(document, catalog, context) {
    if (context.fileKind !== 'entitlements' || !isSignedFromProfile(document, catalog, context)) return [];
    const problems: Problem[] = [];
    for (const { key, keyRange, keyClass } of documentModel(document, catalog, context).topLevel) {
      if (keyClass.kind !== 'real' || keyClass.entry.signingInsertedNote === undefined) continue;
      problems.push({
        code: 'signing-inserted-key',
        ...keyRange,
        message: `'${key}' does not belong in a source entitlements file: ${keyClass.entry.signingInsertedNote}`,
        docUrl: keyClass.entry.docUrl,
        isUnnecessary: true,
        data: { canRemove: true },
      });
    }
    return problems;
  },
};
