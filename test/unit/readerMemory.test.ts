import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_SHAPES, type HostileShape } from './hostileInputs';

const PROBE = join(__dirname, 'memoryProbe.ts');
/** Rises under this count as this much: below it, allocator and collector noise decide the ratio. */
const FLOOR_BYTES = 16 * 1024 * 1024;
/** A linear reader gives about 10x for ten times the input; a quadratic one about 100x. */
const FACTOR = 30;
/** The heap each probe may use: far above a linear reader's need at the large size, far below the machine's. */
const HEAP_LIMIT_MB = 1024;
/** A probe still running after this is stopped and fails its test (a superlinear reader takes minutes). */
const PROBE_LIMIT_MS = 90_000;

/** How far one read of `input` raised a fresh process's peak memory, in bytes. */
function peakRiseOf(name: string, input: string | Uint8Array, folder: string): Promise<number> {
  const file = join(folder, `input-${input.length}`);
  writeFileSync(file, input);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${HEAP_LIMIT_MB}`, PROBE, name, file, typeof input === 'string' ? 'text' : 'bytes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`the probe of '${name}' at ${input.length} bytes exited with ${code ?? 'a signal'} (over a ${HEAP_LIMIT_MB} MB heap or ${PROBE_LIMIT_MS / 1000} s?): ${err.slice(-400)}`));
      resolve((JSON.parse(out) as { rise: number }).rise);
    });
  });
}

async function assertMemoryLinear(name: string, shape: HostileShape): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'plist-sentinel-memory-'));
  try {
    const [small, large] = shape.sizes.map((size) => shape.build(size));
    const smallRise = await peakRiseOf(name, small!, folder);
    const largeRise = await peakRiseOf(name, large!, folder);
    const ratio = largeRise / Math.max(smallRise, FLOOR_BYTES);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    assert.ok(ratio < FACTOR, `ten times the input raised peak memory ${ratio.toFixed(1)}x as much (${mb(smallRise)} MB for ${small!.length} bytes, then ${mb(largeRise)} MB for ${large!.length} bytes)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('readers: peak memory linear in the input, at the size that once broke each and ten times that', function () {
  this.timeout(2 * PROBE_LIMIT_MS + 10_000);
  for (const [name, shape] of Object.entries(HOSTILE_SHAPES)) {
    it(name, () => assertMemoryLinear(name, shape));
  }
});
