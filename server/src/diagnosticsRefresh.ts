/**
 * The one way diagnostics are brought up to date after something they depend on changed: pull clients are asked
 * to pull again, and push clients get every open document re-checked and published, debounced while the user types
 * and never for a version that has since changed.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError } from 'vscode-languageserver';
import { safeRun } from './safeRun';
import { diagnose, type ServerState } from './serverState';

const DEBOUNCE_MS = 150;

export interface DiagnosticsRefresh {
  /** After settings, configuration, projects, companions or profiles changed: every open document. */
  refreshAll(): void;
  /** After an open document changed: push clients re-check every open one, as files depend on their companion. */
  documentChanged(): void;
  closed(uri: string): void;
}

export function createDiagnosticsRefresh(state: ServerState): DiagnosticsRefresh {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const cancelPending = (uri: string): void => {
    const timer = pending.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    pending.delete(uri);
  };
  const schedulePush = (document: TextDocument): void => {
    cancelPending(document.uri);
    pending.set(document.uri, setTimeout(() => {
      pending.delete(document.uri);
      void pushDiagnostics(state, document.uri, document.version);
    }, DEBOUNCE_MS));
  };
  const pushAll = (): void => {
    if (!state.client.usesPullDiagnostics) state.documents.all().forEach(schedulePush);
  };
  return {
    refreshAll() {
      if (!state.client.usesPullDiagnostics) pushAll();
      else if (state.client.canRefreshDiagnostics) void state.connection.languages.diagnostics.refresh();
    },
    // Pull clients re-pull by themselves on an edit (interFileDependencies).
    documentChanged: pushAll,
    closed(uri) {
      cancelPending(uri);
      if (!state.client.usesPullDiagnostics) void state.connection.sendDiagnostics({ uri, diagnostics: [] });
    },
  };
}

async function pushDiagnostics(state: ServerState, uri: string, version: number): Promise<void> {
  const document = state.documents.get(uri);
  if (document === undefined || document.version !== version) return;
  const diagnostics = await safeRun(state.logger, `diagnostics ${uri}`, undefined, () => diagnose(state, document));
  if (diagnostics instanceof ResponseError || state.documents.get(uri)?.version !== version) return;
  await state.connection.sendDiagnostics({ uri, version, diagnostics });
}
