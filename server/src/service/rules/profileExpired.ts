/**
 * profile-expired: the provisioning profile that signs the file has passed its expiration date. Xcode will not sign
 * with it, and builds already installed with it stop launching; the fix is in the developer portal, so the
 * diagnostic sits on the file's root `<dict>` tag.
 */
import { compareWithProfile } from '../profile/grants';
import type { Rule } from '../types';

export const profileExpired: Rule = {
  code: 'profile-expired',
  check: (document, catalog, context) => compareWithProfile(document, catalog, context).filter((problem) => problem.code === 'profile-expired'),
};
