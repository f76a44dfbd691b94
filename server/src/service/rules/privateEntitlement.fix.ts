/** private-entitlement's fix: remove the key, which no third-party app may sign with. */
import { removalFixes, type CodeFixes } from '../fixEdits';

export const privateEntitlementFixes: CodeFixes = removalFixes;
