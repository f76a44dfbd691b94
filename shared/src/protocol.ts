/**
 * Our custom LSP requests, declared once with their types for the client and the server. Only method names and
 * plain types live here: the two sides bundle different versions of the JSON-RPC library, so neither side's
 * `RequestType` class is shared.
 */

/** `plistSentinel/describeProfile`: a provisioning profile as a readable markdown page. */
export const DESCRIBE_PROFILE_METHOD = 'plistSentinel/describeProfile';

export interface DescribeProfileParams {
  /**
   * A profile the server listed (`ProfileListItem.profileUri`); when absent, the profile that signs the entitlements
   * document `documentUri`. The server reads no other path (docs/file-access.md).
   */
  readonly profileUri?: string;
  readonly documentUri?: string;
  /** The bytes of a profile file the user opened, base64: the client reads it, so the server needs no path. */
  readonly profileData?: string;
}

export interface DescribeProfileResult {
  /** The page, or a sentence saying why there is none. */
  readonly markdown: string;
  /** The profile file shown, when one was found. */
  readonly profileUri?: string;
}

/** `plistSentinel/listProfiles`: the profiles the server can see, for picking one. */
export const LIST_PROFILES_METHOD = 'plistSentinel/listProfiles';

export interface ListProfilesParams {
  /** The entitlements document the profile is picked for (its settings and workspace decide what is found). */
  readonly documentUri: string;
}

export interface ProfileListItem {
  readonly profileUri: string;
  readonly name: string;
  /** `TEAMID.com.example.app` */
  readonly applicationIdentifier?: string;
  readonly teamName?: string;
  /** ISO date. */
  readonly expirationDate?: string;
  readonly isExpired: boolean;
}

export interface ListProfilesResult {
  readonly profiles: readonly ProfileListItem[];
  /** The profile the server matched (or the user picked) for the document, if any. */
  readonly currentUri?: string;
}

/** `plistSentinel/selectProfile`: use this profile for the document (or go back to matching when `null`). */
export const SELECT_PROFILE_METHOD = 'plistSentinel/selectProfile';

export interface SelectProfileParams {
  readonly documentUri: string;
  /** A profile the server listed, or `null` to go back to matching. */
  readonly profileUri: string | null;
  /** The bytes of a profile file the user picked, base64, used instead of `profileUri`. */
  readonly profileData?: string;
}

/**
 * `plistSentinel/callAgentTool`: run one of the agent tools (the MCP server's, see server/src/agents/tools.ts) for
 * VS Code's language-model tool API, so the client only forwards.
 */
export const CALL_AGENT_TOOL_METHOD = 'plistSentinel/callAgentTool';

/** The agent tools by name; VS Code knows each as `plistSentinel_<name>` (package.json `languageModelTools`). */
export const AGENT_TOOL_NAMES = ['check_plist', 'lookup_key', 'find_keys_for_feature', 'add_capability'] as const;

/** The prefix of the tools' names in VS Code, where every extension's tools share one namespace. */
export const VSCODE_TOOL_PREFIX = 'plistSentinel_';

export interface CallAgentToolParams {
  readonly name: string;
  readonly input: unknown;
}

export interface CallAgentToolResult {
  readonly isError: boolean;
  /** The answer as JSON, or why there is none. */
  readonly text: string;
}

/** Narrows the request's params; `undefined` when they are not a tool call. */
export function readCallAgentToolParams(raw: unknown): CallAgentToolParams | undefined {
  if (!isRecord(raw) || typeof raw.name !== 'string') return undefined;
  return { name: raw.name, input: raw.input };
}

/**
 * `plistSentinel/addCapability`: for the target of the document, the capabilities that fit (no `capability`), or the
 * edit that adds one (Xcode's name or id) to its entitlements file and Info.plist.
 */
export const ADD_CAPABILITY_METHOD = 'plistSentinel/addCapability';

export interface AddCapabilityParams {
  readonly documentUri: string;
  readonly capability?: string;
}

/** A capability as the quick pick shows it. */
export interface CapabilityItem {
  readonly id: string;
  readonly name: string;
  /** `Entitlements: aps-environment`, one per key written. */
  readonly writes: readonly string[];
  readonly approvalRequired: boolean;
  readonly howToAsk?: string;
  readonly requestUrl?: string;
  readonly note?: string;
}

/** The edits to one file, 0-based as LSP counts; a new file's one edit holds its whole text. */
export interface CapabilityChange {
  readonly uri: string;
  readonly isNew: boolean;
  readonly edits: readonly { readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } }; readonly newText: string }[];
}

export interface AddCapabilityResult {
  readonly platforms?: readonly string[];
  readonly capabilities?: readonly CapabilityItem[];
  /** The capability added, with its changes (empty when everything is already there). */
  readonly title?: string;
  readonly changes?: readonly CapabilityChange[];
  /** Sentences for the user: placeholders to fill, Apple's approval, a new file to point build settings at. */
  readonly notes: readonly string[];
  /** Why nothing can be offered or added. */
  readonly error?: string;
}

/** Narrows `addCapability` params; `undefined` without a document. */
export function readAddCapabilityParams(raw: unknown): AddCapabilityParams | undefined {
  if (!isRecord(raw)) return undefined;
  const documentUri = optionalString(raw.documentUri);
  const capability = optionalString(raw.capability);
  return documentUri === undefined ? undefined : { documentUri, ...(capability === undefined ? {} : { capability }) };
}

/** The URI scheme of the read-only profile pages the client shows. */
export const PROFILE_SCHEME = 'plist-sentinel-profile';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Narrows `describeProfile` params from the client; anything malformed is dropped. */
export function readDescribeProfileParams(raw: unknown): DescribeProfileParams {
  if (!isRecord(raw)) return {};
  const profileUri = optionalString(raw.profileUri);
  const documentUri = optionalString(raw.documentUri);
  const profileData = optionalString(raw.profileData);
  return { ...(profileUri === undefined ? {} : { profileUri }), ...(documentUri === undefined ? {} : { documentUri }), ...(profileData === undefined ? {} : { profileData }) };
}

/** Narrows `listProfiles` params; `undefined` without a document. */
export function readListProfilesParams(raw: unknown): ListProfilesParams | undefined {
  const documentUri = isRecord(raw) ? optionalString(raw.documentUri) : undefined;
  return documentUri === undefined ? undefined : { documentUri };
}

/** Narrows `selectProfile` params; `undefined` without a document. */
export function readSelectProfileParams(raw: unknown): SelectProfileParams | undefined {
  if (!isRecord(raw)) return undefined;
  const documentUri = optionalString(raw.documentUri);
  const profileData = optionalString(raw.profileData);
  return documentUri === undefined ? undefined : { documentUri, profileUri: optionalString(raw.profileUri) ?? null, ...(profileData === undefined ? {} : { profileData }) };
}
