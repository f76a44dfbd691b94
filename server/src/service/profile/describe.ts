/**
 * A provisioning profile as a readable page (markdown that also reads as plain text): who it is for, until when,
 * on which devices, which certificates may sign with it, and every entitlement it grants. The editor's read-only
 * view and `plist-sentinel profile PATH` both show this.
 */
import { MARKDOWN_WRITER, type TextWriter } from '../markdownText';
import type { CertificateSummary } from './cms';
import { formatGrant } from './grants';
import { isExpired } from './match';
import { profileKindOf, type ProvisioningProfile } from './profile';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The page for `profile`, with expiry judged at `now`. Every field is written through `writer`: markdown for the
 * editor, plain text for a terminal; either way a field shows as written and cannot add lines or markup.
 */
export function describeProfile(profile: ProvisioningProfile, now: Date, writer: TextWriter = MARKDOWN_WRITER): string {
  const lines = [`# ${writer.text(profile.name)}`, ''];
  if (profile.location !== undefined) lines.push(writer.code(profile.location), '');
  const facts: Array<[string, string | undefined]> = [
    ['Kind', profileKindOf(profile)],
    ['Team', teamOf(profile, writer)],
    ['App ID', appIdOf(profile, writer)],
    ['Bundle identifiers', profile.bundleIdentifierPattern === undefined ? undefined : writer.code(profile.bundleIdentifierPattern)],
    ['Platforms', profile.platforms.length === 0 ? undefined : writer.text(profile.platforms.join(', '))],
    ['Created', profile.creationDate === undefined ? undefined : dayOf(profile.creationDate)],
    ['Expires', profile.expirationDate === undefined ? undefined : `${dayOf(profile.expirationDate)} (${relativeExpiry(profile, now)})`],
    ['Devices', devicesOf(profile)],
    ['Managed by Xcode', profile.isXcodeManaged ? 'yes' : 'no'],
    ['UUID', profile.uuid === undefined ? undefined : writer.text(profile.uuid)],
  ];
  for (const [label, value] of facts) if (value !== undefined) lines.push(`- **${label}:** ${value}`);
  lines.push('', `## Certificates (${profile.certificates.length})`, '');
  if (profile.certificates.length === 0) lines.push('None listed.');
  for (const certificate of profile.certificates) lines.push(`- ${describeCertificate(certificate, now, writer)}`);
  const keys = Object.keys(profile.entitlements).sort();
  lines.push('', `## Entitlements (${keys.length})`, '');
  if (keys.length === 0) lines.push('None.');
  for (const key of keys) {
    const grant = profile.entitlements[key];
    if (grant !== undefined) lines.push(`- ${writer.code(key)}: ${formatGrant(grant, writer)}`);
  }
  if (profile.signerCertificates.length > 0) {
    lines.push('', '## Signed by', '');
    for (const certificate of profile.signerCertificates) lines.push(`- ${describeCertificate(certificate, now, writer)}`);
  }
  lines.push('', '*The profile\'s signature is not verified here; codesign does that when it signs.*');
  return `${lines.join('\n')}\n`;
}

function teamOf(profile: ProvisioningProfile, writer: TextWriter): string | undefined {
  const teams = writer.text(profile.teamIdentifiers.join(', '));
  if (profile.teamName === undefined) return teams === '' ? undefined : teams;
  return teams === '' ? writer.text(profile.teamName) : `${writer.text(profile.teamName)} (${teams})`;
}

function appIdOf(profile: ProvisioningProfile, writer: TextWriter): string | undefined {
  const identifier = profile.applicationIdentifier === undefined ? undefined : writer.code(profile.applicationIdentifier);
  if (profile.appIdName === undefined) return identifier;
  return identifier === undefined ? writer.text(profile.appIdName) : `${writer.text(profile.appIdName)} (${identifier})`;
}

function devicesOf(profile: ProvisioningProfile): string {
  if (profile.provisionsAllDevices) return 'all devices (enterprise distribution)';
  if (profile.provisionedDevices === 0) return 'none listed';
  return `${profile.provisionedDevices} provisioned device${profile.provisionedDevices === 1 ? '' : 's'}`;
}

function describeCertificate(certificate: CertificateSummary, now: Date, writer: TextWriter): string {
  const name = writer.text(certificate.commonName ?? (certificate.subject === '' ? 'unnamed certificate' : certificate.subject));
  const details: string[] = [];
  if (certificate.organizationalUnit !== undefined) details.push(`OU ${writer.text(certificate.organizationalUnit)}`);
  if (certificate.organization !== undefined) details.push(writer.text(certificate.organization));
  if (certificate.notAfter !== undefined) details.push(`${certificate.notAfter.getTime() <= now.getTime() ? 'expired' : 'expires'} ${dayOf(certificate.notAfter)}`);
  return details.length === 0 ? name : `${name} · ${details.join(' · ')}`;
}

function relativeExpiry(profile: ProvisioningProfile, now: Date): string {
  const expiration = profile.expirationDate;
  if (expiration === undefined) return 'no date';
  const days = Math.round(Math.abs(expiration.getTime() - now.getTime()) / DAY_MS);
  const span = days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'}`;
  if (isExpired(profile, now)) return days === 0 ? '**expired** today' : `**expired** ${span} ago`;
  return days === 0 ? 'expires today' : `in ${span}`;
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
