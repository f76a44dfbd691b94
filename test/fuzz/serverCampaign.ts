/**
 * The server-level fuzz campaign: seeded random documents (mutated corpus files) opened in the real server over
 * stdio, then random requests at random positions (hover, completion, code actions, symbols, folding, formatting,
 * pulled diagnostics), random incremental edits, requests cancelled at once, and malformed transport bytes. Every
 * request must be answered (or answered as cancelled) within the bound, with every range inside the document of
 * its version, and the server must still be running at the end. `npm run fuzz` runs it large; the protocol test
 * runs a few documents. Document D of seed S is the same on every machine.
 */
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { PULL_CAPABILITIES, startClient, type TestClient } from '../protocol/lspClient';
import { fuzzInput } from './corpusInputs';
import { createRandom, type Random } from './mutations';

export interface CampaignOptions {
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  /** Requests and edits per document. */
  readonly stepsPerDocument: number;
  /** Milliseconds a request may take to be answered. */
  readonly timeBoundMs: number;
  readonly onProgress?: (report: CampaignReport) => void;
}

export interface CampaignReport {
  documents: number;
  requests: number;
  cancelled: number;
  edits: number;
  transportProbes: number;
  failures: string[];
  slowestMs: number;
  slowest: string;
}

/** Byte sequences that are not one well-framed message; the server must drop them and keep serving. */
function malformedBytes(random: Random): string {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'plistSentinel/noSuchNotification', params: { n: random.below(1000) } });
  const garbage = Array.from({ length: 1 + random.below(200) }, () => String.fromCharCode(random.below(256))).join('').replace(/content-length/gi, 'x');
  const shapes = [
    `Content-Lenght: ${body.length}\r\n\r\n${body}`,
    `Content-Length: abc\r\n\r\n${body}`,
    `Content-Length: -5\r\n\r\n${body}`,
    `Content-Length: ${body.length}\r\nContent-Length: 3\r\n\r\n${body}`,
    body,
    `Content-Length: ${body.length + 1 + random.below(500)}\r\n\r\n${body}`,
    `Content-Length ${body.length}\r\n\r\n${body}`,
    `Content-Length: ${random.below(body.length)}\r\n\r\n${body}`,
    `Content-Length: 999999999999\r\n\r\n${body}`,
    `X-Padding: ${'x'.repeat(random.below(20_000))}\r\n`,
    garbage,
    `Content-Length: ${garbage.length}\r\n\r\n${garbage}`,
    `Content-Length: ${body.length - 3}\r\n\r\n${body.slice(0, -3)}`,
  ];
  return random.pick(shapes);
}

/** Every `{ start, end }` range in an answer, wherever it sits (hover, edits, diagnostics, symbols). */
function rangesIn(value: unknown, found: Range[] = [], depth = 0): Range[] {
  if (depth > 64 || typeof value !== 'object' || value === null) return found;
  const record = value as Record<string, unknown>;
  if (isPosition(record.start) && isPosition(record.end)) found.push(record as unknown as Range);
  for (const item of Array.isArray(value) ? value : Object.values(record)) rangesIn(item, found, depth + 1);
  return found;
}

function isPosition(value: unknown): value is Position {
  return typeof value === 'object' && value !== null && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

/** What is wrong with the ranges of an answer about `document`, if anything. */
function rangeProblem(document: TextDocument, method: string, answer: unknown): string | undefined {
  for (const range of rangesIn(answer)) {
    for (const position of [range.start, range.end]) {
      if (position.line < 0 || position.character < 0 || position.line >= document.lineCount) return `${method}: position ${position.line}:${position.character} outside ${document.lineCount} lines`;
      const lineEnd = document.offsetAt({ line: position.line + 1, character: 0 });
      const lineStart = document.offsetAt({ line: position.line, character: 0 });
      if (position.character > lineEnd - lineStart) return `${method}: character ${position.character} past the end of line ${position.line}`;
    }
    if (document.offsetAt(range.start) > document.offsetAt(range.end)) return `${method}: range ends before it starts`;
  }
  return undefined;
}

/** A position in the document, now and then one past its end or on a line it does not have. */
function randomPosition(document: TextDocument, random: Random): Position {
  if (random.next() < 0.05) return { line: document.lineCount + random.below(5), character: random.below(100) };
  return document.positionAt(random.below(document.getText().length + 1));
}

/** An incremental edit: a random range replaced by a fragment of the document itself or a typed character. */
function randomEdit(document: TextDocument, random: Random): { range: Range; text: string } {
  const text = document.getText();
  const start = random.below(text.length + 1);
  const end = Math.min(text.length, start + (random.next() < 0.5 ? 0 : random.below(40)));
  const from = random.below(text.length + 1);
  const inserted = random.pick(['', random.pick(['<', '>', '/', 'k', '\n', '\r\n', '\r', '"', '&', '<key>', '</dict>', '<string>x</string>']), text.slice(from, from + random.below(80))]);
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: inserted };
}

const REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/formatting', 'textDocument/diagnostic'] as const;

