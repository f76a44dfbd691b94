/**
 * The document requests and the agent tool call: each finds the document, takes the cached parse, asks the pure
 * language service and returns its answer. They run inside `safeRun`, which turns a throw into a `ResponseError`.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type CodeAction, type CompletionList, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readCallAgentToolParams, type CallAgentToolResult } from '../../shared/src/protocol';
import { readCodeActionDiagnostics, readDocumentPosition, readDocumentUri } from './requestParams';
import { capabilityActionsFor } from './capabilityHandlers';
import { diagnose, optionsFor, type ServerState } from './serverState';

export type Handler<R> = (state: ServerState, params: unknown, token: CancellationToken) => R | Promise<R>;

export async function pullDiagnostics(state: ServerState, params: unknown, token: CancellationToken): Promise<{ kind: 'full'; items: Diagnostic[] }> {
  const uri = readDocumentUri(params) ?? '';
  const document = state.documents.get(uri);
  const items = document === undefined ? [] : await diagnose(state, document, token);
  // The text changed while it was being checked (settings and target reads are asynchronous): these items
  // describe a newer version than the client asked about, so it is told to pull again rather than given them.
  const current = state.documents.get(uri);
  if (current === undefined) return { kind: 'full', items: [] };
  if (current.version !== document?.version) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while it was checked', { retriggerRequest: true });
  return { kind: 'full', items };
}

export async function hover(state: ServerState, params: unknown): Promise<Hover | null> {
  const at = await documentAt(state, params);
  return at === undefined ? null : (state.service.hover(at.document, state.cache.get(at.document), at.offset, at.options) ?? null);
}

export async function completion(state: ServerState, params: unknown): Promise<CompletionList | null> {
  const at = await documentAt(state, params);
  return at === undefined ? null : state.service.complete(at.document, state.cache.get(at.document), at.offset, at.options);
}

export async function codeActions(state: ServerState, params: unknown): Promise<CodeAction[]> {
  const document = documentOf(state, params);
  if (document === undefined) return [];
  const diagnostics = readCodeActionDiagnostics(params);
  return [...state.service.quickFixes(document, state.cache.get(document), diagnostics), ...(await capabilityActionsFor(state, document, diagnostics))];
}

export function documentSymbols(state: ServerState, params: unknown): DocumentSymbol[] {
  const document = documentOf(state, params);
  return document === undefined ? [] : state.service.documentSymbols(document, state.cache.get(document));
}

export function foldingRanges(state: ServerState, params: unknown): FoldingRange[] {
  const document = documentOf(state, params);
  return document === undefined ? [] : state.service.foldingRanges(document, state.cache.get(document));
}

export function formatting(state: ServerState, params: unknown): TextEdit[] {
  const document = documentOf(state, params);
  return document === undefined ? [] : state.service.format(document, state.cache.get(document));
}

export function callAgentTool(state: ServerState, raw: unknown): CallAgentToolResult {
  const params = readCallAgentToolParams(raw);
  if (params === undefined) return { isError: true, text: 'Not a tool call: name the tool.' };
  const outcome = state.toolRunner().call(params.name, params.input);
  return outcome.isError ? { isError: true, text: outcome.message } : { isError: false, text: JSON.stringify(outcome.value, null, 2) };
}

function documentOf(state: ServerState, params: unknown): TextDocument | undefined {
  const uri = readDocumentUri(params);
  return uri === undefined ? undefined : state.documents.get(uri);
}

/** The open document, offset and options of a hover or completion request, when all three are there. */
async function documentAt(state: ServerState, params: unknown) {
  const request = readDocumentPosition(params);
  const document = request === undefined ? undefined : state.documents.get(request.uri);
  const options = document === undefined ? undefined : await optionsFor(state, document);
  if (request === undefined || document === undefined || options === undefined) return undefined;
  return { document, offset: document.offsetAt(request.position), options };
}
