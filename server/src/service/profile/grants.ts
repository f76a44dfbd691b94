/**
 * Compares an entitlements file with the provisioning profile that signs it, the way signing does: every
 * entitlement the file claims must be granted by the profile, and every value must fall within what the profile
 * grants (`*` and `prefix.*` are wildcards there; `$(TeamIdentifierPrefix)` and `$(AppIdentifierPrefix)` in the
 * file become the profile's Team ID and a dot). The four profile rules report from this one comparison, so a key
 * or value never gets two of them.
 */
import { hasBuildTimeReference } from '../model/catalogValues';
import type { CatalogIndex } from '../catalogIndex';
import { editDistance } from '../editDistance';
import { classifyTopLevelKey } from '../model/keyClassification';
import { DerivedKey, type DictEntry, type PlistDocument, type ScalarNode } from '../plist/nodes';
import type { PlistValue } from '../plist/value';
import { escapeMarkdown, MARKDOWN_WRITER, visibleText, type TextWriter } from '../markdownText';
import { textRange, topLevelEntries } from '../plist/walk';
import type { DocumentContext, Problem } from '../types';
import { grantOf, isExpired, signingIdentityOf } from './match';
import type { ProvisioningProfile } from './profile';

/**
 * What the profile's contents alone do not say (TN3125): on macOS, App Sandbox and Hardened Runtime entitlements
 * (`com.apple.security.*`) are unrestricted, so any code may claim them without a profile. App groups are the
 * exception; and there, groups named with the Team ID prefix need no profile on macOS either.
 */
const UNRESTRICTED_PREFIX = 'com.apple.security.';
const APP_GROUPS_KEY = 'com.apple.security.application-groups';

/** A Team ID: ten upper-case letters and digits. */
const TEAM_ID = /^[A-Z0-9]{10}$/;

/** How many granted values a message or a fix lists. */
const LISTED_GRANTS = 3;

/** The comparison's answer, kept on the document for the context it was made with. */
const PROFILE_PROBLEMS = new DerivedKey<readonly Problem[]>('profile problems');

/**
 * Every profile problem of the document, each tagged with its code; the rules filter by code. The answer is kept
 * for the context it was made with, which validation makes once and hands to every rule, so the four profile rules
 * share one comparison per validation and the next validation (another context) judges the expiry afresh.
 */
export function compareWithProfile(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): readonly Problem[] {
  return document.derive(PROFILE_PROBLEMS, [catalog, context], () => findProfileProblems(document, catalog, context));
}

function findProfileProblems(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): Problem[] {
  const profile = context.profile;
  if (profile === undefined || context.fileKind !== 'entitlements' || document.root?.kind !== 'dict') return [];
  const problems: Problem[] = [];
  const rootTag = startTagRange(document);
  const now = context.now ?? new Date();
  if (isExpired(profile, now) && profile.expirationDate !== undefined) {
    problems.push({ code: 'profile-expired', ...rootTag, message: `Provisioning profile '${visibleText(profile.name)}' expired on ${dayOf(profile.expirationDate)}` });
  }
  const projectTeams = context.target.teamIdentifiers ?? [];
  if (projectTeams.length > 0 && profile.teamIdentifiers.length > 0 && !profile.teamIdentifiers.some((team) => projectTeams.includes(team))) {
    problems.push({
      code: 'profile-wrong-team',
      ...rootTag,
      message: `Provisioning profile '${visibleText(profile.name)}' is for team ${teamLabel(profile)}, but the target's DEVELOPMENT_TEAM is ${projectTeams.join(', ')}`,
    });
  }
  const comparison = new Comparison(profile, context);
  for (const entry of topLevelEntries(document)) {
    const keyClass = classifyTopLevelKey(entry.key.text, context.fileKind, catalog, context.allowedKeys);
    // Invented, unknown, private and misplaced keys have their own diagnostic; signing writes the inserted ones.
    if (keyClass.kind !== 'real' && keyClass.kind !== 'allowed') continue;
    if (keyClass.kind === 'real' && keyClass.entry.signingInsertedNote !== undefined) continue;
    const managedNote = keyClass.kind === 'real' && keyClass.entry.isManaged ? keyClass.entry.managedNote ?? 'request it from Apple' : undefined;
    problems.push(...comparison.compareEntry(entry, managedNote));
  }
  return problems;
}

