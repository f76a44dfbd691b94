/**
 * A minimal LSP client for protocol tests: spawns the real executable (`bin/plist-sentinel.js --stdio`, the
 * bundle users run) and speaks JSON-RPC to it over stdio.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const BIN = path.resolve(__dirname, '..', '..', 'bin', 'plist-sentinel.js');

export interface TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** Settings the server gets from `workspace/configuration`; change them, then notify. */
  settings: Record<string, unknown>;
  /** How many `workspace/diagnostic/refresh` requests arrived. */
  refreshCount: number;
  open(uri: string, languageId: string, text: string, version?: number): Promise<void>;
  /** Resolves with the next `publishDiagnostics` for `uri` that satisfies `accept`. */
  nextPublished(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  readonly published: PublishDiagnosticsParams[];
  stderr(): string;
  shutdown(): Promise<void>;
}

export const PULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
};

/** `command` is the executable and its first arguments; the packaging test passes an installed copy. */
export async function startClient(
  capabilities: ClientCapabilities,
  workspace: { rootUri: string | null } = { rootUri: null },
  command: readonly string[] = [process.execPath, BIN],
): Promise<TestClient> {
  const [executable = process.execPath, ...commandArgs] = command;
  const child = spawn(executable, [...commandArgs, '--stdio'], { stdio: 'pipe' });
  let stderrText = '';
  child.stderr.on('data', (chunk: Buffer) => (stderrText += chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<{ uri: string; accept: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }> = [];
  const client: TestClient = {
    connection,
    process: child,
    settings: {},
    refreshCount: 0,
    published,
    async open(uri, languageId, text, version = 1) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    nextPublished(uri, accept = () => true) {
      return new Promise((resolve) => waiters.push({ uri, accept, resolve }));
    },
    stderr: () => stderrText,
    async shutdown() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    },
  };
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => client.settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    client.refreshCount++;
    return null;
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (let index = waiters.length - 1; index >= 0; index--) {
      const waiter = waiters[index];
      if (waiter !== undefined && waiter.uri === params.uri && waiter.accept(params)) {
        waiters.splice(index, 1);
        waiter.resolve(params);
      }
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: workspace.rootUri, capabilities, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  return client;
}

/** Resolves when `predicate` holds, checking after every event loop turn; rejects after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
