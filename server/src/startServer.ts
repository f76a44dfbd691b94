/**
 * Capabilities and one route table: each request goes to a small named handler run inside `safeRun`, and every
 * change that can alter diagnostics goes through the one refresh path.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { CATALOG } from '../../shared/src/catalogData';
import { CONFIG_FILE_NAME } from '../../shared/src/config';
import { ADD_CAPABILITY_METHOD, CALL_AGENT_TOOL_METHOD, DESCRIBE_PROFILE_METHOD, LIST_PROFILES_METHOD, SELECT_PROFILE_METHOD } from '../../shared/src/protocol';
import { addCapabilityRequest } from './capabilityHandlers';
import { createDiagnosticsRefresh, type DiagnosticsRefresh } from './diagnosticsRefresh';
import { callAgentTool, codeActions, completion, documentSymbols, foldingRanges, formatting, hover, pullDiagnostics, type Handler } from './handlers';
import { describeProfileRequest, listProfilesRequest, selectProfileRequest } from './profileHandlers';
import { readClientCapabilities, readRequestSubject, readWorkspaceFolderUris } from './requestParams';
import { safeRun } from './safeRun';
import { createServerState, filePathOf, type ServerState } from './serverState';
import { createLanguageService, type LanguageService } from './service/languageService';

/** `service` is for tests that need a service which fails; the server itself checks against the catalog. */
export function startServer(connection: Connection, service: LanguageService = createLanguageService(CATALOG)): void {
  const state = createServerState(connection, service);
  const refresh = createDiagnosticsRefresh(state);
  const route = <R>(name: string, handler: Handler<R>) => (params: unknown, token: CancellationToken) =>
    safeRun(state.logger, `${name} ${readRequestSubject(params)}`, token, () => handler(state, params, token));

  connection.onInitialize((params) => initialize(state, params));
  connection.onInitialized(() => registerWatchers(state));
  connection.languages.diagnostics.on(route('diagnostics', pullDiagnostics));
  connection.onHover(route('hover', hover));
  connection.onCodeAction(route('code actions', codeActions));
  connection.onCompletion(route('completion', completion));
  connection.onDocumentSymbol(route('document symbols', documentSymbols));
  connection.onFoldingRanges(route('folding ranges', foldingRanges));
  connection.onDocumentFormatting(route('formatting', formatting));
  connection.onRequest(DESCRIBE_PROFILE_METHOD, route('describe profile', describeProfileRequest));
  connection.onRequest(LIST_PROFILES_METHOD, route('list profiles', listProfilesRequest));
  connection.onRequest(SELECT_PROFILE_METHOD, route('select profile', (_, params) => selectProfileRequest(state, params, refresh)));
  connection.onRequest(CALL_AGENT_TOOL_METHOD, route('agent tool', callAgentTool));
  connection.onRequest(ADD_CAPABILITY_METHOD, route('add capability', addCapabilityRequest));
  connection.onDidChangeWatchedFiles(() => watchedFilesChanged(state, refresh));
  connection.onDidChangeConfiguration(() => configurationChanged(state, refresh));
  state.documents.onDidOpen(() => refresh.documentChanged());
  state.documents.onDidChangeContent(() => refresh.documentChanged());
  state.documents.onDidClose((event) => documentClosed(state, refresh, event.document.uri));

  state.documents.listen(connection);
  connection.listen();
}

function initialize(state: ServerState, params: unknown): InitializeResult {
  const capabilities = readClientCapabilities(params);
  // Target inference reads project files, but only inside the workspace the client opened.
  state.workspaceRoots = readWorkspaceFolderUris(params).map(filePathOf).filter((root): root is string => root !== undefined);
  const client = state.client;
  client.canPullSettings = capabilities.workspace?.configuration === true;
  client.usesPullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  client.supportsRelatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true || client.usesPullDiagnostics;
  client.canRefreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
  client.canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
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
      ...(client.usesPullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'plist-sentinel' },
  };
}

function registerWatchers(state: ServerState): void {
  if (state.client.canPullSettings) void state.connection.client.register(DidChangeConfigurationNotification.type, { section: 'plistSentinel' });
  // Every client that can watch files is asked to watch the configuration, whatever else it watches for us.
  if (state.client.canWatchFiles) void state.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] });
}

/** A project, companion, profile or configuration file changed on disk: read them all again. */
function watchedFilesChanged(state: ServerState, refresh: DiagnosticsRefresh): void {
  state.resolver.clear();
  state.profiles.clear();
  state.configs.clear();
  refresh.refreshAll();
}

function configurationChanged(state: ServerState, refresh: DiagnosticsRefresh): void {
  state.settings.forgetAll();
  refresh.refreshAll();
}

function documentClosed(state: ServerState, refresh: DiagnosticsRefresh, uri: string): void {
  state.cache.forget(uri);
  state.settings.forget(uri);
  refresh.closed(uri);
}
