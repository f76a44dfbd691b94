/**
 * Capabilities and one route table. Each handler finds the document, takes the cached parse, asks the pure
 * language service, and returns its answer.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import type { Platform } from '../../shared/src/catalog';
import { UNKNOWN_TARGET, type ProductType, type TargetInfo } from '../../shared/src/target';
import { createTargetResolver } from './targetResolver';
import { createDocumentCache } from './documentCache';
import { safeRun } from './safeRun';
import { createSettingsStore } from './settings';
import { fileKindOf } from './service/fileKind';
import { createLanguageService, type ValidationOptions } from './service/languageService';

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
  const settings = createSettingsStore(connection, () => canPullSettings);
  let workspaceRoots: string[] = [];
  const resolver = createTargetResolver({
    catalog: service.catalog,
    parse: (text) => service.parse(text),
    roots: () => workspaceRoots,
    openText: (filePath) => documents.all().find((document) => filePathOf(document.uri) === filePath)?.getText(),
  });

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    // Target inference reads project files, but only inside the workspace the client opened.
    const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri === null || params.rootUri === undefined ? [] : [params.rootUri]);
    workspaceRoots = folderUris.map(filePathOf).filter((root): root is string => root !== undefined);
    canPullSettings = capabilities.workspace?.configuration === true;
    usesPullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    supportsRelatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation === true || usesPullDiagnostics;
    canRefreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(usesPullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'plist-sentinel' },
    };
  });

  connection.onInitialized(() => {
    if (canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'plistSentinel' });
  });

  async function optionsFor(document: TextDocument): Promise<ValidationOptions | undefined> {
    const fileKind = fileKindOf(document.uri, document.languageId);
    if (fileKind === undefined) return undefined;
    const userSettings = await settings.get(document.uri);
    const filePath = filePathOf(document.uri);
    const overrides = { platform: userSettings.platform, productType: userSettings.productType };
    const targetContext = filePath === undefined
      ? { target: overridesOnly(overrides) }
      : resolver.resolve({ filePath, fileKind, parsed: cache.get(document), overrides });
    return {
      fileKind,
      ...targetContext,
      allowedKeys: new Set(userSettings.allowedKeys),
      severity: userSettings.severity,
      supportsRelatedInformation,
    };
  }

  async function diagnose(document: TextDocument) {
    const options = await optionsFor(document);
    return options === undefined ? [] : service.validate(document, cache.get(document), options);
  }

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    const items = await safeRun(logger, `diagnostics ${params.textDocument.uri}`, [], token, () => (document === undefined ? [] : diagnose(document)));
    if (items instanceof Error) throw items;
    return { kind: 'full', items };
  });

  connection.onHover(async (params, token) => {
    const answer = await safeRun(logger, `hover ${params.textDocument.uri}`, null, token, async () => {
      const document = documents.get(params.textDocument.uri);
      const options = document === undefined ? undefined : await optionsFor(document);
      if (document === undefined || options === undefined) return null;
      return service.hover(document, cache.get(document), document.offsetAt(params.position), options) ?? null;
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onCodeAction(async (params, token) => {
    const answer = await safeRun(logger, `code actions ${params.textDocument.uri}`, [], token, () => {
      const document = documents.get(params.textDocument.uri);
      return document === undefined ? [] : service.quickFixes(document, cache.get(document), params.context.diagnostics);
    });
    if (answer instanceof Error) throw answer;
    return answer;
  });

  connection.onDidChangeWatchedFiles(() => {
    resolver.clear();
    if (usesPullDiagnostics && canRefreshDiagnostics) void connection.languages.diagnostics.refresh();
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

  documents.onDidOpen((event) => schedulePush(event.document));
  documents.onDidChangeContent((event) => schedulePush(event.document));
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

function overridesOnly(overrides: { platform: Platform | undefined; productType: ProductType | undefined }): TargetInfo {
  if (overrides.platform === undefined && overrides.productType === undefined) return UNKNOWN_TARGET;
  return {
    platforms: overrides.platform === undefined ? [] : [overrides.platform],
    productType: overrides.productType,
    reasons: ['set by the user'],
    ...(overrides.platform === undefined ? {} : { platformSource: 'user' as const }),
  };
}
