// Bundles the client (VS Code loads it), the server (also every command) and the lean CLI (`check`, `profile`) into
// one small file each. With --bench, also the benchmark (bench/run.ts), so that it measures the service bundled as the
// server ships it: run through tsx, every call across our modules went through an export getter, and the same
// validation measured slower.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  // The CLI's own bundle (`check`, `profile`): the same service without the LSP and MCP libraries, for start-up time.
  { ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/cli.js' },
  // The peer stays a package of its own: its UMD modules require each other by computed paths.
  ...(bench ? [{ ...common, entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js', external: ['vscode-json-languageservice'] }] : []),
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
