/**
 * Memory stays flat over 2,000 open/close cycles of documents with companions: each cycle opens a different
 * App.entitlements whose Info.plist sits beside it in the workspace folder, pulls its diagnostics and a hover
 * (both pair the companion), then closes it. The server's resident memory (VmRSS of the child process) over the
 * last 200 cycles stays within a generous margin of what it was after the first 200; keeping every companion's
 * parse would add hundreds of megabytes.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fileUri } from '../../server/src/targetResolver';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const CYCLES = 2000;
const WARM_UP = 200;
const FOLDERS = 2000;
/**
 * Generous: V8 grows its heap in steps for a while after the first 200 cycles (here RSS rises about 25 MB and then
 * stays level up to 4,000 cycles, with 10 MB saw teeth between collections), while keeping each 40 KB companion's
 * parse would add some hundreds of megabytes.
 */
const MAX_GROWTH_MB = 50;
/** RSS is sampled this often; the end figure is the median over the last 200 cycles, so one saw tooth does not decide. */
const SAMPLE_EVERY = 20;
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n';

function residentMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(match !== null, 'VmRSS in /proc/<pid>/status');
  return Number(match[1]) / 1024;
}

function infoPlist(index: number): string {
  // About 40 KB, so that keeping each parse would show in the process's memory.
  const entries = Array.from({ length: 400 }, (_, entry) => `\t<key>Custom${index}Key${entry}</key>\n\t<string>value ${'x'.repeat(40)} ${entry}</string>\n`).join('');
  return `${HEADER}<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.app${index}</string>\n\t<key>NSCameraUsageDescription</key>\n\t<string>To scan.</string>\n${entries}</dict>\n</plist>\n`;
}

const ENTITLEMENTS = `${HEADER}<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.developer.push-notifications</key>\n\t<string>development</string>\n</dict>\n</plist>\n`;

describe('memory over 2,000 open/close cycles with companions', function () {
  this.timeout(90_000);
  let workspace = '';
  let client: TestClient | undefined;
  before(function () {
    if (!existsSync('/proc/self/status')) this.skip();
    workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-memory-'));
    for (let index = 0; index < FOLDERS; index++) {
      const folder = path.join(workspace, `App${index}`);
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'Info.plist'), infoPlist(index));
      writeFileSync(path.join(folder, 'App.entitlements'), ENTITLEMENTS);
    }
  });
  after(async () => {
    await client?.shutdown();
    if (workspace !== '') rmSync(workspace, { recursive: true, force: true });
  });

  it(`keeps resident memory over the last ${WARM_UP} cycles within ${MAX_GROWTH_MB} MB of the first ${WARM_UP}`, async () => {
    client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(workspace) });
    const pid = client.process.pid;
    assert.ok(pid !== undefined);
    let afterWarmUp = 0;
    const lastSamples: number[] = [];
    let paired = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const uri = fileUri(path.join(workspace, `App${cycle % FOLDERS}`, 'App.entitlements'));
      await client.open(uri, 'entitlements', ENTITLEMENTS);
      const report: DocumentDiagnosticReport = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
      if (hover?.contents.value.includes('Paired with `Info.plist`') === true) paired++;
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      if (cycle + 1 === WARM_UP) afterWarmUp = residentMegabytes(pid);
      if (cycle + 1 > CYCLES - WARM_UP && (cycle + 1) % SAMPLE_EVERY === 0) lastSamples.push(residentMegabytes(pid));
    }
    const sorted = [...lastSamples].sort((left, right) => left - right);
    const atEnd = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    assert.equal(paired, CYCLES, 'every document was paired with its Info.plist');
    assert.ok(atEnd - afterWarmUp < MAX_GROWTH_MB, `RSS ${afterWarmUp.toFixed(0)} MB after ${WARM_UP} cycles, median ${atEnd.toFixed(0)} MB over the last ${WARM_UP}`);
  });
});
