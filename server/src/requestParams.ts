/**
 * The parameters of standard requests, narrowed where they arrive: the client's JSON is `unknown` until here, so
 * a `null` in a list or a missing field answers with nothing rather than throwing inside the service.
 */
import type { ClientCapabilities, Diagnostic, DiagnosticRelatedInformation, Position, Range } from 'vscode-languageserver';

function recordOf(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

function isLineOrCharacter(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A position with two non-negative integers, else `undefined`. */
export function readPosition(raw: unknown): Position | undefined {
  const record = recordOf(raw);
  if (record === undefined || !isLineOrCharacter(record.line) || !isLineOrCharacter(record.character)) return undefined;
  return { line: record.line, character: record.character };
}

export function readRange(raw: unknown): Range | undefined {
  const record = recordOf(raw);
  const start = readPosition(record?.start);
  const end = readPosition(record?.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** `params.textDocument.uri` when it is a string. */
export function readDocumentUri(params: unknown): string | undefined {
  const uri = recordOf(recordOf(params)?.textDocument)?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** The document and position of a hover or completion request, when both are there. */
export function readDocumentPosition(params: unknown): { uri: string; position: Position } | undefined {
  const uri = readDocumentUri(params);
  const position = readPosition(recordOf(params)?.position);
  return uri === undefined || position === undefined ? undefined : { uri, position };
}

/**
 * The diagnostics of a code-action request's context: each one with a range and a message, the others dropped.
 * `data` stays `unknown` for the quick fixes to narrow, as only they know its shape per code.
 */
export function readCodeActionDiagnostics(params: unknown): Diagnostic[] {
  const list = recordOf(recordOf(params)?.context)?.diagnostics;
  if (!Array.isArray(list)) return [];
  const diagnostics: Diagnostic[] = [];
  for (const item of list as unknown[]) {
    const record = recordOf(item);
    const range = readRange(record?.range);
    if (record === undefined || range === undefined || typeof record.message !== 'string') continue;
    const diagnostic: Diagnostic = { range, message: record.message };
    if (typeof record.source === 'string') diagnostic.source = record.source;
    if (typeof record.code === 'string' || typeof record.code === 'number') diagnostic.code = record.code;
    if (typeof record.severity === 'number') diagnostic.severity = record.severity as Diagnostic['severity'];
    if (record.data !== undefined) diagnostic.data = record.data;
    const related = readRelatedInformation(record.relatedInformation);
    if (related !== undefined) diagnostic.relatedInformation = related;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function readRelatedInformation(raw: unknown): DiagnosticRelatedInformation[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const related: DiagnosticRelatedInformation[] = [];
  for (const item of raw as unknown[]) {
    const record = recordOf(item);
    const location = recordOf(record?.location);
    const range = readRange(location?.range);
    if (record === undefined || typeof location?.uri !== 'string' || range === undefined || typeof record.message !== 'string') continue;
    related.push({ location: { uri: location.uri, range }, message: record.message });
  }
  return related;
}

/** The workspace folders' URIs of an initialize request, else its `rootUri`; entries that are not strings are dropped. */
export function readWorkspaceFolderUris(params: unknown): string[] {
  const record = recordOf(params);
  const folders = record?.workspaceFolders;
  if (Array.isArray(folders)) return (folders as unknown[]).map((folder) => recordOf(folder)?.uri).filter((uri): uri is string => typeof uri === 'string');
  return typeof record?.rootUri === 'string' ? [record.rootUri] : [];
}

/**
 * The client's capabilities, or none when they are missing. Only optional-chained reads follow, so an object is
 * all that needs checking here.
 */
export function readClientCapabilities(params: unknown): ClientCapabilities {
  return recordOf(recordOf(params)?.capabilities) ?? {};
}

/** What a request is about, for the log line of a failure: its document, its profile, or its tool's name. */
export function readRequestSubject(params: unknown): string {
  const record = recordOf(params);
  const subject = readDocumentUri(params) ?? record?.profileUri ?? record?.documentUri ?? record?.name;
  return typeof subject === 'string' ? subject : '';
}
