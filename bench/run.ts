/**
 * `npm run bench`: how fast we are, as ratios measured in one process and one run, so they mean the same on any
 * machine. For each input (bench/inputs.ts) it times our parse, parse + validate, hover and completion, beside
 * (a) the floor, a bare loop over the same text that only finds `<` and `>`, and (b) the peer,
 * `vscode-json-languageservice` parsing and validating the same content as JSON against the same catalog as a
 * JSON schema (bench/jsonSchema.ts). Then the processes: server cold start and a CLI run over the real-world corpus (test/corpus/apps) as
 * ratios to a bare `node -e ""`, and the server's peak memory after opening every corpus file.
 *
 * Every time is a median over rounds, and every ratio the median of that ratio within each round; in each round
 * every measurement runs once in turn (a batch of calls long enough for the clock, in a new order each round), so
 * load on the machine falls on all of them alike. Each measurement is warmed up first (see measureAll).
 * Flags: `--quick` (no 10 MB input, fewer rounds), `--no-process` (latency only).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, type JSONDocument } from 'vscode-json-languageservice';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../shared/src/catalogData';
import { UNKNOWN_TARGET } from '../shared/src/target';
import { createLanguageService } from '../server/src/service/languageService';
import type { PlistDocument } from '../server/src/service/plist/nodes';
import { createBenchInputs, type BenchInput } from './inputs';
import { entitlementsSchema, infoPlistSchema } from './jsonSchema';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'plist-sentinel.js');
const CORPUS = path.resolve(ROOT, 'test', 'corpus', 'apps');
const isQuick = process.argv.includes('--quick');
const skipProcesses = process.argv.includes('--no-process');

/** One thing to time; `run` may return a promise (the peer's validation, hover and completion do). */
interface Measurement {
  readonly name: string;
  readonly run: () => unknown;
}

/** The floor: one pass over the text that only finds `<` and `>`. */
function scanFloor(text: string): number {
  let count = 0;
  for (let index = 0, length = text.length; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x3c || code === 0x3e) count++;
  }
  return count;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Mean milliseconds per call over `count` calls. */