function paramsFor(method: (typeof REQUESTS)[number], uri: string, document: TextDocument, random: Random, lastDiagnostics: unknown[]): unknown {
  const textDocument = { uri };
  switch (method) {
    case 'textDocument/hover':
    case 'textDocument/completion':
      return { textDocument, position: randomPosition(document, random) };
    case 'textDocument/codeAction': {
      const start = randomPosition(document, random);
      const end = random.next() < 0.5 ? start : randomPosition(document, random);
      const [first, last] = document.offsetAt(start) <= document.offsetAt(end) ? [start, end] : [end, start];
      return { textDocument, range: { start: first, end: last }, context: { diagnostics: random.next() < 0.7 ? lastDiagnostics : [null, {}] } };
    }
    case 'textDocument/formatting':
      return { textDocument, options: { tabSize: 1 + random.below(8), insertSpaces: random.next() < 0.5 } };
    default:
      return { textDocument };
  }
}

const CANCELLED_CODES = new Set([-32800, -32801, -32802]);

/** Runs documents `from` .. `from + count` of the campaign against one server; never throws for a finding. */
export async function runServerCampaign(corpus: readonly string[], options: CampaignOptions): Promise<CampaignReport> {
  const report: CampaignReport = { documents: 0, requests: 0, cancelled: 0, edits: 0, transportProbes: 0, failures: [], slowestMs: 0, slowest: '' };
  const client: TestClient = await startClient(PULL_CAPABILITIES);
  try {
    for (let index = options.from; index < options.from + options.count; index++) {
      if (client.process.exitCode !== null) {
        report.failures.push(`the server exited before document ${index}: ${client.stderr().slice(-2000)}`);
        break;
      }
      await runDocument(client, corpus, index, options, report);
      report.documents++;
      options.onProgress?.(report);
    }
  } finally {
    if (client.process.exitCode === null) {
      await Promise.race([client.shutdown(), new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (client.process.exitCode === null) client.process.kill();
    }
  }
  return report;
}

async function runDocument(client: TestClient, corpus: readonly string[], index: number, options: CampaignOptions, report: CampaignReport): Promise<void> {
  const input = fuzzInput(corpus, options.seed, index);
  const random = createRandom(Math.imul(options.seed ^ 0x5bd1e995, index + 7) ^ 0x2545f491);
  const isEntitlements = random.next() < 0.5;
  const uri = `file:///fuzz/${index}/${isEntitlements ? 'App.entitlements' : 'Info.plist'}`;
  let document = TextDocument.create(uri, isEntitlements ? 'entitlements' : 'info-plist', 1, input.text);
  await client.open(uri, document.languageId, input.text, 1);
  let lastDiagnostics: unknown[] = [];
  const where = (step: number) => `seed ${options.seed} document ${index} step ${step}`;
  for (let step = 0; step < options.stepsPerDocument; step++) {
    const roll = random.next();
    if (roll < 0.2) {
      const edit = randomEdit(document, random);
      document = TextDocument.update(document, [edit], document.version + 1);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [edit] });
      // Diagnostics of the previous version would have stale ranges.
      lastDiagnostics = [];
      report.edits++;
      continue;
    }
    if (roll < 0.25) {
      await new Promise<void>((resolve, reject) => client.process.stdin.write(malformedBytes(random), (error) => (error ? reject(error) : resolve())));
      report.transportProbes++;
      continue;
    }
    const method = random.pick(REQUESTS);
    const params = paramsFor(method, uri, document, random, lastDiagnostics);
    const source = new CancellationTokenSource();
    const isCancelled = random.next() < 0.05;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), options.timeBoundMs)));
    const request = client.connection.sendRequest<unknown>(method, params, source.token).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    if (isCancelled) source.cancel();
    const outcome = await Promise.race([request, deadline]);
    clearTimeout(timer);
    const elapsed = performance.now() - started;
    report.requests++;
    if (elapsed > report.slowestMs) {
      report.slowestMs = elapsed;
      report.slowest = `${method} on ${where(step)} (${document.getText().length} characters)`;
    }
    if (outcome === 'late') {
      report.failures.push(`${method} not answered within ${options.timeBoundMs} ms: ${where(step)}`);
      // Wait a while longer for it, but a request never answered ends this document rather than the campaign.
      const isAnswered = await Promise.race([request.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]);
      if (!isAnswered) {
        report.failures.push(`${method} never answered: ${where(step)}`);
        return;
      }
      continue;
    }
    if ('error' in outcome) {
      const code = outcome.error instanceof ResponseError ? outcome.error.code : undefined;
      if (code !== undefined && CANCELLED_CODES.has(code)) report.cancelled++;
      else report.failures.push(`${method} failed with ${String(outcome.error)}: ${where(step)}`);
      continue;
    }
    const problem = rangeProblem(document, method, outcome.answer);
    if (problem !== undefined) report.failures.push(`${problem}: ${where(step)}`);
    if (method === 'textDocument/diagnostic') {
      const items = (outcome.answer as { items?: unknown[] } | null)?.items;
      lastDiagnostics = Array.isArray(items) ? items.slice(0, 20) : [];
    }
  }
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
