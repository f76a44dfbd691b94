/**
 * Whether an entitlements file spells out the whole signing identity as literals: an application identifier
 * `TEAMID.bundle` (either form) together with `com.apple.developer.team-identifier` naming the same team. Xcode writes
 * both from the profile at signing and nobody signing with it has reason to write them out, while the signers that
 * take entitlements as written (Bazel's rules_apple, electron-builder, ldid and codesign scripts) need exactly this
 * pair for a profile's restricted entitlements to match. So a file carrying it, when no Xcode target is known to
 * sign it, is taken as signed as written.
 */
import type { PlistDocument } from '../plist/nodes';
import { topLevelEntries } from '../plist/walk';

const APPLICATION_IDENTIFIERS = new Set(['application-identifier', 'com.apple.application-identifier']);
const TEAM_IDENTIFIER = 'com.apple.developer.team-identifier';
/** A Team ID as Apple issues them: ten upper-case letters and digits. */
const TEAM_ID = /^[A-Z0-9]{10}$/;

export function writesOutSigningIdentity(document: PlistDocument): boolean {
  let team: string | undefined;
  const applicationTeams: string[] = [];
  for (const { key, value } of topLevelEntries(document)) {
    if (value?.kind !== 'string') continue;
    const text = value.text.trim();
    if (key.text === TEAM_IDENTIFIER) team = text;
    else if (APPLICATION_IDENTIFIERS.has(key.text)) applicationTeams.push(text.slice(0, text.indexOf('.')));
  }
  return team !== undefined && TEAM_ID.test(team) && applicationTeams.includes(team);
}
