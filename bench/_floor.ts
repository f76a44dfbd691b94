import { CATALOG } from '../shared/src/catalogData';
import { createBenchInputs } from './inputs';
const input = createBenchInputs(CATALOG, [1_000_000])[2]!;
const text = input.xml;
function floor(t: string): number { let c = 0; for (let i = 0, n = t.length; i < n; i++) { const ch = t.charCodeAt(i); if (ch === 60 || ch === 62) c++; } return c; }
function idx(t: string): number { let c = 0; let i = t.indexOf('<'); while (i >= 0) { c++; i = t.indexOf('<', i + 1); } return c; }
function alloc(t: string): number { const a: object[] = []; let i = t.indexOf('<'); while (i >= 0) { a.push({ o: i, e: i + 1, k: 'x', p: a }); i = t.indexOf('<', i + 1); } return a.length; }
for (const [name, f] of [['floor', floor], ['indexOf <', idx], ['alloc per tag', alloc]] as const) {
  const times: number[] = [];
  for (let r = 0; r < 200; r++) { const t0 = performance.now(); f(text); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  console.log(name, times[100]!.toFixed(3), 'ms');
}
