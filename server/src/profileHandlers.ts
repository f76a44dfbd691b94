/**
 * The provisioning profile requests: describe a profile (given, picked or matched), list the ones the server
 * can see, and pick one for a document.
 */
import { readDescribeProfileParams, readListProfilesParams, readSelectProfileParams, type DescribeProfileResult, type ListProfilesResult } from '../../shared/src/protocol';
import type { DiagnosticsRefresh } from './diagnosticsRefresh';
import { NOT_READABLE, readProfileBytes } from './profiles';
import type { ValidationOptions } from './service/languageService';
import { describeProfile } from './service/profile/describe';
import { isExpired, signingIdentityOf } from './service/profile/match';
import type { ProvisioningProfile } from './service/profile/profile';
import { filePathOf, optionsFor, type ServerState } from './serverState';
import { fileUri } from './targetResolver';

export async function describeProfileRequest(state: ServerState, raw: unknown): Promise<DescribeProfileResult> {
  const params = readDescribeProfileParams(raw);
  if (params.profileData !== undefined) {
    const reading = readProfileBytes(new Uint8Array(Buffer.from(params.profileData, 'base64')));
    return reading.profile === undefined ? { markdown: `Not a provisioning profile: ${reading.problem ?? 'unreadable'}\n` } : { markdown: describeProfile(reading.profile, new Date()) };
  }
  if (params.profileUri !== undefined) {
    const profile = await listedProfile(state, params.profileUri, params.documentUri ?? params.profileUri);
    return typeof profile === 'string' ? { markdown: `${profile}\n` } : { markdown: describeProfile(profile, new Date()), profileUri: params.profileUri };
  }
  const document = params.documentUri === undefined ? undefined : state.documents.get(params.documentUri);
  const options = document === undefined ? undefined : await optionsFor(state, document);
  if (options?.profile === undefined) return { markdown: noProfileText(options) };
  const location = options.profile.location;
  return { markdown: describeProfile(options.profile, new Date()), ...(location === undefined ? {} : { profileUri: fileUri(location) }) };
}

export async function listProfilesRequest(state: ServerState, raw: unknown): Promise<ListProfilesResult> {
  const params = readListProfilesParams(raw);
  if (params === undefined) return { profiles: [] };
  const userSettings = await state.settings.get(params.documentUri);
  const document = state.documents.get(params.documentUri);
  const current = document === undefined ? undefined : (await optionsFor(state, document))?.profile?.location;
  const now = new Date();
  const items = state.profiles.list(userSettings.profilePaths).map((profile) => ({
    profileUri: fileUri(profile.location ?? ''),
    name: profile.name,
    isExpired: isExpired(profile, now),
    ...(profile.applicationIdentifier === undefined ? {} : { applicationIdentifier: profile.applicationIdentifier }),
    ...(profile.teamName === undefined ? {} : { teamName: profile.teamName }),
    ...(profile.expirationDate === undefined ? {} : { expirationDate: profile.expirationDate.toISOString() }),
  }));
  return { profiles: items, ...(current === undefined ? {} : { currentUri: fileUri(current) }) };
}

export async function selectProfileRequest(state: ServerState, raw: unknown, refresh: DiagnosticsRefresh): Promise<null> {
  const params = readSelectProfileParams(raw);
  if (params === undefined) return null;
  if (params.profileData !== undefined) {
    const reading = readProfileBytes(new Uint8Array(Buffer.from(params.profileData, 'base64')));
    if (reading.profile === undefined) return null;
    state.profiles.select(params.documentUri, reading.profile);
  } else if (params.profileUri === null) {
    state.profiles.select(params.documentUri, undefined);
  } else {
    // Only a profile the server would list may be picked by path; anything else leaves the choice as it was.
    const profile = await listedProfile(state, params.profileUri, params.documentUri);
    if (typeof profile === 'string' || profile.location === undefined) return null;
    state.profiles.select(params.documentUri, profile.location);
  }
  refresh.refreshAll();
  return null;
}

/** The profile at `profileUri` when the server would list it (for `settingsUri`'s profile paths), else why not. */
async function listedProfile(state: ServerState, profileUri: string, settingsUri: string): Promise<ProvisioningProfile | string> {
  const profilePath = filePathOf(profileUri);
  const extraPaths = (await state.settings.get(settingsUri)).profilePaths;
  return profilePath === undefined ? NOT_READABLE : state.profiles.readListed(profilePath, extraPaths);
}

/** Why no profile is shown for a document: what was looked for, so the user knows what to fix. */
function noProfileText(options: ValidationOptions | undefined): string {
  if (options === undefined || options.fileKind !== 'entitlements') return 'Open an .entitlements file, or pick a .mobileprovision or .provisionprofile file.\n';
  const identity = signingIdentityOf(options);
  const team = identity.teamIdentifiers.length === 0 ? '' : ` in team ${identity.teamIdentifiers.join(', ')}`;
  const wanted = identity.bundleIdentifiers.length === 0 ? 'its bundle identifier is not known (no Xcode target names it, and its Info.plist has no literal CFBundleIdentifier)' : `none is for ${identity.bundleIdentifiers.join(' or ')}${team}`;
  return `No provisioning profile matches this file: ${wanted}. Profiles are looked for in the workspace, in \`plistSentinel.profilePaths\`, and on macOS in ~/Library/MobileDevice/Provisioning Profiles; the command "Select Provisioning Profile" picks one.\n`;
}