async function timeBatch(measurement: Measurement, count: number): Promise<number> {
  const start = performance.now();
  for (let index = 0; index < count; index++) {
    const result = measurement.run();
    if (isThenable(result)) await result;
  }
  return (performance.now() - start) / count;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `items` in an order that depends only on `seed`. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = (seed + 1) * 2_654_435_761;
  for (let index = result.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/** Each measurement's time (ms per call) in every round, in round order. */
type Samples = Map<string, number[]>;

const WARM_UP_CALLS = 3000;
const WARM_UP_MS = 1500;

/** Times of each measurement over `rounds` interleaved rounds. */
async function measureAll(measurements: readonly Measurement[], rounds: number): Promise<Samples> {
  // Warm up (the JIT, the peer's schema) and size each batch to about 2 ms so the clock's resolution does not count.
  // The warm-up is long (3,000 calls or 1.5 s each) because a server validates thousands of versions in a session:
  // after a few hundred calls V8 is still compiling the optimized code of both services, and figures taken then
  // measured the compiler (a typical Info.plist validated in 0.39 ms after 200 ms of warm-up, 0.13 ms after 1.5 s).
  const batchSizes = new Map<string, number>();
  for (const measurement of measurements) {
    const warmUpStart = performance.now();
    for (let calls = 0; calls < WARM_UP_CALLS && performance.now() - warmUpStart < WARM_UP_MS; calls++) await timeBatch(measurement, 1);
    const single = await timeBatch(measurement, 3);
    batchSizes.set(measurement.name, Math.max(1, Math.min(20_000, Math.ceil(2 / Math.max(single, 0.0001)))));
  }
  const samples = new Map<string, number[]>(measurements.map((measurement) => [measurement.name, []]));
  for (let round = 0; round < rounds; round++) {
    // A new order each round: a parse promotes megabytes of tree, and the major collection that later frees it
    // lands on whatever runs then; in a fixed order it would land on the same measurement every round.
    for (const measurement of shuffled(measurements, round)) samples.get(measurement.name)?.push(await timeBatch(measurement, batchSizes.get(measurement.name) ?? 1));
  }
  return samples;
}

/** The median time of one measurement. */
function medianTime(samples: Samples, name: string): number {
  return median(samples.get(name) ?? [Number.NaN]);
}

/**
 * The median over rounds of `ours / theirs` within each round. A ratio of two medians would mix rounds taken while
 * the machine was fast with rounds taken while it was slow (on shared cores the floor itself moved by half between
 * runs); a ratio within one round compares two measurements made moments apart.
 */
function medianRatio(samples: Samples, ours: string, theirs: string): number {
  const a = samples.get(ours) ?? [];
  const b = samples.get(theirs) ?? [];
  return median(a.map((value, round) => value / (b[round] as number)));
}

interface LatencyRow {
  readonly input: BenchInput;
  readonly samples: Samples;
  readonly checks: string;
}

async function measureInput(input: BenchInput): Promise<LatencyRow> {
  const service = createLanguageService(CATALOG);
  const peer = getLanguageService({});
  peer.configure({
    validate: true,
    allowComments: false,
    schemas: [
      { uri: 'bench://schemas/entitlements.json', fileMatch: ['*.entitlements.json'], schema: entitlementsSchema(CATALOG) },
      { uri: 'bench://schemas/info-plist.json', fileMatch: ['*Info.plist.json'], schema: infoPlistSchema(CATALOG) },
    ],
  });
  // Documents are made once, as the server keeps them: their line index is maintained by the sync, not rebuilt.
  const document = TextDocument.create(input.uri, input.fileKind, 1, input.xml);
  const completionDocument = TextDocument.create(input.uri, input.fileKind, 2, input.xmlCompletion.text);
  const jsonUri = `${input.uri}.json`;
  const jsonDocument = TextDocument.create(jsonUri, 'json', 1, input.json);
  const jsonCompletionDocument = TextDocument.create(jsonUri, 'json', 2, input.jsonCompletion.text);
  const context = { fileKind: input.fileKind, target: UNKNOWN_TARGET, allowedKeys: new Set<string>() };
  // Hover and completion read the parse the server caches per version; validation parses afresh each time, as
  // after every keystroke.
  const parsed: PlistDocument = service.parse(input.xml);
  const completionParsed = service.parse(input.xmlCompletion.text);
  const peerParsed: JSONDocument = peer.parseJSONDocument(jsonDocument);
  const peerCompletionParsed = peer.parseJSONDocument(jsonCompletionDocument);
  const jsonHoverPosition = jsonDocument.positionAt(input.jsonHoverOffset);
  const jsonCompletionPosition = jsonCompletionDocument.positionAt(input.jsonCompletion.offset);
  const validate = () => service.validate(document, service.parse(input.xml), { ...context, allowedKeys: new Set<string>(), severity: {} });

  const ours = {
    diagnostics: validate().length,
    hover: service.hover(document, parsed, input.xmlHoverOffset, context) !== undefined,
    completions: service.complete(completionDocument, completionParsed, input.xmlCompletion.offset, context).items.length,
  };
  const theirs = {
    diagnostics: (await peer.doValidation(jsonDocument, peer.parseJSONDocument(jsonDocument))).length,
    hover: (await peer.doHover(jsonDocument, jsonHoverPosition, peerParsed)) !== null,
    completions: (await peer.doComplete(jsonCompletionDocument, jsonCompletionPosition, peerCompletionParsed))?.items.length ?? 0,
  };
  const checks = `ours: ${ours.diagnostics} diagnostics, hover ${ours.hover ? 'yes' : 'NO'}, ${ours.completions} completions; ` +
    `peer: ${theirs.diagnostics} diagnostics, hover ${theirs.hover ? 'yes' : 'NO'}, ${theirs.completions} completions`;

  const measurements: Measurement[] = [
    { name: 'floor', run: () => scanFloor(input.xml) },
    { name: 'parse', run: () => service.parse(input.xml) },
    { name: 'parse+validate', run: validate },
    { name: 'hover', run: () => service.hover(document, parsed, input.xmlHoverOffset, context) },
    { name: 'completion', run: () => service.complete(completionDocument, completionParsed, input.xmlCompletion.offset, context) },
    { name: 'peer parse', run: () => peer.parseJSONDocument(jsonDocument) },
    { name: 'peer parse+validate', run: () => peer.doValidation(jsonDocument, peer.parseJSONDocument(jsonDocument)) },
    { name: 'peer hover', run: () => peer.doHover(jsonDocument, jsonHoverPosition, peerParsed) },
    { name: 'peer completion', run: () => peer.doComplete(jsonCompletionDocument, jsonCompletionPosition, peerCompletionParsed) },
  ];
  const rounds = input.xml.length > 5_000_000 ? (isQuick ? 3 : 9) : input.xml.length > 500_000 ? (isQuick ? 9 : 31) : isQuick ? 15 : 51;
  return { input, samples: await measureAll(measurements, rounds), checks };
}

function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.01) return `${ms.toFixed(3)} ms`;
  return `${(ms * 1000).toFixed(2)} µs`;
}

