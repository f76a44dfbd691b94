/**
 * profile-missing-entitlement: an entitlement the file claims that its provisioning profile does not grant: a
 * capability not enabled for the App ID, or a managed entitlement Apple has not approved. Signing fails ("Provisioning
 * profile doesn't include the ... entitlement"), or App Store Connect rejects the upload (ITMS-90164); we say so while
 * the key is typed. Keys that signing writes itself and macOS's unrestricted keys are not expected in the profile.
 */
import { compareWithProfile } from '../profile/grants';
import type { Rule } from '../types';

export const profileMissingEntitlement: Rule = {
  code: 'profile-missing-entitlement',
  check: (document, catalog, context) => compareWithProfile(document, catalog, context).filter((problem) => problem.code === 'profile-missing-entitlement'),
};
