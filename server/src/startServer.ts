/**
 * Capabilities and one route table. Each handler finds the document, takes the cached parse, asks the pure
 * language service, and returns its answer.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import type { Platform } from '../../shared/src/catalog';
import { UNKNOWN_TARGET, type ProductType, type TargetInfo } from '../../shared/src/target';
import { createTargetResolver, fileUri } from './targetResolver';
import { createProfileStore, NOT_READABLE, readProfileBytes } from './profiles';
import {
  ADD_CAPABILITY_METHOD,
  readAddCapabilityParams,
  type AddCapabilityResult,
  CALL_AGENT_TOOL_METHOD,
  DESCRIBE_PROFILE_METHOD,
  LIST_PROFILES_METHOD,
  SELECT_PROFILE_METHOD,
  readCallAgentToolParams,
  readDescribeProfileParams,
  readListProfilesParams,
  readSelectProfileParams,
  type CallAgentToolResult,
  type DescribeProfileResult,
  type ListProfilesResult,
} from '../../shared/src/protocol';
import { createToolRunner, type ToolRunner } from './agents/toolRunner';
import { answerAddCapability, capabilityActions, readWorkspaceText, type CapabilityRequestContext } from './capabilityRequest';
import { CAPABILITY_FIX_CODES } from './service/capabilities/capabilityFix';
import { createDocumentCache } from './documentCache';
import { readClientCapabilities, readCodeActionDiagnostics, readDocumentPosition, readDocumentUri, readWorkspaceFolderUris } from './requestParams';
import { safeRun } from './safeRun';
import { createSettingsStore } from './settings';
import { configForFile, createConfigStore, NO_FILE_CONFIG, type FileConfig, type LoadedConfig } from './configFiles';
import { CONFIG_FILE_NAME, formatConfigError } from '../../shared/src/config';
import type { Settings } from '../../shared/src/settings';
import { fileKindOf } from './service/fileKind';
import type { RequiredReasonUse } from './service/privacy/requiredReasonUses';
import { createSourceScanCache } from './privacySources';
import { dirname } from 'node:path';
import { createLanguageService, type ValidationOptions } from './service/languageService';
import { describeProfile } from './service/profile/describe';
import { isExpired, signingIdentityOf } from './service/profile/match';

const DEBOUNCE_MS = 150;

export function startServer(connection: Connection): void {
  const service = createLanguageService(CATALOG);
  const documents = new TextDocuments(TextDocument);
  const cache = createDocumentCache((text) => service.parse(text));
  const logger = { error: (message: string) => connection.console.error(message) };
  let canPullSettings = false;
  let usesPullDiagnostics = false;
  let supportsRelatedInformation = false;
  let canRefreshDiagnostics = false;
  let canWatchFiles = false;
  const settings = createSettingsStore(connection, () => canPullSettings);
  let workspaceRoots: string[] = [];
  const resolver = createTargetResolver({
    catalog: service.catalog,
    parse: (text) => service.parse(text),
    roots: () => workspaceRoots,
    openText: (filePath) => openText(filePath),
  });
  const profiles = createProfileStore({ roots: () => workspaceRoots });
  const scanSources = createSourceScanCache(service.catalog.catalog.privacyManifest?.apiCategories ?? []);
  const openText = (filePath: string) => documents.all().find((document) => filePathOf(document.uri) === filePath)?.getText();
  // Made at the first tool call, when initialize has named the workspace folders the tools may read.
  let toolRunner: ToolRunner | undefined;
  const configs = createConfigStore();
  // Each configuration's errors are shown once per reading of the file (a watched change reads it again).
  const reportedConfigs = new WeakSet<LoadedConfig>();

  connection.onInitialize((params): InitializeResult => {
    const capabilities = readClientCapabilities(params);
    // Target inference reads project files, but only inside the workspace the client opened.
    workspaceRoots = readWorkspaceFolderUris(params).map(filePathOf).filter((root): root is string => root !== undefined);
    canPullSettings = capabilities.workspace?.configuration === true;
    usesPullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    supportsRelatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true || usesPullDiagnostics;
    canRefreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: ['<', '.'] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        // An .entitlements file's diagnostics depend on its Info.plist and the reverse, so a change to one re-pulls the other.
        ...(usesPullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'plist-sentinel' },
    };
  });

  connection.onInitialized(() => {
    if (canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'plistSentinel' });
    // Every client that can watch files is asked to watch the configuration, whatever else it watches for us.
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] });
  });

  async function optionsFor(document: TextDocument): Promise<ValidationOptions | undefined> {
    const fileKind = fileKindOf(document.uri, document.languageId);
    if (fileKind === undefined) return undefined;
    const filePath = filePathOf(document.uri);
    const userSettings = layered(fileConfigOf(filePath), await settings.get(document.uri));
    const overrides = { platform: userSettings.platform, productType: userSettings.productType };
    const targetContext = filePath === undefined
      ? { target: overridesOnly(overrides) }
      : resolver.resolve({ filePath, fileKind, parsed: cache.get(document), overrides });
    const profile = fileKind === 'entitlements' ? profiles.profileFor({ documentUri: document.uri, ...targetContext, extraPaths: userSettings.profilePaths }) : undefined;
    return {
      fileKind,
      ...targetContext,
      ...(fileKind === 'privacyManifest' ? requiredReasonUsesFor(filePath) : {}),
      ...(profile === undefined ? {} : { profile }),
      allowedKeys: new Set(userSettings.allowedKeys),
      severity: userSettings.severity,
      supportsRelatedInformation,
    };
  }

  /** A privacy manifest's required-reason API uses, from the sources beside it; only inside a workspace folder. */
  function requiredReasonUsesFor(filePath: string | undefined): { requiredReasonUses?: RequiredReasonUse[] } {
    const root = filePath === undefined ? undefined : workspaceRoots.find((folder) => filePath.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
    return filePath === undefined || root === undefined ? {} : { requiredReasonUses: scanSources(dirname(filePath), root) };
  }

  /**
   * The nearest configuration file's say for a file, looked for no higher than its workspace folder (the server
   * reads nothing outside the workspace); none for a file outside every folder.
   */
  function fileConfigOf(filePath: string | undefined): FileConfig {
    if (filePath === undefined) return NO_FILE_CONFIG;
    const root = workspaceRoots.filter((folder) => filePath.startsWith(folder.endsWith('/') ? folder : `${folder}/`)).sort((a, b) => b.length - a.length)[0];
    if (root === undefined) return NO_FILE_CONFIG;
    const loaded = configs.nearest(filePath, root);
    if (loaded === undefined) return NO_FILE_CONFIG;
    if (typeof loaded === 'string') {
      connection.console.error(`${CONFIG_FILE_NAME} above ${filePath}: ${loaded}`);
      return NO_FILE_CONFIG;
    }
    if (loaded.errors.length > 0 && !reportedConfigs.has(loaded)) {
      reportedConfigs.add(loaded);
      const problems = loaded.errors.map(formatConfigError);
      connection.console.error(`${loaded.path}: ${problems.join('; ')}`);
      void connection.window.showWarningMessage(`Plist Sentinel: ${loaded.path}: ${problems[0] ?? ''}${problems.length > 1 ? ` (and ${problems.length - 1} more; see the output)` : ''}. The rest of the file applies.`);
    }
    return configForFile(loaded, filePath);
  }

  async function diagnose(document: TextDocument, token?: CancellationToken) {
    if (fileConfigOf(filePathOf(document.uri)).isIgnored) return [];
    const options = await optionsFor(document);
    // Cancelled while the settings or the target were read: skip the work, safeRun answers as cancelled.
    if (options === undefined || token?.isCancellationRequested === true) return [];
    return service.validate(document, cache.get(document), options);
  }

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = readDocumentUri(params) ?? '';
    const document = documents.get(uri);
    const version = document?.version;
    const items = await safeRun(logger, `diagnostics ${uri}`, [], token, () => (document === undefined ? [] : diagnose(document, token)));
    if (items instanceof Error) throw items;
    // The text changed while it was being checked (settings and target reads are asynchronous): these items
    // describe a newer version than the client asked about, so it is told to pull again rather than given them.
    const current = documents.get(uri);
    if (current === undefined) return { kind: 'full', items: [] };
    if (current.version !== version) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while it was checked', { retriggerRequest: true });
    return { kind: 'full', items };
  });

  connection.onHover(async (params, token) => {
    const request = readDocumentPosition(params);
    const answer = await safeRun(logger, `hover ${request?.uri ?? ''}`, null, token, async () => {
      const document = request === undefined ? undefined : documents.get(request.uri);
      const options = document === undefined ? undefined : await optionsFor(document);
      if (request === undefined || document === undefined || options === undefined) return null;
      return service.hover(document, cache.get(document), document.offsetAt(request.position), options) ?? null;
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onCodeAction(async (params, token) => {
    const uri = readDocumentUri(params);
    const answer = await safeRun(logger, `code actions ${uri ?? ''}`, [], token, async () => {
      const document = uri === undefined ? undefined : documents.get(uri);
      if (document === undefined) return [];
      const diagnostics = readCodeActionDiagnostics(params);
      return [...service.quickFixes(document, cache.get(document), diagnostics), ...(await capabilityActionsFor(document, diagnostics))];
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onCompletion(async (params, token) => {
    const request = readDocumentPosition(params);
    const answer = await safeRun(logger, `completion ${request?.uri ?? ''}`, null, token, async () => {
      const document = request === undefined ? undefined : documents.get(request.uri);
      const options = document === undefined ? undefined : await optionsFor(document);
      if (request === undefined || document === undefined || options === undefined) return null;
      return service.complete(document, cache.get(document), document.offsetAt(request.position), options);
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onDocumentSymbol(async (params, token) => {
    const uri = readDocumentUri(params);
    const answer = await safeRun(logger, `document symbols ${uri ?? ''}`, [], token, () => {
      const document = uri === undefined ? undefined : documents.get(uri);
      return document === undefined ? [] : service.documentSymbols(document, cache.get(document));
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onFoldingRanges(async (params, token) => {
    const uri = readDocumentUri(params);
    const answer = await safeRun(logger, `folding ranges ${uri ?? ''}`, [], token, () => {
      const document = uri === undefined ? undefined : documents.get(uri);
      return document === undefined ? [] : service.foldingRanges(document, cache.get(document));
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onDocumentFormatting(async (params, token) => {
    const uri = readDocumentUri(params);
    const answer = await safeRun(logger, `formatting ${uri ?? ''}`, [], token, () => {
      const document = uri === undefined ? undefined : documents.get(uri);
      return document === undefined ? [] : service.format(document, cache.get(document));
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onRequest(DESCRIBE_PROFILE_METHOD, async (raw: unknown, token: CancellationToken): Promise<DescribeProfileResult> => {
    const params = readDescribeProfileParams(raw);
    const answer = await safeRun(logger, `describe profile ${params.profileUri ?? params.documentUri ?? ''}`, { markdown: 'The profile could not be read.' }, token, async () => {
      if (params.profileData !== undefined) {
        const reading = readProfileBytes(new Uint8Array(Buffer.from(params.profileData, 'base64')));
        return reading.profile === undefined ? { markdown: `Not a provisioning profile: ${reading.problem ?? 'unreadable'}\n` } : { markdown: describeProfile(reading.profile, new Date()) };
      }
      if (params.profileUri !== undefined) {
        const profilePath = filePathOf(params.profileUri);
        const extraPaths = (await settings.get(params.documentUri ?? params.profileUri)).profilePaths;
        const profile = profilePath === undefined ? NOT_READABLE : profiles.readListed(profilePath, extraPaths);
        return typeof profile === 'string' ? { markdown: `${profile}\n` } : { markdown: describeProfile(profile, new Date()), profileUri: params.profileUri };
      }
      const document = params.documentUri === undefined ? undefined : documents.get(params.documentUri);
      const options = document === undefined ? undefined : await optionsFor(document);
      if (options?.profile === undefined) return { markdown: noProfileText(options) };
      const location = options.profile.location;
      return { markdown: describeProfile(options.profile, new Date()), ...(location === undefined ? {} : { profileUri: fileUri(location) }) };
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onRequest(LIST_PROFILES_METHOD, async (raw: unknown, token: CancellationToken): Promise<ListProfilesResult> => {
    const params = readListProfilesParams(raw);
    const answer = await safeRun(logger, 'list profiles', { profiles: [] }, token, async () => {
      if (params === undefined) return { profiles: [] };
      const userSettings = await settings.get(params.documentUri);
      const document = documents.get(params.documentUri);
      const current = document === undefined ? undefined : (await optionsFor(document))?.profile?.location;
      const now = new Date();
      const items = profiles.list(userSettings.profilePaths).map((profile) => ({
        profileUri: fileUri(profile.location ?? ''),
        name: profile.name,
        isExpired: isExpired(profile, now),
        ...(profile.applicationIdentifier === undefined ? {} : { applicationIdentifier: profile.applicationIdentifier }),
        ...(profile.teamName === undefined ? {} : { teamName: profile.teamName }),
        ...(profile.expirationDate === undefined ? {} : { expirationDate: profile.expirationDate.toISOString() }),
      }));
      return { profiles: items, ...(current === undefined ? {} : { currentUri: fileUri(current) }) };
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onRequest(CALL_AGENT_TOOL_METHOD, async (raw: unknown, token: CancellationToken): Promise<CallAgentToolResult> => {
    const params = readCallAgentToolParams(raw);
    const answer = await safeRun(logger, `agent tool ${params?.name ?? ''}`, { isError: true, text: 'The tool failed; see the Plist Sentinel output.' }, token, () => {
      if (params === undefined) return { isError: true, text: 'Not a tool call: name the tool.' };
      toolRunner ??= createToolRunner(service, workspaceRoots, openText);
      const outcome = toolRunner.call(params.name, params.input);
      return outcome.isError ? { isError: true, text: outcome.message } : { isError: false, text: JSON.stringify(outcome.value, null, 2) };
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onRequest(ADD_CAPABILITY_METHOD, async (raw: unknown, token: CancellationToken): Promise<AddCapabilityResult> => {
    const params = readAddCapabilityParams(raw);
    const answer = await safeRun(logger, 'add capability', { notes: [], error: 'Adding the capability failed; see the Plist Sentinel output.' }, token, async () => {
      const context = params === undefined ? undefined : await capabilityContext(params.documentUri);
      if (params === undefined || context === undefined) return { notes: [], error: "Open the target's .entitlements file or Info.plist (saved in the workspace) first." };
      return answerAddCapability(context, params);
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  /** Add Capability's view of a document: its path, target overrides, and reads limited to the workspace. */
  async function capabilityContext(documentUri: string): Promise<CapabilityRequestContext | undefined> {
    const filePath = filePathOf(documentUri);
    if (filePath === undefined) return undefined;
    const userSettings = layered(fileConfigOf(filePath), await settings.get(documentUri));
    return { service, resolver, filePath, overrides: { platform: userSettings.platform, productType: userSettings.productType }, readText: (candidate) => openText(candidate) ?? readWorkspaceText(candidate, workspaceRoots) };
  }

  async function capabilityActionsFor(document: TextDocument, diagnostics: readonly Diagnostic[]): Promise<CodeAction[]> {
    const context = diagnostics.some((diagnostic) => CAPABILITY_FIX_CODES.has(String(diagnostic.code))) ? await capabilityContext(document.uri) : undefined;
    return context === undefined ? [] : capabilityActions(context, document, diagnostics);
  }

  connection.onRequest(SELECT_PROFILE_METHOD, async (raw: unknown, token: CancellationToken): Promise<null> => {
    const params = readSelectProfileParams(raw);
    const answer = await safeRun(logger, 'select profile', null, token, async () => {
      if (params === undefined) return null;
      if (params.profileData !== undefined) {
        const reading = readProfileBytes(new Uint8Array(Buffer.from(params.profileData, 'base64')));
        if (reading.profile === undefined) return null;
        profiles.select(params.documentUri, reading.profile);
      } else if (params.profileUri === null) {
        profiles.select(params.documentUri, undefined);
      } else {
        // Only a profile the server would list may be picked by path; anything else leaves the choice as it was.
        const profilePath = filePathOf(params.profileUri);
        const extraPaths = (await settings.get(params.documentUri)).profilePaths;
        const profile = profilePath === undefined ? NOT_READABLE : profiles.readListed(profilePath, extraPaths);
        if (typeof profile === 'string' || profile.location === undefined) return null;
        profiles.select(params.documentUri, profile.location);
      }
      refreshDiagnostics();
      return null;
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  function refreshDiagnostics(): void {
    if (usesPullDiagnostics) {
      if (canRefreshDiagnostics) void connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) schedulePush(document);
    }
  }

  connection.onDidChangeWatchedFiles(() => {
    resolver.clear();
    profiles.clear();
    configs.clear();
    refreshDiagnostics();
  });

  connection.onDidChangeConfiguration(() => {
    settings.forgetAll();
    if (usesPullDiagnostics) {
      if (canRefreshDiagnostics) void connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) schedulePush(document);
    }
  });

  // Clients without pull diagnostics (older editors) get pushed diagnostics, debounced while the user types and
  // never published for a version that has since changed.
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  function schedulePush(document: TextDocument): void {
    if (usesPullDiagnostics) return;
    const timer = pending.get(document.uri);
    if (timer !== undefined) clearTimeout(timer);
    pending.set(document.uri, setTimeout(() => {
      pending.delete(document.uri);
      void pushDiagnostics(document.uri, document.version);
    }, DEBOUNCE_MS));
  }
  async function pushDiagnostics(uri: string, version: number): Promise<void> {
    const document = documents.get(uri);
    if (document === undefined || document.version !== version) return;
    const diagnostics = await safeRun(logger, `diagnostics ${uri}`, [], undefined, () => diagnose(document));
    if (diagnostics instanceof Error || documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  // A file's diagnostics can depend on its companion, so in push mode every open plist is re-checked (debounced)
  // when one opens or changes; pull clients re-pull by themselves (interFileDependencies).
  const scheduleAll = () => documents.all().forEach(schedulePush);
  documents.onDidOpen(scheduleAll);
  documents.onDidChangeContent(scheduleAll);
  documents.onDidClose((event) => {
    cache.forget(event.document.uri);
    settings.forget(event.document.uri);
    const timer = pending.get(event.document.uri);
    if (timer !== undefined) clearTimeout(timer);
    pending.delete(event.document.uri);
    if (!usesPullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}

/** The path of a `file:` URI, or `undefined` for other schemes (untitled documents have no project). */
function filePathOf(uri: string): string | undefined {
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

/** Why no profile is shown for a document: what was looked for, so the user knows what to fix. */
function noProfileText(options: ValidationOptions | undefined): string {
  if (options === undefined || options.fileKind !== 'entitlements') return 'Open an .entitlements file, or pick a .mobileprovision or .provisionprofile file.\n';
  const identity = signingIdentityOf(options);
  const team = identity.teamIdentifiers.length === 0 ? '' : ` in team ${identity.teamIdentifiers.join(', ')}`;
  const wanted = identity.bundleIdentifiers.length === 0 ? 'its bundle identifier is not known (no Xcode target names it, and its Info.plist has no literal CFBundleIdentifier)' : `none is for ${identity.bundleIdentifiers.join(' or ')}${team}`;
  return `No provisioning profile matches this file: ${wanted}. Profiles are looked for in the workspace, in \`plistSentinel.profilePaths\`, and on macOS in ~/Library/MobileDevice/Provisioning Profiles; the command "Select Provisioning Profile" picks one.\n`;
}