function formatRatio(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}x`;
}

function formatSize(characters: number): string {
  return characters >= 1_000_000 ? `${(characters / 1_000_000).toFixed(1)} MB` : `${(characters / 1000).toFixed(1)} KB`;
}

function printLatency(rows: readonly LatencyRow[]): void {
  const time = (row: LatencyRow, name: string) => medianTime(row.samples, name);
  console.log('\n## Latency (median per call)\n');
  console.log('| input | size | keys | floor | parse | parse + validate | hover | completion | peer parse | peer parse + validate | peer hover | peer completion |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const cells = ['floor', 'parse', 'parse+validate', 'hover', 'completion', 'peer parse', 'peer parse+validate', 'peer hover', 'peer completion'].map((name) => formatMs(time(row, name)));
    console.log(`| ${row.input.name} | ${formatSize(row.input.xml.length)} | ${row.input.keyCount} | ${cells.join(' | ')} |`);
  }
  console.log('\n## Ratios (median over rounds of the ratio within a round; lower is better; below 1x beats the peer)\n');
  console.log('| input | parse / floor | parse + validate / floor | parse / peer | parse + validate / peer | hover / peer | completion / peer |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const ratio = (ours: string, theirs: string) => formatRatio(medianRatio(row.samples, ours, theirs));
    console.log(`| ${row.input.name} | ${ratio('parse', 'floor')} | ${ratio('parse+validate', 'floor')} | ${ratio('parse', 'peer parse')} | ${ratio('parse+validate', 'peer parse+validate')} | ${ratio('hover', 'peer hover')} | ${ratio('completion', 'peer completion')} |`);
  }
  console.log('');
  for (const row of rows) console.log(`- ${row.input.name}: ${row.checks}`);
}

/** Milliseconds from spawning `args` to its exit. */
function timeProcess(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.error !== undefined) throw result.error;
  return performance.now() - start;
}

/** Milliseconds from spawning the server to its answer to `initialize`. */
async function timeServerStart(): Promise<number> {
  const start = performance.now();
  const server = await startServerProcess();
  const elapsed = performance.now() - start;
  await server.stop();
  return elapsed;
}

async function startServerProcess() {
  const child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    pid: child.pid ?? 0,
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** `VmHWM` (peak resident memory) and `VmRSS` of a process in MB, from /proc on Linux. */
function memoryOf(pid: number): { peak: number; resident: number } | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const text = readFileSync(status, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN) / 1024;
  return { peak: field('VmHWM'), resident: field('VmRSS') };
}

function corpusFiles(): Array<{ file: string; kind: string }> {
  const lines = readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file = '', , , , kind = ''] = line.split('\t');
    return { file, kind: kind === 'entitlements' ? 'entitlements' : 'info-plist' };
  });
}

async function measureProcesses(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('Expected dist/server.js: run `npm run build` first');
  const hasCorpus = existsSync(path.join(CORPUS, 'manifest.tsv'));
  const runs = isQuick ? 5 : 11;
  const bare: number[] = [];
  const serverStart: number[] = [];
  const cli: number[] = [];
  for (let round = 0; round < runs; round++) {
    bare.push(timeProcess(['-e', '']));
    serverStart.push(await timeServerStart());
    if (hasCorpus) cli.push(timeProcess([BIN, 'check', path.join(CORPUS, 'files')]));
  }
  const bareMs = median(bare);
  console.log('\n## Processes (median of', runs, 'runs)\n');
  console.log('| what | time | ratio to `node -e ""` |');
  console.log('|---|---|---|');
  console.log(`| \`node -e ""\` (spawn to exit) | ${formatMs(bareMs)} | 1x |`);
  console.log(`| server cold start (spawn to \`initialize\` answered) | ${formatMs(median(serverStart))} | ${formatRatio(median(serverStart) / bareMs)} |`);
  if (hasCorpus) console.log(`| CLI over test/corpus/apps (${corpusFiles().length} files, spawn to exit) | ${formatMs(median(cli))} | ${formatRatio(median(cli) / bareMs)} |`);
  if (!hasCorpus) {
    console.log('\n(test/corpus/apps not found: no CLI or memory figures)');
    return;
  }

  // Peak memory: open every corpus file in one server and pull diagnostics for each, as an editor would.
  const server = await startServerProcess();
  const atStart = memoryOf(server.pid);
  const files = corpusFiles();
  for (const { file, kind } of files) {
    const uri = `file:///corpus/${file}`;
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: kind, version: 1, text: readFileSync(path.join(CORPUS, 'files', file), 'utf8') } });
    await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }
  const afterAll = memoryOf(server.pid);
  await server.stop();
  if (atStart === undefined || afterAll === undefined) {
    console.log('\n(no /proc on this system: no memory figures)');
    return;
  }
  console.log(`\nServer memory: ${atStart.resident.toFixed(1)} MB resident after \`initialize\`; after opening and diagnosing all ${files.length} corpus files ` +
    `${afterAll.resident.toFixed(1)} MB resident, ${afterAll.peak.toFixed(1)} MB peak (VmHWM).`);
}

async function main(): Promise<void> {
  const inputs = createBenchInputs(CATALOG, isQuick ? [1_000_000] : [1_000_000, 10_000_000]);
  console.log(`# plist-sentinel benchmark (node ${process.version}, ${process.platform}/${process.arch}${isQuick ? ', --quick' : ''})`);
  const rows: LatencyRow[] = [];
  for (const input of inputs) {
    process.stderr.write(`measuring ${input.name}...\n`);
    rows.push(await measureInput(input));
  }
  printLatency(rows);
  if (!skipProcesses) await measureProcesses();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