/** The profile's grant for `key`, in markdown, for the hover on an entitlements key. */
export function describeGrant(profile: ProvisioningProfile, key: string): string {
  const grant = grantOf(profile, key);
  const name = escapeMarkdown(profile.name);
  if (grant === undefined) {
    return key.startsWith(UNRESTRICTED_PREFIX) && key !== APP_GROUPS_KEY
      ? `The profile '${name}' does not list it (on macOS it needs no profile).`
      : `The profile '${name}' does not grant this entitlement.`;
  }
  return `The profile '${name}' grants: ${formatGrant(grant)}`;
}

class Comparison {
  private readonly teamPrefix: string | undefined;
  private readonly appPrefix: string | undefined;
  private readonly bundleIdentifier: string | undefined;
  private readonly isMac: boolean;

  constructor(
    private readonly profile: ProvisioningProfile,
    context: DocumentContext,
  ) {
    this.teamPrefix = profile.teamIdentifiers[0] ?? profile.applicationIdentifierPrefix;
    this.appPrefix = profile.applicationIdentifierPrefix ?? this.teamPrefix;
    const bundleIdentifiers = signingIdentityOf(context).bundleIdentifiers;
    this.bundleIdentifier = bundleIdentifiers.length === 1 ? bundleIdentifiers[0] : undefined;
    this.isMac = profile.platforms.includes('OSX');
  }

  compareEntry(entry: DictEntry, managedNote: string | undefined): Problem[] {
    const key = entry.key.text;
    const value = entry.value;
    // A false boolean claims nothing, and an entry still being typed has no value to compare.
    if (value === undefined || (value.kind === 'boolean' && value.text === 'false')) return [];
    if (key.startsWith(UNRESTRICTED_PREFIX) && key !== APP_GROUPS_KEY) return [];
    const grant = grantOf(this.profile, key);
    const items = value.kind === 'array' ? value.items.filter((item): item is ScalarNode => item.kind === 'string') : value.kind === 'string' ? [value] : [];
    if (grant === undefined) {
      if (key === APP_GROUPS_KEY && this.isMac && items.length > 0 && items.every((item) => this.isTeamPrefixed(this.expand(item.text.trim()) ?? ''))) return [];
      const how = managedNote === undefined ? '' : `; Apple must approve it first: ${managedNote.replace(/\.$/, '')}`;
      return [{ code: 'profile-missing-entitlement', ...textRange(entry.key), message: `Provisioning profile '${visibleText(this.profile.name)}' does not grant '${key}'${how}`, data: { canRemove: true } }];
    }
    if (value.kind === 'boolean' && grant === false) {
      return [{ code: 'profile-value-mismatch', offset: value.offset, length: value.end - value.offset, message: `Provisioning profile '${visibleText(this.profile.name)}' grants '${key}' as false` }];
    }
    if ((value.kind === 'integer' || value.kind === 'real') && typeof grant === 'number' && Number(value.text.trim()) !== grant) {
      return [this.mismatch(key, value, value.text.trim(), [], `'${grant}'`)];
    }
    const problems: Problem[] = [];
    for (const item of items) {
      const problem = this.compareString(key, item, grant);
      if (problem !== undefined) problems.push(problem);
    }
    return problems;
  }

