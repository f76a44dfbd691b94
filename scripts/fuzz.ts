/**
 * `npm run fuzz`: the long robustness run. First the hostile files at full size (a 100 MB file, 10,000 levels of
 * nesting, a million entity-bomb references, floods of unknown and duplicate keys), each timed, with the process's
 * peak memory; then 100,000 seeded mutations of the real-world corpus (test/corpus/apps) through every entry point of the language
 * service, spread over worker processes; then the server campaign (mutated documents opened in real servers over
 * stdio, random requests at random positions, incremental edits, cancellations and malformed transport bytes,
 * test/fuzz/serverCampaign.ts); then seeded mutations of built binary plists, Mach-O signatures and CMS profiles
 * through the binary readers (test/fuzz/binaryMutations.ts). Failing inputs are written to test-results/fuzz/.
 *
 *   npm run fuzz -- [--seed N] [--from I] [--count C] [--workers W] [--time-bound MS] [--documents D] [--steps S]
 *                   [--request-bound MS] [--binaries B] [--no-hostile] [--no-mutations] [--no-server] [--no-binary]
 *
 * Input I of seed N is the same on every machine, so `--seed N --from I --count 1` reproduces one failure (with
 * `--documents 1` for a server document, `--binaries 1` for a binary; `--from` applies to each part).
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { CATALOG } from '../shared/src/catalogData';
import { createLanguageService } from '../server/src/service/languageService';
import { binaryInput, binarySeeds, checkBinary } from '../test/fuzz/binaryMutations';
import { checkInput } from '../test/fuzz/checkInput';
import { CORPUS, fuzzInput, loadCorpusTexts } from '../test/fuzz/corpusInputs';
import {
  billionLaughs,
  binaryPlistBytes,
  commentedPlist,
  deepNesting,
  duplicateKeys,
  externalDoctypes,
  externalEntities,
  hugeArray,
  hugePlist,
  invalidUtf8Bytes,
  syntaxFlood,
  unknownEntitlements,
  unterminatedTokens,
} from '../test/fuzz/hostileInputs';
import { runServerCampaign, type CampaignReport } from '../test/fuzz/serverCampaign';

interface Options {
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  readonly workers: number;
  readonly timeBoundMs: number;
  readonly hostile: boolean;
  readonly mutations: boolean;
  readonly server: boolean;
  readonly binary: boolean;
  /** Documents of the server campaign, requests and edits per document, and the bound per request. */
  readonly documents: number;
  readonly steps: number;
  readonly requestBoundMs: number;
  /** Mutated binaries through the binary readers. */
  readonly binaries: number;
}

function readOptions(args: readonly string[]): Options {
  const value = (flag: string, fallback: number) => {
    const index = args.indexOf(flag);
    const raw = index < 0 ? undefined : args[index + 1];
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`Expected a whole number after ${flag}, got '${raw}'`);
    return parsed;
  };
  return {
    seed: value('--seed', 20_251_123),
    from: value('--from', 0),
    count: value('--count', 100_000),
    workers: Math.max(1, value('--workers', availableParallelism())),
    timeBoundMs: value('--time-bound', 2000),
    hostile: !args.includes('--no-hostile'),
    mutations: !args.includes('--no-mutations'),
    server: !args.includes('--no-server'),
    binary: !args.includes('--no-binary'),
    documents: value('--documents', 5_000),
    steps: value('--steps', 30),
    requestBoundMs: value('--request-bound', 1000),
    binaries: value('--binaries', 500_000),
  };
}

const RESULTS = path.resolve(__dirname, '..', 'test-results', 'fuzz');

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

