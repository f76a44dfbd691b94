import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the end-to-end suite in desktop VS Code, downloaded by @vscode/test-electron (this needs internet
 * access; CI here uses code-server instead, see docs/e2e.md). Build first: `npm run build && node test/e2e/build.mjs`,
 * then `node dist/test/e2e/runTests.js`. VSCODE_VERSIONS picks the versions, by default the oldest one
 * engines.vscode allows and the current stable.
 */
async function main(): Promise<void> {
  // This file runs as dist/test/e2e/runTests.js.
  const root = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.join(__dirname, 'index.js');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const minimumVersion = manifest.engines.vscode.replace(/^[\^~>=]+/, '');
  const versions = (process.env['VSCODE_VERSIONS'] ?? `${minimumVersion},stable`).split(',').map((version) => version.trim());

  let failedVersions = 0;
  for (const version of versions) {
    // The tests edit documents and write workspace settings; give each run a throwaway copy of the fixture.
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plist-sentinel-e2e-'));
    fs.cpSync(path.join(root, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
    try {
      console.log(`VS Code ${version}: running the end-to-end suite on ${workspace}`);
      await runTests({
        version,
        extensionDevelopmentPath: root,
        extensionTestsPath,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
    } catch (error) {
      failedVersions++;
      console.error(`VS Code ${version}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
  if (failedVersions > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
