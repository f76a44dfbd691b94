/**
 * Every diagnostic code the checker reports. Codes are public API: users name them in settings and in CI
 * baselines, so a code is never renamed or reused.
 */

import type { ValueType } from './catalog';

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
  'invalid-value-type': {
    defaultSeverity: 'error',
    summary: 'A value of the wrong element type for its key, such as <string>YES</string> where a boolean is needed or a lone string where an array is; the reader ignores it or fails.',
  },
  'invalid-value': {
    // A warning by default; the rule raises entitlement enumerations to errors, because signing compares those
    // values with the provisioning profile and fails, and so an array that Apple says takes exactly one entry and
    // holds none or more.
    defaultSeverity: 'warning',
    summary: 'A value the key does not accept: not one of its documented values (aps-environment = prod), or in a format that cannot work (an associated domain without applinks:, an app group without group.).',
  },
  'empty-usage-description': {
    defaultSeverity: 'warning',
    summary: 'A privacy usage description that is empty or a placeholder (TODO, lorem ipsum, the key name); the permission prompt shows it, and App Review rejects the app.',
  },
  'signing-inserted-key': {
    defaultSeverity: 'warning',
    summary: 'A key that code signing writes from the provisioning profile (application-identifier, get-task-allow...) kept in a source .entitlements file, where it breaks signing for other profiles.',
  },
  'profile-missing-entitlement': {
    defaultSeverity: 'error',
    summary: "An entitlement the file claims but its provisioning profile does not grant (a capability not enabled for the App ID, or a managed entitlement Apple has not approved); signing fails with \"Provisioning profile doesn't include the ... entitlement\" (ITMS-90164 at upload).",
  },
  'profile-value-mismatch': {
    defaultSeverity: 'error',
    summary: 'A value outside what the provisioning profile grants: aps-environment development against a production profile, or an app group, keychain group, iCloud container or associated domain the profile does not list.',
  },
  'profile-expired': {
    defaultSeverity: 'warning',
    summary: 'The provisioning profile that signs the file has expired; Xcode will not sign with it and installed builds stop launching.',
  },
  'profile-wrong-team': {
    defaultSeverity: 'error',
    summary: "The provisioning profile belongs to another team than the target's DEVELOPMENT_TEAM, or a value names another team's ID where the profile grants only its own.",
  },
  'missing-api-declaration': {
    defaultSeverity: 'error',
    summary: "A required-reason API the target's code uses (file timestamps, system boot time, disk space, active keyboards, user defaults) with no category declared in PrivacyInfo.xcprivacy; App Store Connect rejects the upload (ITMS-91053). The fix adds the category with a reason to choose.",
  },
  'unused-suppression': {
    defaultSeverity: 'warning',
    summary: 'A plist-sentinel-disable comment that suppresses nothing (the finding it was written for is gone, or the code is misspelt); the fix removes it.',
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
  /** Texts that can replace the flagged value's text, best first (`invalid-value`). */
  readonly valueReplacements?: readonly string[];
  /** The element type the flagged value converts to without losing its meaning (`invalid-value-type`). */
  readonly convertTo?: ValueType;
  /**
   * The array holding the flagged item keeps only its first this many items; the others are removed
   * (`invalid-value`, for an entitlement that takes exactly one entry).
   */
  readonly keepFirstItems?: number;
  /**
   * An insertion into the target's other file (the entry a `missing-companion` fix adds, or where a `misplaced-key`
   * fix moves the key), computed against that file's text when the diagnostic was made.
   */
  readonly companionEdit?: CompanionEdit;
  /**
   * What replaces an unused suppression comment (the diagnostic's range): `''` removes it (with its line when it
   * stands alone there), else the comment without the codes it suppressed nothing for (`unused-suppression`).
   */
  readonly suppressionReplacement?: string;
}

/** One insertion into the companion file, in LSP terms. */
export interface CompanionEdit {
  /** The file to edit; empty for the diagnosed file itself (a key that needs another key of the same Info.plist). */
  readonly uri: string;
  /** `Info.plist` or the entitlements file's name, for the fix's title. */
  readonly fileName: string;
  readonly key: string;
  readonly position: { readonly line: number; readonly character: number };
  /** Where the replaced text ends, when the edit replaces rather than inserts (a self-closed `<dict/>` root). */
  readonly end?: { readonly line: number; readonly character: number };
  readonly newText: string;
}
