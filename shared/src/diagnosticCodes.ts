/**
 * Every diagnostic code the checker reports. Codes are public API: users name them in settings and in CI
 * baselines, so a code is never renamed or reused.
 */

/** Severity names as users write them in settings. `off` drops the diagnostic. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = SeverityName | 'off';

/** Where our own documentation of each code lives; `#<code>` is appended. */
export const DIAGNOSTICS_DOCS_URL = 'https://github.com/plist-sentinel/plist-sentinel/blob/main/docs/diagnostics.md';

/** The `source` of every diagnostic we publish. */
export const DIAGNOSTIC_SOURCE = 'plist-sentinel';

export interface DiagnosticCodeInfo {
  readonly defaultSeverity: SeverityName;
  /** One sentence for the README table and docs. */
  readonly summary: string;
}

export const DIAGNOSTIC_CODES = {
  'plist-syntax': {
    defaultSeverity: 'error',
    summary: 'The file is not a well-formed XML property list: an unclosed tag, a key without a value, a value without a key, an unknown element or entity.',
  },
  'hallucinated-key': {
    defaultSeverity: 'error',
    summary: 'A key that people and AI tools invent but Apple never defined, such as com.apple.developer.push-notifications; the message names what is real instead.',
  },
  'unknown-key': {
    defaultSeverity: 'error',
    summary: 'An entitlement that is not in the catalog (signing rejects it), or an Info.plist key in an Apple namespace that is a near miss of a real one, such as NSCameraUsageDescriptions.',
  },
  'duplicate-key': {
    defaultSeverity: 'warning',
    summary: 'The same key appears twice in one dictionary; only one of the values takes effect.',
  },
  'misplaced-key': {
    defaultSeverity: 'error',
    summary: 'An Info.plist key in an .entitlements file, or an entitlement in Info.plist, where the system never reads it.',
  },
  'private-entitlement': {
    defaultSeverity: 'warning',
    summary: 'A real entitlement that only Apple\'s own software may claim (com.apple.private.* and the like); App Store and Developer ID signing never accept it.',
  },
  'managed-entitlement': {
    defaultSeverity: 'information',
    summary: 'An entitlement Apple must approve before distribution (SensorKit, notification filtering, payment-pass provisioning...); the message says how it is obtained.',
  },
  'deprecated-key': {
    // A hint, shown struck through: many deprecated keys are still needed for older deployment targets
    // (NSCalendarsUsageDescription before iOS 17), so they are not mistakes.
    defaultSeverity: 'hint',
    summary: 'A key Apple has deprecated, shown struck through; newer systems ignore it (older ones may still need it), and the replacement is offered as a fix.',
  },
  'platform-mismatch': {
    defaultSeverity: 'warning',
    summary: "A key that is not available on the target's platforms, with the other platform's form where one exists (aps-environment on macOS is com.apple.developer.aps-environment).",
  },
  'app-clip-unsupported': {
    defaultSeverity: 'error',
    summary: 'A key that App Clips may not use, in an App Clip target; App Store validation rejects it or the API returns nothing.',
  },
  'missing-companion': {
    defaultSeverity: 'warning',
    summary: "What one file needs from the other: a purpose string for an entitlement that shows a permission prompt, aps-environment for remote-notification background mode, and the other well-founded pairs.",
  },
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** All codes, in documentation order. */
export const ALL_DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/** True when `value` is one of our codes. */
export function isDiagnosticCode(value: unknown): value is DiagnosticCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, value);
}

/** The docs link for a code. */
export function docsUrlOf(code: DiagnosticCode): string {
  return `${DIAGNOSTICS_DOCS_URL}#${code}`;
}

/**
 * What a quick fix needs, carried in `Diagnostic.data` so fixes are built from the diagnostic and the document
 * alone, with no cache on the server.
 */
export interface DiagnosticData {
  /** Keys that can replace the flagged key, best first. */
  readonly replacements?: readonly string[];
  /** The flagged key can simply be removed. */
  readonly canRemove?: boolean;
  /**
   * An insertion into the target's other file (the entry a `missing-companion` fix adds, or where a `misplaced-key`
   * fix moves the key), computed against that file's text when the diagnostic was made.
   */
  readonly companionEdit?: CompanionEdit;
}

/** One insertion into the companion file, in LSP terms. */
export interface CompanionEdit {
  readonly uri: string;
  /** `Info.plist` or the entitlements file's name, for the fix's title. */
  readonly fileName: string;
  readonly key: string;
  readonly position: { readonly line: number; readonly character: number };
  readonly newText: string;
}
