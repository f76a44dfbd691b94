/**
 * profile-value-mismatch: a value outside what the provisioning profile grants for its key: `aps-environment`
 * development against a profile that grants production, or an app group, keychain group, iCloud container or
 * associated domain the profile does not list (after `$(TeamIdentifierPrefix)` is expanded and the profile's
 * wildcards applied). Signing or installation fails on it, so the fix offers the profile's own values.
 */
import { compareWithProfile } from '../profile/grants';
import type { Rule } from '../types';

export const profileValueMismatch: Rule = {
  code: 'profile-value-mismatch',
  check: (document, catalog, context) => compareWithProfile(document, catalog, context).filter((problem) => problem.code === 'profile-value-mismatch'),
};
