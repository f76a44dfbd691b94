/**
 * What each fast path kept in the parser and its helpers buys, measured A/B in one process: each pair times the
 * code with the fast path and without it, in turn within every round, and reports the median over rounds of the
 * ratio without / with (above 1x: the fast path pays). Figures go to docs/performance.md ("What each fast path
 * buys"). Run: `npx esbuild bench/fastPaths.ts --bundle --platform=node --outfile=dist/fastPaths.js && node dist/fastPaths.js`.
 */
import { CATALOG } from '../shared/src/catalogData';
import { editDistance, EditDistanceScratch } from '../server/src/service/editDistance';
import { parsePlist, parsePlistByTokens } from '../server/src/service/plist/parser';
import { TableScratch } from '../server/src/service/plist/table';
import { createBenchInputs } from './inputs';

interface Pair {
  readonly name: string;
  readonly input: string;
  readonly with: () => unknown;
  readonly without: () => unknown;
}

const ROUNDS = 15;

/** Milliseconds per call of `run`, over a batch long enough for the clock. */
function time(run: () => unknown, count: number): number {
  const start = performance.now();
  for (let index = 0; index < count; index++) run();
  return (performance.now() - start) / count;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

function batchSize(run: () => unknown): number {
  let count = 1;
  while (time(run, count) * count < 20 && count < 1 << 20) count *= 2;
  return count;
}

function pairsFor(name: string, xml: string): Pair[] {
  const scratch = TableScratch.shared();
  return [
    { name: 'direct path (directReader.ts)', input: name, with: () => parsePlist(xml, scratch), without: () => parsePlistByTokens(xml, scratch) },
    { name: "the service's scratch space (TableScratch.shared)", input: name, with: () => parsePlist(xml, scratch), without: () => parsePlist(xml) },
  ];
}

function editDistancePair(): Pair {
  const keys = [...CATALOG.entitlements, ...CATALOG.infoPlist].map((entry) => entry.key);
  const words = ['NSCameraUsageDescriptio', 'com.apple.security.app-sandbx', 'UIRequiredDeviceCapabilitie', 'CFBundleIdentifer'];
  const compareAll = (scratch: () => EditDistanceScratch | undefined) => () => {
    let total = 0;
    for (const word of words) {
      const kept = scratch();
      for (const key of keys) total += editDistance(word, key, 3, kept);
    }
    return total;
  };
  return { name: 'a scratch per word compared with the catalog (EditDistanceScratch)', input: `${words.length} words x ${keys.length} catalog keys`, with: compareAll(() => new EditDistanceScratch()), without: compareAll(() => undefined) };
}

function main(): void {
  const inputs = createBenchInputs(CATALOG, [1_000_000]);
  const pairs = [...inputs.flatMap((input) => pairsFor(input.name, input.xml)), editDistancePair()];
  const counts = pairs.map((pair) => [batchSize(pair.with), batchSize(pair.without)] as const);
  const ratios: number[][] = pairs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    pairs.forEach((pair, index) => {
      const [withCount, withoutCount] = counts[index] as readonly [number, number];
      const first = round % 2 === 0;
      const a = first ? time(pair.with, withCount) : 0;
      const b = time(pair.without, withoutCount);
      const c = first ? a : time(pair.with, withCount);
      (ratios[index] as number[]).push(b / c);
    });
  }
  console.log('| fast path | input | without / with |');
  console.log('|---|---|---|');
  pairs.forEach((pair, index) => console.log(`| ${pair.name} | ${pair.input} | ${median(ratios[index] as number[]).toFixed(2)}x |`));
}

main();