  private compareString(key: string, node: ScalarNode, grant: PlistValue): Problem | undefined {
    const claimed = this.expand(node.text.trim());
    if (claimed === undefined || claimed === '') return undefined;
    if (isGranted(claimed, grant)) return undefined;
    if (key === APP_GROUPS_KEY && this.isMac && this.isTeamPrefixed(claimed)) return undefined;
    const patterns = grantPatterns(grant);
    const literalTeam = claimed.split('.')[0] ?? '';
    const grantsTeamPrefixed = patterns.some((pattern) => this.isTeamPrefixed(pattern));
    if (grantsTeamPrefixed && TEAM_ID.test(literalTeam) && !this.isTeamPrefixed(claimed) && this.teamPrefix !== undefined) {
      const rest = claimed.slice(literalTeam.length);
      return {
        code: 'profile-wrong-team',
        ...textRange(node),
        message: `'${claimed}' names team ${literalTeam}, but provisioning profile '${visibleText(this.profile.name)}' is for team ${teamLabel(this.profile)}`,
        data: { valueReplacements: [`$(TeamIdentifierPrefix)${rest.replace(/^\./, '')}`] },
      };
    }
    const concrete = patterns.filter((pattern) => !pattern.includes('*'));
    const replacements = concrete
      .map((pattern) => ({ pattern, distance: editDistance(claimed, pattern) }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, LISTED_GRANTS)
      .map(({ pattern }) => pattern);
    return this.mismatch(key, node, claimed, replacements, formatPatterns(patterns));
  }

  private mismatch(key: string, node: ScalarNode, claimed: string, replacements: readonly string[], granted = ''): Problem {
    const what = granted === '' ? '' : `, which grants ${granted}`;
    return {
      code: 'profile-value-mismatch',
      ...textRange(node),
      message: `'${claimed}' in '${key}' is not granted by provisioning profile '${visibleText(this.profile.name)}'${what}`,
      ...(replacements.length === 0 ? {} : { data: { valueReplacements: replacements } }),
    };
  }

  private isTeamPrefixed(text: string): boolean {
    return [this.teamPrefix, this.appPrefix].some((prefix) => prefix !== undefined && (text === prefix || text.startsWith(`${prefix}.`)));
  }

  /**
   * The value as signing sees it: `$(TeamIdentifierPrefix)` and `$(AppIdentifierPrefix)` become the profile's
   * prefix and a dot, `$(PRODUCT_BUNDLE_IDENTIFIER)` the target's bundle identifier when there is one; a value
   * with any other reference cannot be judged, so it gives `undefined`.
   */
  private expand(text: string): string | undefined {
    const expanded = text.replace(/\$[({](TeamIdentifierPrefix|AppIdentifierPrefix|PRODUCT_BUNDLE_IDENTIFIER|CFBundleIdentifier)[)}]/g, (reference, name: string) => {
      if (name === 'TeamIdentifierPrefix') return this.teamPrefix === undefined ? reference : `${this.teamPrefix}.`;
      if (name === 'AppIdentifierPrefix') return this.appPrefix === undefined ? reference : `${this.appPrefix}.`;
      return this.bundleIdentifier ?? reference;
    });
    return hasBuildTimeReference(expanded) ? undefined : expanded;
  }
}

/** True when the profile's grant covers the claimed string. */
function isGranted(claimed: string, grant: PlistValue): boolean {
  if (grant === true) return true;
  return grantPatterns(grant).some((pattern) => patternMatches(pattern, claimed));
}

/** The string patterns of a grant: the string itself, or the strings of an array. */
function grantPatterns(grant: PlistValue): string[] {
  if (typeof grant === 'string') return [grant];
  return Array.isArray(grant) ? grant.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * `*` grants anything and `prefix*` anything that starts with the prefix, as profiles write wildcards
 * (`TEAMID.*` keychain groups, `*` associated domains). An associated domain's `?mode=` is not part of the match.
 */
export function patternMatches(pattern: string, claimed: string): boolean {
  const value = pattern.includes('?') ? claimed : claimed.split('?')[0] ?? claimed;
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

/** The root `<dict>` start tag: where findings about the whole file go. */
function startTagRange(document: PlistDocument): { offset: number; length: number } {
  const offset = document.root?.offset ?? 0;
  const close = document.text.indexOf('>', offset);
  return { offset, length: close < 0 ? 1 : close + 1 - offset };
}

function teamLabel(profile: ProvisioningProfile): string {
  const teams = profile.teamIdentifiers.join(', ');
  // Diagnostic messages are plain text, and the CLI prints them to a terminal: control characters are made visible.
  return visibleText(profile.teamName === undefined ? teams : `${teams} (${profile.teamName})`);
}

function formatPatterns(patterns: readonly string[]): string {
  if (patterns.length === 0) return '';
  const listed = patterns.slice(0, LISTED_GRANTS).map((pattern) => `'${visibleText(pattern)}'`).join(', ');
  return patterns.length > LISTED_GRANTS ? `${listed} and ${patterns.length - LISTED_GRANTS} more` : listed;
}

/** A grant as markdown: code spans for strings, a list for arrays. */
export function formatGrant(grant: PlistValue, writer: TextWriter = MARKDOWN_WRITER): string {
  if (Array.isArray(grant)) return grant.length === 0 ? 'an empty list' : grant.map((item) => formatScalar(item, writer)).join(', ');
  return formatScalar(grant, writer);
}

function formatScalar(value: PlistValue, writer: TextWriter): string {
  if (typeof value === 'string') return writer.code(value);
  if (typeof value === 'boolean' || typeof value === 'number') return writer.code(String(value));
  if (value instanceof Date) return writer.code(value.toISOString());
  if (value instanceof Uint8Array) return `${value.length} bytes of data`;
  if (Array.isArray(value)) return `[${value.map((item) => formatScalar(item, writer)).join(', ')}]`;
  return `{ ${Object.keys(value).map((key) => writer.code(key)).join(', ')} }`;
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