/** The hostile files at full size, each through every entry point, timed. Returns the number of failures. */
function runHostile(timeBoundMs: number): number {
  const service = createLanguageService(CATALOG);
  const cases: Array<[string, () => string]> = [
    ['100 MB Info.plist', () => hugePlist(100 * 1024 * 1024)],
    ['15 MB Info.plist (under the size limit)', () => hugePlist(15 * 1024 * 1024)],
    ['15 MB Info.plist with a comment after every key', () => commentedPlist(15 * 1024 * 1024)],
    ['10,000-deep arrays, closed', () => deepNesting(10_000, true)],
    ['10,000-deep arrays, unclosed', () => deepNesting(10_000, false)],
    ['billion laughs, 1,000,000 references', () => billionLaughs(1_000_000)],
    ['external entities (file and URL)', externalEntities],
    ['DOCTYPE with a URL DTD', () => externalDoctypes()[0] ?? ''],
    ['DOCTYPE with a local-file DTD', () => externalDoctypes()[1] ?? ''],
    ['invalid UTF-8', () => invalidUtf8Bytes().toString('utf8')],
    ['binary plist opened as text', () => binaryPlistBytes().toString('utf8')],
    ['20,000 unknown entitlements', () => unknownEntitlements(20_000)],
    ['100,000 duplicate keys', () => duplicateKeys(100_000)],
    ['100,000 broken elements', () => syntaxFlood(100_000)],
    ['an array of 500,000 items and comments', () => hugeArray(500_000)],
    ...unterminatedTokens(10_000_000).map((text, index): [string, () => string] => [`unterminated token ${index + 1} before 10 MB`, () => text]),
  ];
  let failureCount = 0;
  console.log('Hostile files (every entry point, both file kinds):');
  for (const [name, build] of cases) {
    const text = build();
    const start = performance.now();
    // Hostile inputs are large: allow more per call than for corpus-sized ones, but still a bound.
    const result = checkInput(service, text, { timeBoundMs: Math.max(timeBoundMs, 10_000), probeCount: 4 });
    const elapsed = performance.now() - start;
    const peak = process.resourceUsage().maxRSS * 1024;
    const verdict = result.failures.length === 0 ? 'ok' : `FAILED: ${result.failures.slice(0, 3).join('; ')}`;
    console.log(`  ${name}: ${megabytes(text.length)} of text, all entry points in ${elapsed.toFixed(0)} ms (slowest call: ${result.slowest} ${result.slowestMs.toFixed(0)} ms), peak RSS ${megabytes(peak)}: ${verdict}`);
    failureCount += result.failures.length === 0 ? 0 : 1;
  }
  return failureCount;
}

interface WorkerReport {
  readonly done: number;
  readonly failures: Array<{ index: number; description: string; failures: string[] }>;
  readonly slowestMs: number;
  readonly slowest: string;
}

/** In a worker: inputs `from + worker`, `from + worker + workers`, ... up to `from + count`. */
function runWorker(options: Options, worker: number): void {
  const service = createLanguageService(CATALOG);
  const corpus = loadCorpusTexts();
  let report: WorkerReport = { done: 0, failures: [], slowestMs: 0, slowest: '' };
  const send = (final: boolean) => {
    process.send?.({ ...report, final });
    report = { ...report, failures: [] };
  };
  for (let index = options.from + worker; index < options.from + options.count; index += options.workers) {
    const input = fuzzInput(corpus, options.seed, index);
    const result = checkInput(service, input.text, { timeBoundMs: options.timeBoundMs, random: input.random, probeCount: 3 });
    report = {
      done: report.done + 1,
      failures: result.failures.length === 0 ? report.failures : [...report.failures, { index, description: input.description, failures: result.failures }],
      slowestMs: Math.max(report.slowestMs, result.slowestMs),
      slowest: result.slowestMs > report.slowestMs ? `input ${index}: ${result.slowest}` : report.slowest,
    };
    if (report.done % 500 === 0 || result.failures.length > 0) send(false);
  }
  send(true);
}

