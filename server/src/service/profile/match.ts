/**
 * Which provisioning profile signs an entitlements file: the one for its target's bundle identifier and team, as
 * Xcode picks them. An exact App ID beats a wildcard (`com.example.*`, then `*`), a profile that has not expired
 * beats one that has, one for the target's platform beats one for another, and the newest wins the rest.
 */
import type { Platform } from '../../../../shared/src/catalog';
import type { PlistValue } from '../plist/value';
import { topLevelEntries } from '../plist/walk';
import { hasBuildTimeReference } from '../model/catalogValues';
import type { DocumentContext } from '../types';
import type { ProvisioningProfile } from './profile';

/** The bundle identifiers and teams a file is signed for, as far as they are known. */
export interface SigningIdentity {
  readonly bundleIdentifiers: readonly string[];
  readonly teamIdentifiers: readonly string[];
}

/** The platform names profiles use (`Platform`) for each of ours. */
const PROFILE_PLATFORMS: Readonly<Record<Platform, readonly string[]>> = {
  iOS: ['iOS'],
  iPadOS: ['iOS'],
  MacCatalyst: ['OSX', 'iOS'],
  macOS: ['OSX'],
  tvOS: ['tvOS', 'iOS'],
  watchOS: ['watchOS', 'iOS'],
  visionOS: ['xrOS', 'visionOS', 'iOS'],
  DriverKit: ['OSX', 'iOS'],
};

/**
 * The identity from the target (`PRODUCT_BUNDLE_IDENTIFIER`, `DEVELOPMENT_TEAM` in the Xcode project), else from
 * the companion Info.plist's `CFBundleIdentifier` when it is written out rather than a build-setting reference.
 */
export function signingIdentityOf(context: Pick<DocumentContext, 'target' | 'companion'>): SigningIdentity {
  const teamIdentifiers = context.target.teamIdentifiers ?? [];
  const fromProject = context.target.bundleIdentifiers ?? [];
  if (fromProject.length > 0) return { bundleIdentifiers: fromProject, teamIdentifiers };
  const companion = context.companion;
  if (companion?.fileKind !== 'infoPlist') return { bundleIdentifiers: [], teamIdentifiers };
  const value = topLevelEntries(companion.parsed).find((entry) => entry.key.text === 'CFBundleIdentifier')?.value;
  const literal = value?.kind === 'string' && value.text.trim() !== '' && !hasBuildTimeReference(value.text) ? value.text.trim() : undefined;
  return { bundleIdentifiers: literal === undefined ? [] : [literal], teamIdentifiers };
}

/**
 * How well an App ID pattern fits a bundle identifier: 0 when it does not, else higher for more specific
 * patterns (an exact match beats every wildcard, and `com.example.*` beats `*`).
 */
export function bundleMatchScore(pattern: string, bundleIdentifier: string): number {
  if (pattern === bundleIdentifier) return Number.MAX_SAFE_INTEGER;
  if (!pattern.endsWith('*')) return 0;
  const stem = pattern.slice(0, -1);
  return bundleIdentifier.startsWith(stem) ? stem.length + 1 : 0;
}

/**
 * The best profile among `profiles` for `identity` at time `now`, or `undefined` when none is for its bundle
 * identifier. When the team is known, profiles of other teams are never chosen: automatic signing would make one
 * for the right team, so a stale profile of another team is not the one that signs.
 */
export function chooseProfile(profiles: readonly ProvisioningProfile[], identity: SigningIdentity, platforms: readonly Platform[], now: Date): ProvisioningProfile | undefined {
  const wantedPlatforms = new Set(platforms.flatMap((platform) => PROFILE_PLATFORMS[platform]));
  let best: { profile: ProvisioningProfile; rank: number[] } | undefined;
  for (const profile of profiles) {
    const pattern = profile.bundleIdentifierPattern;
    if (pattern === undefined) continue;
    const score = Math.max(0, ...identity.bundleIdentifiers.map((bundleIdentifier) => bundleMatchScore(pattern, bundleIdentifier)));
    if (score === 0) continue;
    if (identity.teamIdentifiers.length > 0 && !profile.teamIdentifiers.some((team) => identity.teamIdentifiers.includes(team))) continue;
    const rank = [
      isExpired(profile, now) ? 0 : 1,
      score,
      wantedPlatforms.size === 0 || profile.platforms.some((platform) => wantedPlatforms.has(platform)) ? 1 : 0,
      profile.creationDate?.getTime() ?? 0,
      profile.expirationDate?.getTime() ?? 0,
    ];
    if (best === undefined || compareRanks(rank, best.rank) > 0) best = { profile, rank };
  }
  return best?.profile;
}

/** True when the profile's expiration date has passed. */
export function isExpired(profile: ProvisioningProfile, now: Date): boolean {
  return profile.expirationDate !== undefined && profile.expirationDate.getTime() <= now.getTime();
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The value a profile grants for `key`, or `undefined` when it does not grant the key. */
export function grantOf(profile: ProvisioningProfile, key: string): PlistValue | undefined {
  return Object.prototype.hasOwnProperty.call(profile.entitlements, key) ? profile.entitlements[key] : undefined;
}
