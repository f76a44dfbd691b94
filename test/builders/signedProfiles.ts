/**
 * Builds real provisioning profiles for tests: an XML plist with the fields Apple writes, signed on the fly with
 * `openssl cms -sign` by a throwaway key and certificate made in a temp folder. Also a plain-data builder for the
 * pure tests that need a `ProvisioningProfile` but no file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PlistValue } from '../../server/src/service/plist/value';
import type { ProvisioningProfile } from '../../server/src/service/profile/profile';
import type { DocumentContext } from '../../server/src/service/types';
import type { Diagnostic } from 'vscode-languageserver-types';
import { context, findings, service, textDocument } from '../unit/helpers';

export const TEAM = 'ABCDE12345';
export const OTHER_TEAM = 'ZYXWV98765';
const DAY_MS = 24 * 60 * 60 * 1000;

/** True when `openssl` runs; the Debian package is `openssl`. */
export function hasOpenssl(): boolean {
  const result = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return result.status === 0;
}

/** What a test profile says; everything has an ordinary default. */
export interface ProfileSpec {
  readonly name?: string;
  readonly team?: string;
  readonly teamName?: string;
  readonly bundleIdentifier?: string;
  readonly entitlements?: Readonly<Record<string, PlistValue>>;
  readonly expirationDate?: Date;
  readonly creationDate?: Date;
  readonly devices?: number;
  readonly platforms?: readonly string[];
  readonly provisionsAllDevices?: boolean;
  readonly developerCertificates?: readonly Uint8Array[];
  readonly uuid?: string;
}

