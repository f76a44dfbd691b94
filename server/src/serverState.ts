/**
 * What the server's handlers share: the open documents and their parses, the client's capabilities, the stores
 * that read settings, projects, profiles and configuration files, and the options a document is checked with.
 */
import { dirname } from 'node:path';
import { TextDocuments, type CancellationToken, type Connection, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Platform } from '../../shared/src/catalog';
import { CONFIG_FILE_NAME, formatConfigError } from '../../shared/src/config';
import type { Settings } from '../../shared/src/settings';
import { UNKNOWN_TARGET, type ProductType, type TargetInfo } from '../../shared/src/target';
import { createToolRunner, type ToolRunner } from './agents/toolRunner';
import { configForFile, createConfigStore, NO_FILE_CONFIG, type ConfigStore, type FileConfig, type LoadedConfig } from './configFiles';
import { createDocumentCache, type DocumentCache } from './documentCache';
import { createSourceScanCache } from './privacySources';
import { createProfileStore, type ProfileStore } from './profiles';
import type { Logger } from './safeRun';
import { fileKindOf } from './service/fileKind';
import type { LanguageService, ValidationOptions } from './service/languageService';
import type { RequiredReasonUse } from './service/privacy/requiredReasonUses';
import { createSettingsStore, type SettingsStore } from './settings';
import { createTargetResolver, type TargetResolver } from './targetResolver';

/** What the client said it can do, read once at initialize. */
export interface ClientAbilities {
  canPullSettings: boolean;
  usesPullDiagnostics: boolean;
  supportsRelatedInformation: boolean;
  canRefreshDiagnostics: boolean;
  canWatchFiles: boolean;
}

export interface ServerState {
  readonly connection: Connection;
  readonly service: LanguageService;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: DocumentCache;
  readonly settings: SettingsStore;
  readonly resolver: TargetResolver;
  readonly profiles: ProfileStore;
  readonly configs: ConfigStore;
  /** A privacy manifest's required-reason API uses, from the sources beside it (kept briefly; see privacySources.ts). */
  readonly scanSources: ReturnType<typeof createSourceScanCache>;
  /** Each configuration's errors are shown once per reading of the file (a watched change reads it again). */
  readonly reportedConfigs: WeakSet<LoadedConfig>;
  readonly logger: Logger;
  readonly client: ClientAbilities;
  /** Folders the server may read in, set at initialize. */
  workspaceRoots: string[];
  /** The open document's text at a path, which wins over the file on disk. */
  openText(filePath: string): string | undefined;
  /** Made at the first tool call, when initialize has named the workspace folders the tools may read. */
  toolRunner(): ToolRunner;
}

export function createServerState(connection: Connection, service: LanguageService): ServerState {
  const documents = new TextDocuments(TextDocument);
  const client: ClientAbilities = { canPullSettings: false, usesPullDiagnostics: false, supportsRelatedInformation: false, canRefreshDiagnostics: false, canWatchFiles: false };
  let runner: ToolRunner | undefined;
  const state: ServerState = {
    connection,
    service,
    documents,
    cache: createDocumentCache((text) => service.parse(text)),
    settings: createSettingsStore(connection, () => client.canPullSettings),
    resolver: createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => state.workspaceRoots, openText: (filePath) => state.openText(filePath) }),
    profiles: createProfileStore({ roots: () => state.workspaceRoots }),
    configs: createConfigStore(),
    scanSources: createSourceScanCache(service.catalog.catalog.privacyManifest?.apiCategories ?? []),
    reportedConfigs: new WeakSet(),
    logger: { error: (message: string) => connection.console.error(message) },
    client,
    workspaceRoots: [],
    openText: (filePath) => documents.all().find((document) => filePathOf(document.uri) === filePath)?.getText(),
    toolRunner: () => (runner ??= createToolRunner(service, state.workspaceRoots, (filePath) => state.openText(filePath))),
  };
  return state;
}

