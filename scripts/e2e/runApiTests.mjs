// Runs the mocha suite (dist/test/e2e/index.js) inside code-server's real extension host, the way
// @vscode/test-electron runs it in desktop VS Code: the workbench URL carries a payload with
// extensionDevelopmentPath and extensionTestsPath, the workbench loads the extension and calls the suite's
// run(), and reports the outcome through window.codeAutomationExit. The server must have been started with
// `--vscode-option enable-smoke-test-driver`, or the built workbench silently ignores the payload.
//
// Usage: node runApiTests.mjs <server-url> <workspace-folder> <extension-folder> <tests-entry> <result.json>
import * as util from 'node:util';
import { launchBrowser, stopwatch, writeResult } from './browser.mjs';

const [serverUrl, workspaceFolder, extensionFolder, testsEntry, resultFile] = process.argv.slice(2);
if (!resultFile) throw new Error('usage: runApiTests.mjs <server-url> <workspace-folder> <extension-folder> <tests-entry> <result.json>');
const RUN_TIMEOUT_MS = Number(process.env.E2E_API_TIMEOUT_MS || 240_000);
// Lines the offline workbench logs that say nothing about the extension under test.
const NOISE = /ENOTFOUND|EAI_AGAIN|^\s+at |AccountPolicyGate|marketplace|gallery/i;

const lap = stopwatch('api');
const host = new URL(serverUrl).host;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', `vscode-remote://${host}${extensionFolder}`],
  ['extensionTestsPath', `vscode-remote://${host}${testsEntry}`],
  ['skipWelcome', 'true'],
]);
const url = `${serverUrl}/?folder=${encodeURIComponent(workspaceFolder)}&payload=${encodeURIComponent(payload)}`;

let counts;
const browser = await launchBrowser();
let exitCode;
try {
  let settle;
  const exited = new Promise((resolve) => (settle = resolve));
  await browser.page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = util.format(...args);
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(text);
    if (summary) counts = { passed: Number(summary[1]), failed: Number(summary[2]) };
    for (const line of text.split('\n')) if (!NOISE.test(line)) console.log(`  ${line}`);
  });
  await browser.page.exposeFunction('codeAutomationExit', (code) => settle(code));
  const timer = setTimeout(() => settle('timeout'), RUN_TIMEOUT_MS);
  lap(`opening the workbench with the test payload (extension: ${extensionFolder})`);
  await browser.page.goto(url);
  exitCode = await exited;
  clearTimeout(timer);
} finally {
  await browser.close();
}

lap(`extension-host test run exited with ${exitCode}`);
// The suite prints the counts; anything else (no counts, a timeout, an exit code that disagrees) is a failure.
let { passed, failed } = counts ?? { passed: 0, failed: 0 };
if (exitCode !== 0 && failed === 0) failed += 1;
writeResult(resultFile, passed, failed);
process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
