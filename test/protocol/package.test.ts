/**
 * The npm package as a user gets it: `npm pack`, then a global install into a temporary prefix and a project
 * install run through `npm exec` (what `npx` is), both offline because the package has no runtime dependencies.
 * Every command runs the installed copy, never this checkout, so a file missing from `files` fails here.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { PULL_CAPABILITIES, startClient } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'test', 'fixtures', 'example-workspace');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** npm itself: the one running this suite when there is one (npm test), else the one on PATH. */
function npm(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  const npmCli = process.env.npm_execpath;
  const [command, commandArgs] = npmCli !== undefined && npmCli.endsWith('.js') ? [process.execPath, [npmCli, ...args]] : ['npm', args];
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(result.status, 0, `npm ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe('npm package', function () {
  this.timeout(120_000);
  let folder: string;
  let tarball: string;
  let installedBin: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-package-'));
    const packed = JSON.parse(npm(ROOT, 'pack', '--json', '--pack-destination', folder).stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const [entry] = packed;
    assert.ok(entry !== undefined);
    tarball = path.join(folder, path.basename(entry.filename));
    const prefix = path.join(folder, 'global');
    npm(folder, 'install', '--global', '--prefix', prefix, '--cache', path.join(folder, 'cache'), '--offline', '--no-audit', '--no-fund', tarball);
    installedBin = path.join(prefix, 'bin', 'plist-sentinel');
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('packs the executable and its bundle, and no tests or sources', () => {
    const packed = JSON.parse(npm(ROOT, 'pack', '--dry-run', '--json', '--ignore-scripts').stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (packed[0]?.files ?? []).map((file) => file.path).sort();
    for (const needed of ['bin/plist-sentinel.js', 'dist/server.js', 'package.json', 'README.md', 'LICENSE']) assert.ok(files.includes(needed), `${needed} in ${files.join(', ')}`);
    assert.deepEqual(files.filter((file) => /^(test|server|client|shared|catalog|bench|scripts)\/|\.map$/.test(file)), []);
  });

  it('declares no runtime dependencies, so an offline install needs nothing else', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(manifest.dependencies ?? {}, {});
  });

  it('runs check from a global install, with the exit code for errors', () => {
    const result = spawnSync(installedBin, ['check', EXAMPLE], { encoding: 'utf8', cwd: folder });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /MyApp\.entitlements:5:7: error hallucinated-key /);
    assert.match(result.stderr, /3 files checked: 2 errors, 2 warnings/);
  });

  it('prints --help and --version from a global install', () => {
    const help = spawnSync(installedBin, ['--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /plist-sentinel check/);
    const version = spawnSync(installedBin, ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), VERSION);
  });

  it('serves LSP over stdio from a global install', async () => {
    const client = await startClient(PULL_CAPABILITIES, { rootUri: null }, [installedBin]);
    try {
      const uri = 'file:///workspace/App/App.entitlements';
      await client.open(uri, 'entitlements', '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.push-notifications</key>\n\t<string>development</string>\n</dict>\n</plist>\n');
      const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      const items: Diagnostic[] = report.kind === 'full' ? report.items : [];
      assert.deepEqual(items.map((diagnostic) => diagnostic.code), ['hallucinated-key']);
    } finally {
      await client.shutdown();
    }
  });

  it('serves MCP over stdio from a global install, the SDK bundled in', async () => {
    const client = new Client({ name: 'package-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: installedBin, args: ['mcp', '--root', EXAMPLE], cwd: folder, stderr: 'pipe' }));
    try {
      assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name).sort(), ['add_capability', 'check_plist', 'find_keys_for_feature', 'lookup_key']);
      const result = await client.callTool({ name: 'check_plist', arguments: { path: 'MyApp/MyApp.entitlements' } });
      assert.notEqual(result.isError, true);
      assert.match(JSON.stringify(result.structuredContent), /"code":"hallucinated-key"/);
    } finally {
      await client.close();
    }
  });

  it('runs through npm exec (npx) from a project that installed the tarball', () => {
    const project = path.join(folder, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    npm(project, 'install', '--cache', path.join(folder, 'cache'), '--offline', '--no-audit', '--no-fund', tarball);
    const result = spawnSync(process.execPath, [path.join(project, 'node_modules', '.bin', 'plist-sentinel'), '--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const viaExec = npm(project, 'exec', '--offline', '--cache', path.join(folder, 'cache'), '--', 'plist-sentinel', 'check', '--fail-on', 'none', '--format', 'json', path.join(EXAMPLE, 'MyAppWidget'));
    assert.equal((JSON.parse(viaExec.stdout) as { files: unknown[] }).files.length, 1);
  });
});
