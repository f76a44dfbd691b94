// Bundles the end-to-end tests for the extension host: dist/test/e2e/index.js (the extensionTestsPath
// entry), one file per suite/*.test.ts, and runTests.js (the desktop launcher). `vscode` is provided by
// the extension host; mocha and @vscode/test-electron stay external and resolve from node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = path.join(root, 'dist/test/e2e');
const suiteFiles = fs.readdirSync(path.join(root, 'test/e2e/suite'))
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `test/e2e/suite/${name}`);

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/e2e/index.ts', 'test/e2e/runTests.ts', ...suiteFiles],
  outbase: 'test/e2e',
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
console.log(`e2e tests bundled into ${path.relative(root, outdir)}/ (${suiteFiles.length} suite files)`);
