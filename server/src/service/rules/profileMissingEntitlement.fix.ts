/** profile-missing-entitlement's fix: remove the entitlement the profile does not grant. */
import { removalFixes, type CodeFixes } from '../fixEdits';

export const profileMissingEntitlementFixes: CodeFixes = removalFixes;
