/**
 * Whether a key documented for some platforms is usable on a target's platforms. Apple's per-key platform lists
 * are reliable across the Mac/device divide but not within it (the HealthKit entitlement page omits watchOS, where
 * it is used every day), so the check separates only the two families: Mac (macOS, DriverKit) and devices (iOS,
 * iPadOS, tvOS, watchOS, visionOS). Mac Catalyst apps run iOS code inside the Mac sandbox and may use both.
 * Within a family, `isDocumentedFor` says which keys are documented for the target itself, to rank them first.
 */
import type { Platform } from '../../../shared/src/catalog';

const MAC: ReadonlySet<Platform> = new Set<Platform>(['macOS', 'DriverKit']);
const DEVICE: ReadonlySet<Platform> = new Set<Platform>(['iOS', 'iPadOS', 'tvOS', 'watchOS', 'visionOS']);

/** True when a key documented for `keyPlatforms` works on at least one of `targetPlatforms` (or either is unknown). */
export function isAvailableOn(keyPlatforms: readonly Platform[], targetPlatforms: readonly Platform[]): boolean {
  if (keyPlatforms.length === 0 || targetPlatforms.length === 0) return true;
  const keyHasMac = keyPlatforms.some((platform) => MAC.has(platform) || platform === 'MacCatalyst');
  const keyHasDevice = keyPlatforms.some((platform) => DEVICE.has(platform) || platform === 'MacCatalyst');
  return targetPlatforms.some((platform) => platform === 'MacCatalyst' || (MAC.has(platform) ? keyHasMac : keyHasDevice));
}

/**
 * An iOS app also runs on iPad and, through Mac Catalyst, on the Mac, so what is documented for any of those fits an
 * iOS target; a Mac Catalyst target also takes macOS keys (the sandbox entitlements, for one).
 */
const RELATED: Readonly<Partial<Record<Platform, readonly Platform[]>>> = {
  iOS: ['iOS', 'iPadOS', 'MacCatalyst'],
  iPadOS: ['iPadOS', 'iOS', 'MacCatalyst'],
  MacCatalyst: ['MacCatalyst', 'iOS', 'iPadOS', 'macOS'],
};

/**
 * True when a key or value documented for `platforms` is documented for one of `targetPlatforms` or a platform the
 * target also runs on (anything fits an unknown target): stricter than `isAvailableOn`, for ranking and for values.
 */
export function isDocumentedFor(platforms: readonly Platform[] | undefined, targetPlatforms: readonly Platform[]): boolean {
  if (targetPlatforms.length === 0 || platforms === undefined || platforms.length === 0) return true;
  return targetPlatforms.some((target) => (RELATED[target] ?? [target]).some((platform) => platforms.includes(platform)));
}
