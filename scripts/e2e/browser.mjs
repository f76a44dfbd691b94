// Launches Debian's chromium through playwright-core the way both e2e drivers need it: headless, with a
// throwaway profile, and with everything that would try to reach the internet switched off.
import { chromium } from 'playwright-core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
// --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Starts chromium; `close()` stops it and deletes its profile. */
export async function launchBrowser({ width = 1280, height = 800 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: process.env.HEADFUL !== '1',
    viewport: { width, height },
    args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Writes `{ passed, failed }` for run.sh to add up. */
export function writeResult(file, passed, failed) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ passed, failed }) + '\n');
}

/** A logger that prefixes each line with the seconds since `start`. */
export function stopwatch(label) {
  const start = Date.now();
  return (message) => console.log(`[${label} ${((Date.now() - start) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}
