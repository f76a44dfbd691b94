/**
 * User settings as the code sees them. Raw settings arrive as `unknown` (from `workspace/configuration` or a
 * CLI flag) and are narrowed here once, field by field, falling back to defaults.
 */
import type { Platform } from './catalog';
import { readProductType, type ProductType } from './target';
import { isDiagnosticCode, type DiagnosticCode, type SeveritySetting } from './diagnosticCodes';

/** The configuration section in VS Code. */
export const SETTINGS_SECTION = 'plistSentinel';

export interface Settings {
  /** Severity overrides per diagnostic code; `off` silences a code. */
  readonly severity: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
  /** Keys accepted without `unknown-key` (enterprise or private use). */
  readonly allowedKeys: readonly string[];
  /** The target platform, overriding what is inferred. */
  readonly platform: Platform | undefined;
  /** The kind of target, overriding what is inferred. */
  readonly productType: ProductType | undefined;
  /** Provisioning profiles (files or folders of them) to match entitlements files against, besides the workspace's. */
  readonly profilePaths: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = { severity: {}, allowedKeys: [], platform: undefined, productType: undefined, profilePaths: [] };

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
export const PLATFORMS: readonly Platform[] = ['iOS', 'iPadOS', 'macOS', 'MacCatalyst', 'tvOS', 'watchOS', 'visionOS', 'DriverKit'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a platform name case-insensitively (`ios`, `macOS`...). */
export function readPlatform(raw: unknown): Platform | undefined {
  if (typeof raw !== 'string') return undefined;
  return PLATFORMS.find((platform) => platform.toLowerCase() === raw.trim().toLowerCase());
}

/** Narrows raw settings to `Settings`; anything malformed falls back to its default. */
export function readSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const severity: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  if (isRecord(raw.severity)) {
    for (const [code, value] of Object.entries(raw.severity)) {
      const normalized = typeof value === 'string' ? normalizeSeverity(value) : undefined;
      if (isDiagnosticCode(code) && normalized !== undefined) severity[code] = normalized;
    }
  }
  const allowedKeys = Array.isArray(raw.allowedKeys) ? raw.allowedKeys.filter((key): key is string => typeof key === 'string' && key !== '') : [];
  const profilePaths = Array.isArray(raw.profilePaths) ? raw.profilePaths.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
  return { severity, allowedKeys, platform: readPlatform(raw.platform), productType: readProductType(raw.productType), profilePaths };
}

function normalizeSeverity(value: string): SeveritySetting | undefined {
  const lower = value.trim().toLowerCase();
  if (lower === 'info') return 'information';
  if (lower === 'ignore' || lower === 'none') return 'off';
  return SEVERITIES.find((severity) => severity === lower);
}
