// `npm run bench:cli`: the CLI's run over each corpus as a ratio to a bare `node -e ""` start (issue 20 asks for 3x
// at most). A ratio, not a time, so it means the same on a loaded machine: each round runs the bare start and every
// corpus once, in a new order, from this one process, and each ratio is the median over rounds of that round's run
// divided by that round's bare start. Beside wall time it gives CPU time (user + system, from the children's totals
// in /proc/self/stat, Linux only, in 10 ms ticks), which other load on a shared machine disturbs far less.
// Flags: `--rounds N` (default 9), `--json`, `--bin FILE`. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binFlag = process.argv.indexOf('--bin');
// Another build's executable can be measured the same way (`--bin /tmp/old/bin/plist-sentinel.js`), for before/after.
const BIN = binFlag === -1 ? path.join(ROOT, 'bin', 'plist-sentinel.js') : path.resolve(process.argv[binFlag + 1]);
const roundsFlag = process.argv.indexOf('--rounds');
const ROUNDS = roundsFlag === -1 ? 9 : Number(process.argv[roundsFlag + 1]);
const CORPORA = [
  { name: 'apps', folder: 'test/corpus/apps/files' },
  { name: 'projects', folder: 'test/corpus/projects/files' },
];

if (binFlag === -1 && !existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('Expected dist/cli.js: run `npm run build` first');

/** The CPU milliseconds of this process's waited-for children so far, or undefined off Linux. */
function childrenCpuMs() {
  try {
    // Fields after the command name, which is in parentheses: cutime and cstime are the 14th and 15th.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Wall and CPU time of one child process in milliseconds; the exit code is checked so a broken run cannot look fast. */
function timeRun(args, acceptsStatus) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (!acceptsStatus(result.status)) throw new Error(`${args.join(' ')} exited ${String(result.status)}`);
  const cpuAfter = childrenCpuMs();
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const jobs = [
  { name: 'node -e ""', args: ['-e', ''], acceptsStatus: (status) => status === 0 },
  // The corpora hold real findings, so the run exits 1; 2 would mean an input it could not check.
  ...CORPORA.map((corpus) => ({ name: corpus.name, args: [BIN, 'check', corpus.folder], acceptsStatus: (status) => status === 0 || status === 1 })),
];
for (const job of jobs) timeRun(job.args, job.acceptsStatus); // warm the file cache
const times = new Map(jobs.map((job) => [job.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const job of [...jobs].sort(() => Math.random() - 0.5)) times.get(job.name)[round] = timeRun(job.args, job.acceptsStatus);
}
const bare = times.get('node -e ""');
const hasCpu = bare.every((time) => time.cpu !== undefined && time.cpu > 0);
const ratioOf = (name, measure) => median(times.get(name).map((time, round) => time[measure] / bare[round][measure]));
const result = {
  rounds: ROUNDS,
  bareNode: { wallMs: median(bare.map((time) => time.wall)), ...(hasCpu ? { cpuMs: median(bare.map((time) => time.cpu)) } : {}) },
  corpora: CORPORA.map((corpus) => ({
    name: corpus.name,
    folder: corpus.folder,
    wallMs: median(times.get(corpus.name).map((time) => time.wall)),
    wallRatio: ratioOf(corpus.name, 'wall'),
    ...(hasCpu ? { cpuMs: median(times.get(corpus.name).map((time) => time.cpu)), cpuRatio: ratioOf(corpus.name, 'cpu') } : {}),
  })),
};
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const cpu = (ms, ratio) => (ms === undefined ? '' : `; CPU ${ms.toFixed(0)} ms, ${ratio.toFixed(2)}x`);
  process.stdout.write(`bare node -e "": ${result.bareNode.wallMs.toFixed(0)} ms wall${result.bareNode.cpuMs === undefined ? '' : `, ${result.bareNode.cpuMs.toFixed(0)} ms CPU`} (medians of ${ROUNDS} rounds)\n`);
  for (const corpus of result.corpora) process.stdout.write(`check ${corpus.folder}: ${corpus.wallMs.toFixed(0)} ms, ${corpus.wallRatio.toFixed(2)}x node -e ""${cpu(corpus.cpuMs, corpus.cpuRatio)}\n`);
}