/** The options a document is checked with, or `undefined` for a file that is neither kind. */
export async function optionsFor(state: ServerState, document: TextDocument): Promise<ValidationOptions | undefined> {
  const fileKind = fileKindOf(document.uri, document.languageId);
  if (fileKind === undefined) return undefined;
  const filePath = filePathOf(document.uri);
  const userSettings = await settingsFor(state, document.uri);
  const overrides = { platform: userSettings.platform, productType: userSettings.productType };
  const targetContext = filePath === undefined
    ? { target: overridesOnly(overrides) }
    : state.resolver.resolve({ filePath, fileKind, parsed: state.cache.get(document), overrides });
  const profile = fileKind === 'entitlements' ? state.profiles.profileFor({ documentUri: document.uri, ...targetContext, extraPaths: userSettings.profilePaths }) : undefined;
  return {
    fileKind,
    ...targetContext,
    ...(fileKind === 'privacyManifest' ? requiredReasonUsesFor(state, filePath) : {}),
    ...(profile === undefined ? {} : { profile }),
    allowedKeys: new Set(userSettings.allowedKeys),
    severity: userSettings.severity,
    supportsRelatedInformation: state.client.supportsRelatedInformation,
  };
}

/** The settings for a document: its configuration file's, with the editor's laid over them. */
export async function settingsFor(state: ServerState, uri: string): Promise<Settings> {
  return layered(fileConfigOf(state, filePathOf(uri)), await state.settings.get(uri));
}

/** A privacy manifest's required-reason API uses, from the sources beside it; only inside a workspace folder. */
function requiredReasonUsesFor(state: ServerState, filePath: string | undefined): { requiredReasonUses?: RequiredReasonUse[] } {
  const root = filePath === undefined ? undefined : workspaceRootOf(state, filePath);
  return filePath === undefined || root === undefined ? {} : { requiredReasonUses: state.scanSources(dirname(filePath), root) };
}

/** A document's diagnostics; none for an ignored file, or when the request was cancelled while options were read. */
export async function diagnose(state: ServerState, document: TextDocument, token?: CancellationToken): Promise<Diagnostic[]> {
  if (fileConfigOf(state, filePathOf(document.uri)).isIgnored) return [];
  const options = await optionsFor(state, document);
  if (options === undefined || token?.isCancellationRequested === true) return [];
  return state.service.validate(document, state.cache.get(document), options);
}

/**
 * The nearest configuration file's say for a file, looked for no higher than its workspace folder (the server
 * reads nothing outside the workspace); none for a file outside every folder.
 */
function fileConfigOf(state: ServerState, filePath: string | undefined): FileConfig {
  if (filePath === undefined) return NO_FILE_CONFIG;
  const root = workspaceRootOf(state, filePath);
  if (root === undefined) return NO_FILE_CONFIG;
  const loaded = state.configs.nearest(filePath, root);
  if (loaded === undefined) return NO_FILE_CONFIG;
  if (typeof loaded === 'string') {
    state.connection.console.error(`${CONFIG_FILE_NAME} above ${filePath}: ${loaded}`);
    return NO_FILE_CONFIG;
  }
  if (loaded.errors.length > 0 && !state.reportedConfigs.has(loaded)) {
    state.reportedConfigs.add(loaded);
    const problems = loaded.errors.map(formatConfigError);
    state.connection.console.error(`${loaded.path}: ${problems.join('; ')}`);
    void state.connection.window.showWarningMessage(`Plist Sentinel: ${loaded.path}: ${problems[0] ?? ''}${problems.length > 1 ? ` (and ${problems.length - 1} more; see the output)` : ''}. The rest of the file applies.`);
  }
  return configForFile(loaded, filePath);
}

/** The innermost workspace folder holding `filePath`, or `undefined` for a file outside every folder. */
function workspaceRootOf(state: ServerState, filePath: string): string | undefined {
  return state.workspaceRoots.filter((folder) => filePath.startsWith(folder.endsWith('/') ? folder : `${folder}/`)).sort((a, b) => b.length - a.length)[0];
}

/** The path of a `file:` URI, or `undefined` for other schemes (untitled documents have no project). */
export function filePathOf(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Editor settings laid over the configuration file: a severity set in the editor wins for its code, allowed keys
 * add up, and a platform or product type set in the editor wins over the file's.
 */
function layered(file: FileConfig, editor: Settings): Settings {
  return {
    ...editor,
    severity: { ...file.severity, ...editor.severity },
    allowedKeys: [...file.allowedKeys, ...editor.allowedKeys],
    platform: editor.platform ?? file.platform,
    productType: editor.productType ?? file.productType,
  };
}

function overridesOnly(overrides: { platform: Platform | undefined; productType: ProductType | undefined }): TargetInfo {
  if (overrides.platform === undefined && overrides.productType === undefined) return UNKNOWN_TARGET;
  return {
    platforms: overrides.platform === undefined ? [] : [overrides.platform],
    productType: overrides.productType,
    reasons: ['set by the user'],
    ...(overrides.platform === undefined ? {} : { platformSource: 'user' as const }),
  };
}