/** Forks the workers and gathers their reports. Returns the number of failing inputs. */
async function runMutations(options: Options): Promise<number> {
  if (!existsSync(CORPUS)) {
    console.log(`No corpus at ${CORPUS}: mutations skipped.`);
    return 0;
  }
  console.log(`\nMutations: ${options.count} inputs from ${options.from}, seed ${options.seed}, ${options.workers} workers, ${options.timeBoundMs} ms per call at most.`);
  const started = performance.now();
  const corpus = loadCorpusTexts();
  const done = new Array<number>(options.workers).fill(0);
  let failing = 0;
  let slowest = { ms: 0, what: '' };
  let lastPrinted = 0;
  await Promise.all(Array.from({ length: options.workers }, (_, worker) => new Promise<void>((resolve, reject) => {
    const child = fork(__filename, ['--worker', String(worker), ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('message', (message: WorkerReport & { final: boolean }) => {
      done[worker] = message.done;
      if (message.slowestMs > slowest.ms) slowest = { ms: message.slowestMs, what: message.slowest };
      for (const failure of message.failures) {
        failing++;
        mkdirSync(RESULTS, { recursive: true });
        const base = path.join(RESULTS, `${options.seed}-${failure.index}`);
        writeFileSync(`${base}.plist`, fuzzInput(corpus, options.seed, failure.index).text);
        writeFileSync(`${base}.txt`, `${failure.description}\n\n${failure.failures.join('\n\n')}\n`);
        console.log(`  FAILED input ${failure.index} (${failure.description}): ${failure.failures[0] ?? ''} -> ${base}.plist`);
      }
      const total = done.reduce((sum, count) => sum + count, 0);
      if (total - lastPrinted >= 10_000 || (total === options.count && total !== lastPrinted)) {
        lastPrinted = total;
        console.log(`  ${total} / ${options.count} inputs, ${failing} failing, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Worker ${worker} exited with ${String(code)}`))));
  })));
  console.log(`Done: ${options.count} inputs in ${((performance.now() - started) / 1000).toFixed(0)} s, ${failing} failing; slowest call ${slowest.ms.toFixed(0)} ms (${slowest.what}).`);
  return failing;
}

/** The server campaign over `workers` servers at once, each taking a contiguous share of the documents. */
async function runServer(options: Options): Promise<number> {
  console.log(`\nServer campaign: ${options.documents} documents from ${options.from}, seed ${options.seed}, ${options.steps} steps each, ${options.workers} servers, ${options.requestBoundMs} ms per request at most.`);
  const corpus = loadCorpusTexts();
  const started = performance.now();
  const share = Math.ceil(options.documents / options.workers);
  let lastPrinted = 0;
  // Each server's report as it grows, so progress counts documents while the servers still run.
  const reports: CampaignReport[] = [];
  const progress = (worker: number, report: CampaignReport) => {
    reports[worker] = report;
    const documents = reports.reduce((sum, each) => sum + each.documents, 0);
    if (documents - lastPrinted >= 1000) {
      lastPrinted = documents;
      console.log(`  ${documents} / ${options.documents} documents, ${reports.reduce((sum, each) => sum + each.failures.length, 0)} failures, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: options.workers }, async (_, worker) => {
    const from = options.from + worker * share;
    const count = Math.max(0, Math.min(share, options.from + options.documents - from));
    reports[worker] = await runServerCampaign(corpus, { seed: options.seed, from, count, stepsPerDocument: options.steps, timeBoundMs: options.requestBoundMs, onProgress: (report) => progress(worker, report) });
  }));
  const sum = (field: 'documents' | 'requests' | 'cancelled' | 'edits' | 'transportProbes') => reports.reduce((total, report) => total + report[field], 0);
  const failures = reports.flatMap((report) => report.failures);
  const slowest = reports.reduce((worst, report) => (report.slowestMs > worst.slowestMs ? report : worst), reports[0] as CampaignReport);
  if (failures.length > 0) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, `server-${options.seed}.txt`), `${failures.join('\n')}\n`);
    for (const failure of failures.slice(0, 20)) console.log(`  FAILED ${failure}`);
  }
  console.log(`Done: ${sum('documents')} documents, ${sum('requests')} requests (${sum('cancelled')} answered as cancelled), ${sum('edits')} incremental edits, ${sum('transportProbes')} malformed transport writes in ${((performance.now() - started) / 1000).toFixed(0)} s; ${failures.length} failures; slowest request ${slowest.slowestMs.toFixed(0)} ms (${slowest.slowest}).`);
  return failures.length;
}

/** The binary readers on `options.binaries` mutated binaries. */
function runBinary(options: Options): number {
  const seeds = binarySeeds();
  console.log(`\nBinary readers: ${options.binaries} mutations from ${options.from} of ${seeds.length} built inputs (${seeds.map((input) => input.name).join('; ')}), seed ${options.seed}, ${options.timeBoundMs} ms per call at most.`);
  const started = performance.now();
  let failing = 0;
  let slowest = { ms: 0, what: '' };
  for (let index = options.from; index < options.from + options.binaries; index++) {
    const input = binaryInput(seeds, options.seed, index);
    const result = checkBinary(input.bytes, options.timeBoundMs);
    if (result.slowestMs > slowest.ms) slowest = { ms: result.slowestMs, what: `input ${index}, ${result.slowest}, ${input.bytes.length} bytes` };
    if (result.failures.length > 0) {
      failing++;
      mkdirSync(RESULTS, { recursive: true });
      const base = path.join(RESULTS, `binary-${options.seed}-${index}`);
      writeFileSync(`${base}.bin`, input.bytes);
      writeFileSync(`${base}.txt`, `${input.description}\n\n${result.failures.join('\n\n')}\n`);
      console.log(`  FAILED input ${index} (${input.description}): ${result.failures[0] ?? ''} -> ${base}.bin`);
    }
    const done = index - options.from + 1;
    if (done % 100_000 === 0) console.log(`  ${done} / ${options.binaries} binaries, ${failing} failing, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`Done: ${options.binaries} binaries in ${((performance.now() - started) / 1000).toFixed(0)} s, ${failing} failing; slowest call ${slowest.ms.toFixed(1)} ms (${slowest.what}).`);
  return failing;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const workerIndex = args.indexOf('--worker');
  const options = readOptions(args);
  if (workerIndex >= 0) {
    runWorker(options, Number(args[workerIndex + 1]));
    return;
  }
  const hostileFailures = options.hostile ? runHostile(options.timeBoundMs) : 0;
  const mutationFailures = options.mutations ? await runMutations(options) : 0;
  const serverFailures = options.server ? await runServer(options) : 0;
  const binaryFailures = options.binary ? runBinary(options) : 0;
  process.exitCode = hostileFailures + mutationFailures + serverFailures + binaryFailures > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
