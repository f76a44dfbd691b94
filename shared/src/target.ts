/**
 * What the checker knows about the target a file belongs to: its platforms and product type, and why it believes
 * so (shown in the hover on the plist root).
 */
import type { Platform } from './catalog';

/** The kinds of target whose rules differ. */
export type ProductType = 'app' | 'app-clip' | 'app-extension' | 'system-extension' | 'driver-extension';

export const PRODUCT_TYPES: readonly ProductType[] = ['app', 'app-clip', 'app-extension', 'system-extension', 'driver-extension'];

export interface TargetInfo {
  /** Platforms the target builds for; empty when unknown (platform rules then stay quiet). */
  readonly platforms: readonly Platform[];
  /**
   * Where the platforms come from: the Xcode project or the user are trusted; a guess from the file's keys or
   * folder only informs (platform diagnostics are then information, not warnings).
   */
  readonly platformSource?: 'project' | 'user' | 'guess';
  readonly productType: ProductType | undefined;
  /** The Xcode target's name, when the file was matched to one. */
  readonly name?: string;
  /** The target's `PRODUCT_BUNDLE_IDENTIFIER`s (one per configuration that differs), written out; picks its profile. */
  readonly bundleIdentifiers?: readonly string[];
  /** The target's `DEVELOPMENT_TEAM`s, when the project sets them. */
  readonly teamIdentifiers?: readonly string[];
  /** One line per fact used, e.g. "SDKROOT = iphoneos in target MyApp (MyApp.xcodeproj)". */
  readonly reasons: readonly string[];
}

export const UNKNOWN_TARGET: TargetInfo = { platforms: [], productType: undefined, reasons: [] };

/** Parses a product type name as users write it (`app-clip`, `appclip`...). */
export function readProductType(raw: unknown): ProductType | undefined {
  if (typeof raw !== 'string') return undefined;
  const normalized = raw.trim().toLowerCase().replace(/[\s_]/g, '-');
  if (normalized === 'appclip') return 'app-clip';
  return PRODUCT_TYPES.find((type) => type === normalized);
}
