import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** The suite file for Restricted Mode, which needs a workbench of its own. */
const RESTRICTED_SUITE = 'restrictedMode.test.js';

/**
 * The `extensionTestsPath` entry point, as `@vscode/test-electron` expects it: VS Code loads this module in
 * the extension host and calls `run()`; the promise settling decides the exit code. The same bundle runs in
 * code-server's extension host (scripts/e2e/run.sh) and in desktop VS Code (test/e2e/runTests.ts).
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env['PLIST_SENTINEL_E2E_GREP'];
  if (grep) mocha.grep(grep);
  // Sorted, so that activation.test.js runs first, in a host where no plist has been opened yet. The restricted
  // stage (an untrusted workspace, scripts/e2e/run.sh) runs only its own file, and the trusted one everything else.
  const suiteFolder = path.join(__dirname, 'suite');
  const isRestrictedStage = process.env['PLIST_SENTINEL_E2E_STAGE'] === 'restricted';
  const testFiles = fs.readdirSync(suiteFolder)
    .filter((name) => name.endsWith('.test.js') && (name === RESTRICTED_SUITE) === isRestrictedStage)
    .sort();
  for (const name of testFiles) mocha.addFile(path.join(suiteFolder, name));

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? 0;
        console.log(`${passed} passed, ${failed} failed`);
        if (failed > 0) reject(new Error(`${failed} end-to-end test(s) failed`));
        else if (passed === 0) reject(new Error(`no end-to-end test ran (suite files: ${testFiles.join(', ') || 'none'})`));
        else resolve();
      });
    } catch (error) {
      console.error(error);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