/** The profile's XML plist, as Apple writes it (keys in Apple's order, dates in UTC). */
export function profilePlist(spec: ProfileSpec = {}): string {
  const team = spec.team ?? TEAM;
  const bundleIdentifier = spec.bundleIdentifier ?? 'com.example.myapp';
  const root: Record<string, PlistValue> = {
    AppIDName: 'My App',
    ApplicationIdentifierPrefix: [team],
    CreationDate: spec.creationDate ?? new Date(Date.now() - DAY_MS),
    Platform: [...(spec.platforms ?? ['iOS'])],
    IsXcodeManaged: false,
    DeveloperCertificates: [...(spec.developerCertificates ?? [])],
    Entitlements: {
      'application-identifier': `${team}.${bundleIdentifier}`,
      'keychain-access-groups': [`${team}.*`, 'com.apple.token'],
      'get-task-allow': true,
      'com.apple.developer.team-identifier': team,
      ...(spec.entitlements ?? {}),
    },
    ExpirationDate: spec.expirationDate ?? new Date(Date.now() + 300 * DAY_MS),
    Name: spec.name ?? 'My App Development',
    ...(spec.devices === 0 ? {} : { ProvisionedDevices: Array.from({ length: spec.devices ?? 2 }, (_, index) => `00008030-00000000000000${index}`) }),
    ...(spec.provisionsAllDevices === true ? { ProvisionsAllDevices: true } : {}),
    TeamIdentifier: [team],
    TeamName: spec.teamName ?? 'Example Corp',
    TimeToLive: 300,
    UUID: spec.uuid ?? '0f6c2a52-1111-4a2b-9c3d-000000000001',
    Version: 1,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${xmlOf(root, '')}\n</plist>\n`;
}

function xmlOf(value: PlistValue, indent: string): string {
  const inner = `${indent}\t`;
  if (typeof value === 'string') return `${indent}<string>${escape(value)}</string>`;
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') return `${indent}<integer>${value}</integer>`;
  if (value instanceof Date) return `${indent}<date>${value.toISOString().replace(/\.\d{3}Z$/, 'Z')}</date>`;
  if (value instanceof Uint8Array) return `${indent}<data>${Buffer.from(value).toString('base64')}</data>`;
  if (Array.isArray(value)) return value.length === 0 ? `${indent}<array/>` : `${indent}<array>\n${value.map((item) => xmlOf(item, inner)).join('\n')}\n${indent}</array>`;
  const entries = Object.entries(value).map(([key, item]) => `${inner}<key>${escape(key)}</key>\n${xmlOf(item, inner)}`);
  return `${indent}<dict>\n${entries.join('\n')}\n${indent}</dict>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A signer made once per test run: a key and a self-signed certificate in a temp folder. */
export interface Signer {
  readonly folder: string;
  /** The certificate in DER, to list in `DeveloperCertificates`. */
  readonly certificateDer: Uint8Array;
  /** Signs `content` into a CMS container (DER; `stream` gives BER with indefinite lengths; `detached` leaves the content out). */
  sign(content: string, options?: { stream?: boolean; detached?: boolean }): Uint8Array;
  /** Writes a signed profile for `spec` to `file` (relative to `folder`, or absolute) and returns its path. */
  writeProfile(file: string, spec?: ProfileSpec): string;
  dispose(): void;
}

/** Makes the key and certificate; call only when `hasOpenssl()`. */
export function createSigner(subject = `/CN=Apple Development: Test Person (${TEAM})/OU=${TEAM}/O=Example Corp/C=US`): Signer {
  const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-profiles-'));
  const key = path.join(folder, 'signer.key');
  const certificate = path.join(folder, 'signer.pem');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-subj', subject, '-days', '1']);
  const der = path.join(folder, 'signer.der');
  openssl(['x509', '-in', certificate, '-outform', 'DER', '-out', der]);
  const certificateDer = new Uint8Array(readFileSync(der));
  let count = 0;
  const signer: Signer = {
    folder,
    certificateDer,
    sign(content, options = {}) {
      const input = path.join(folder, `content-${++count}.plist`);
      const output = path.join(folder, `signed-${count}.der`);
      writeFileSync(input, content);
      const args = ['cms', '-sign', '-in', input, '-signer', certificate, '-inkey', key, '-outform', 'DER', '-binary', '-out', output];
      if (options.detached !== true) args.push('-nodetach');
      if (options.stream === true) args.push('-stream');
      openssl(args);
      return new Uint8Array(readFileSync(output));
    },
    writeProfile(file, spec = {}) {
      const target = path.isAbsolute(file) ? file : path.join(folder, file);
      writeFileSync(target, signer.sign(profilePlist({ developerCertificates: [certificateDer], ...spec })));
      return target;
    },
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
  return signer;
}

function openssl(args: readonly string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
}

/** A profile as plain data, for the pure tests. */
export function profileData(overrides: Partial<ProvisioningProfile> = {}): ProvisioningProfile {
  return {
    name: 'My App Development',
    uuid: '0f6c2a52-1111-4a2b-9c3d-000000000001',
    teamIdentifiers: [TEAM],
    teamName: 'Example Corp',
    appIdName: 'My App',
    applicationIdentifier: `${TEAM}.com.example.myapp`,
    applicationIdentifierPrefix: TEAM,
    bundleIdentifierPattern: 'com.example.myapp',
    expirationDate: new Date('2099-01-01T00:00:00Z'),
    creationDate: new Date('2024-01-01T00:00:00Z'),
    provisionedDevices: 2,
    provisionsAllDevices: false,
    platforms: ['iOS'],
    isXcodeManaged: false,
    entitlements: {
      'application-identifier': `${TEAM}.com.example.myapp`,
      'keychain-access-groups': [`${TEAM}.*`, 'com.apple.token'],
      'get-task-allow': true,
      'com.apple.developer.team-identifier': TEAM,
    },
    certificates: [],
    signerCertificates: [],
    ...overrides,
  };
}

/** The profile findings (code and covered text) for an entitlements `text` checked against `profile`. */
export function profileFindings(text: string, profile: ProvisioningProfile | undefined, extra: Partial<DocumentContext> = {}): Array<{ code: string; covered: string }> {
  return findings(text, diagnoseWithProfile(text, profile, extra)).filter((finding) => finding.code.startsWith('profile-'));
}

/** All diagnostics for an entitlements `text` checked against `profile`, at a fixed time (mid-2026). */
export function diagnoseWithProfile(text: string, profile: ProvisioningProfile | undefined, extra: Partial<DocumentContext> = {}): Diagnostic[] {
  const options = { ...context({ fileKind: 'entitlements' }), ...(profile === undefined ? {} : { profile }), now: new Date('2026-06-01T00:00:00Z'), ...extra, severity: {} };
  return service.validate(textDocument(text), service.parse(text), options);
}
