/**
 * A provisioning profile as plain data: the CMS envelope opened (`cms.ts`), the embedded XML plist parsed with the
 * project's own tolerant parser, and the fields signing cares about picked out and typed. Never throws: a file
 * that is not a profile gives a problem instead.
 */
import { parsePlist } from '../plist/parser';
import { toValue, type PlistValue } from '../plist/value';
import { readCertificate, readSignedData, type CertificateSummary } from './cms';

export type { CertificateSummary } from './cms';

/** What a profile says: who it is for, until when, on which devices, and which entitlements it grants. */
export interface ProvisioningProfile {
  readonly name: string;
  readonly uuid: string | undefined;
  /** The teams whose apps it signs (`TeamIdentifier`); in practice one. */
  readonly teamIdentifiers: readonly string[];
  readonly teamName: string | undefined;
  readonly appIdName: string | undefined;
  /** The App ID it signs, `TEAMID.com.example.app` or `TEAMID.com.example.*`, from its entitlements. */
  readonly applicationIdentifier: string | undefined;
  /** The App ID prefix (`ApplicationIdentifierPrefix`), usually the Team ID. */
  readonly applicationIdentifierPrefix: string | undefined;
  /** The bundle identifiers it signs: the App ID without its prefix, `com.example.app`, `com.example.*` or `*`. */
  readonly bundleIdentifierPattern: string | undefined;
  readonly expirationDate: Date | undefined;
  readonly creationDate: Date | undefined;
  /** How many devices it lists (`ProvisionedDevices`). */
  readonly provisionedDevices: number;
  /** True for enterprise (in-house) profiles, which run on any device. */
  readonly provisionsAllDevices: boolean;
  /** Apple's platform names as the profile writes them (`iOS`, `OSX`, `xrOS`...). */
  readonly platforms: readonly string[];
  readonly isXcodeManaged: boolean;
  /** The entitlements it grants, as plain values. */
  readonly entitlements: Readonly<Record<string, PlistValue>>;
  /** The developer certificates it allows to sign (`DeveloperCertificates`). */
  readonly certificates: readonly CertificateSummary[];
  /** The certificates that signed the profile itself (Apple's). */
  readonly signerCertificates: readonly CertificateSummary[];
  /** Where the profile was read from (a path), set by whoever read the file; for messages and hovers. */
  readonly location?: string;
}

/** A profile, or why the bytes are not one. */
export interface ProfileReading {
  readonly profile?: ProvisioningProfile;
  readonly problem?: string;
}

/** Reads a `.mobileprovision` / `.provisionprofile` file (or its already-decoded XML plist). */
export function readProvisioningProfile(bytes: Uint8Array): ProfileReading {
  let plistBytes: Uint8Array;
  let signerCertificates: readonly CertificateSummary[] = [];
  if (looksLikeXml(bytes)) {
    plistBytes = bytes;
  } else {
    const signed = readSignedData(bytes);
    if (signed.content === undefined) return { problem: signed.problem ?? 'not a provisioning profile' };
    plistBytes = signed.content;
    signerCertificates = signed.certificates;
  }
  const text = new TextDecoder('utf-8').decode(plistBytes);
  const parsed = parsePlist(text);
  const root = toValue(parsed);
  if (!isDictionary(root)) return { problem: parsed.problems[0]?.message ?? 'the signed content is not a property list' };
  if (!isDictionary(root.Entitlements) && typeof root.Name !== 'string') return { problem: 'the property list is not a provisioning profile (no Name or Entitlements)' };
  return { profile: profileOf(root, signerCertificates) };
}

function profileOf(root: { [key: string]: PlistValue }, signerCertificates: readonly CertificateSummary[]): ProvisioningProfile {
  const entitlements = isDictionary(root.Entitlements) ? root.Entitlements : {};
  const applicationIdentifier = stringOf(entitlements['application-identifier']) ?? stringOf(entitlements['com.apple.application-identifier']);
  const prefixes = stringsOf(root.ApplicationIdentifierPrefix);
  const teamIdentifiers = stringsOf(root.TeamIdentifier);
  const applicationIdentifierPrefix = prefixes[0] ?? (applicationIdentifier === undefined ? undefined : applicationIdentifier.slice(0, Math.max(0, applicationIdentifier.indexOf('.'))) || undefined);
  const certificates = (Array.isArray(root.DeveloperCertificates) ? root.DeveloperCertificates : [])
    .map((item) => (item instanceof Uint8Array ? readCertificate(item) : undefined))
    .filter((certificate): certificate is CertificateSummary => certificate !== undefined);
  return {
    name: stringOf(root.Name) ?? '(unnamed profile)',
    uuid: stringOf(root.UUID),
    teamIdentifiers: teamIdentifiers.length > 0 ? teamIdentifiers : stringsOf(entitlements['com.apple.developer.team-identifier']),
    teamName: stringOf(root.TeamName),
    appIdName: stringOf(root.AppIDName),
    applicationIdentifier,
    applicationIdentifierPrefix,
    bundleIdentifierPattern: bundlePatternOf(applicationIdentifier, [...prefixes, ...teamIdentifiers]),
    expirationDate: dateOf(root.ExpirationDate),
    creationDate: dateOf(root.CreationDate),
    provisionedDevices: Array.isArray(root.ProvisionedDevices) ? root.ProvisionedDevices.length : 0,
    provisionsAllDevices: root.ProvisionsAllDevices === true,
    platforms: stringsOf(root.Platform),
    isXcodeManaged: root.IsXcodeManaged === true,
    entitlements,
    certificates,
    signerCertificates,
  };
}

/** `TEAMID.com.example.app` without its prefix; the prefix is the part before the first dot when none is listed. */
function bundlePatternOf(applicationIdentifier: string | undefined, prefixes: readonly string[]): string | undefined {
  if (applicationIdentifier === undefined) return undefined;
  const prefix = prefixes.find((candidate) => applicationIdentifier.startsWith(`${candidate}.`));
  if (prefix !== undefined) return applicationIdentifier.slice(prefix.length + 1);
  const dot = applicationIdentifier.indexOf('.');
  return dot < 0 ? applicationIdentifier : applicationIdentifier.slice(dot + 1);
}

/** What kind of profile it is, as the developer portal names them, judged from its contents. */
export function profileKindOf(profile: ProvisioningProfile): string {
  if (profile.provisionsAllDevices) return 'Enterprise (in-house)';
  if (profile.entitlements['get-task-allow'] === true) return 'Development';
  if (profile.provisionedDevices > 0) return 'Ad Hoc';
  return profile.platforms.includes('OSX') ? 'Distribution (Mac App Store or Developer ID)' : 'App Store';
}

/** True when `bytes` start (after a byte order mark and blanks) with `<`: an XML plist rather than DER. */
function looksLikeXml(bytes: Uint8Array): boolean {
  let index = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (index < bytes.length && (bytes[index] === 0x20 || bytes[index] === 0x0a || bytes[index] === 0x0d || bytes[index] === 0x09)) index++;
  return bytes[index] === 0x3c;
}

function isDictionary(value: PlistValue | undefined): value is { [key: string]: PlistValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function stringOf(value: PlistValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringsOf(value: PlistValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function dateOf(value: PlistValue | undefined): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}
