/**
 * profile-wrong-team: the provisioning profile belongs to another team than the target's `DEVELOPMENT_TEAM` (on the
 * root `<dict>` tag), or a value spells out another team's ID (`OTHERTEAM1.com.example.shared`) where the profile
 * grants only its own team's prefix. Signing fails either way; `$(TeamIdentifierPrefix)` is the fix for a value.
 */
import { compareWithProfile } from '../profile/grants';
import type { Rule } from '../types';

export const profileWrongTeam: Rule = {
  code: 'profile-wrong-team',
  check: (document, catalog, context) => compareWithProfile(document, catalog, context).filter((problem) => problem.code === 'profile-wrong-team'),
};
