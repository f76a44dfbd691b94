/**
 * The `check` command as CI runs it: the real executable, its output formats and its exit codes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BIN } from './lspClient';

const EXAMPLE = path.resolve(__dirname, '..', 'fixtures', 'example-workspace');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '..', '..') });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('check command', () => {
  it('prints path:line:col: severity code message and exits 1 on errors', () => {
    const { status, stdout } = run('check', 'test/fixtures/example-workspace');
    assert.equal(status, 1);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.includes(
      "test/fixtures/example-workspace/MyApp/MyApp.entitlements:5:7: error hallucinated-key 'com.apple.developer.push-notifications' is not a real key: no entitlement has this name; the real key is 'aps-environment' or 'com.apple.developer.aps-environment'",
    ), stdout);
    for (const line of lines) assert.match(line, /^[^:]+:\d+:\d+: (error|warning|info|hint) [a-z-]+ .+$/);
  });

  it('prints what the README says the first command prints', () => {
    const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /The first command prints[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(shown !== undefined, 'the README shows the example output');
    const { status, stdout, stderr } = run('check', 'test/fixtures/example-workspace');
    assert.equal(status, 1);
    assert.equal(`${stdout}${stderr}`, shown);
  });

  it('skips Pods, node_modules, build and DerivedData folders', () => {
    const { stdout } = run('check', '--format', 'json', EXAMPLE);
    const report = JSON.parse(stdout) as { files: Array<{ path: string }> };
    const paths = report.files.map((file) => path.relative(EXAMPLE, file.path)).sort();
    assert.deepEqual(paths, ['MyApp/Info.plist', 'MyApp/MyApp.entitlements', 'MyAppWidget/MyAppWidget.entitlements']);
  });

  it('checks a plist whose name says nothing when its content is an entitlements file, and passes other plists by quietly', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-unnamed-'));
    const header = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n';
    writeFileSync(path.join(dir, 'parent.plist'), `${header}<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.security.application-groups</key>\n\t<string>TEAMID1234.com.example</string>\n</dict>\n</plist>\n`);
    writeFileSync(path.join(dir, 'Root.plist'), `${header}<dict>\n\t<key>PreferenceSpecifiers</key>\n\t<array/>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>StringsTable</key>\n\t<string>Root</string>\n</dict>\n</plist>\n`);
    const { status, stdout, stderr } = run('check', dir);
    assert.equal(status, 1, stdout + stderr);
    assert.match(stdout, /parent\.plist:7:\d+: error invalid-value-type /);
    assert.doesNotMatch(stdout + stderr, /Root\.plist/);
  });

  it('prints LSP diagnostics as JSON, with data for fixes', () => {
    const { status, stdout } = run('check', '--format=json', path.join(EXAMPLE, 'MyAppWidget'));
    assert.equal(status, 1);
    const report = JSON.parse(stdout) as { files: Array<{ path: string; diagnostics: Array<Record<string, unknown>> }> };
    const [file] = report.files;
    assert.ok(file !== undefined);
    const [diagnostic] = file.diagnostics;
    assert.deepEqual(diagnostic?.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 35 } });
    assert.equal(diagnostic?.code, 'unknown-key');
    assert.equal(diagnostic?.source, 'plist-sentinel');
    assert.deepEqual((diagnostic?.data as { replacements: string[] }).replacements[0], 'com.apple.security.app-sandbox');
  });

  it('expands globs, still skipping dependency folders', () => {
    const { stdout } = run('check', '--format', 'json', 'test/fixtures/example-workspace/**/*.entitlements');
    const report = JSON.parse(stdout) as { files: Array<{ path: string }> };
    assert.deepEqual(report.files.map((file) => path.basename(file.path)).sort(), ['MyApp.entitlements', 'MyAppWidget.entitlements']);
  });

  it('uses --platform to rank replacements', () => {
    const { stdout } = run('check', '--format', 'json', '--platform', 'macOS', path.join(EXAMPLE, 'MyApp', 'MyApp.entitlements'));
    const report = JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ data?: { replacements?: string[] } }> }> };
    assert.equal(report.files[0]?.diagnostics[0]?.data?.replacements?.[0], 'com.apple.developer.aps-environment');
  });

  it('infers each file\'s target from the Xcode project beside it', () => {
    const { stdout } = run('check', '--format', 'json', 'test/fixtures/projects/Sample');
    const report = JSON.parse(stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }> };
    const codes = Object.fromEntries(report.files.map((file) => [path.relative('test/fixtures/projects/Sample', file.path), file.diagnostics.map((diagnostic) => diagnostic.code).sort()]));
    assert.deepEqual(codes['MacApp/MacApp.entitlements'], ['missing-companion', 'platform-mismatch']);
    assert.deepEqual(codes['MyClip/MyClip.entitlements'], ['app-clip-unsupported', 'app-clip-unsupported', 'missing-companion']);
    assert.deepEqual(codes['Shared/Shared.entitlements'], []);
    assert.deepEqual(codes['Catalyst/Catalyst.entitlements'], []);
  });

  it('takes --platform and --product-type over what it infers', () => {
    const file = path.join(EXAMPLE, 'MyApp', 'MyApp.entitlements');
    const asClip = JSON.parse(run('check', '--format', 'json', '--product-type', 'app-clip', file).stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
    assert.ok(asClip.files[0]?.diagnostics.some((diagnostic) => diagnostic.code === 'app-clip-unsupported'));
    const asApp = JSON.parse(run('check', '--format', 'json', '--product-type', 'app', file).stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
    assert.ok(!asApp.files[0]?.diagnostics.some((diagnostic) => diagnostic.code === 'app-clip-unsupported'));
    assert.equal(run('check', '--product-type', 'framework', file).status, 2);
  });

  it('exits 0 when only warnings are found', () => {
    const { status } = run('check', path.join(EXAMPLE, 'MyApp', 'Info.plist'));
    assert.equal(status, 0);
  });

  it('exits 2 with a clear message for an unreadable path or bad usage', () => {
    const missing = run('check', 'no/such/folder');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no\/such\/folder: no such file or folder/);
    const badFormat = run('check', '--format', 'xml', EXAMPLE);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be text, json, sarif or github/);
    const badPlatform = run('check', '--platform', 'Windows', EXAMPLE);
    assert.equal(badPlatform.status, 2);
    assert.equal(run('frobnicate').status, 2);
  });

  it('reads a binary plist instead of failing on it (more in cliBinaries.test.ts)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-'));
    const file = path.join(folder, 'Info.plist');
    // bplist00, a one-entry dict (key object 1, value object 2), 'NSCameraUsageDescriptions', 'x', offsets, trailer.
    const objects = Buffer.concat([Buffer.from([0xd1, 1, 2, 0x5f, 0x10, 25]), Buffer.from('NSCameraUsageDescriptions'), Buffer.from([0x51, 0x78])]);
    const trailer = Buffer.alloc(32);
    trailer.writeUInt8(1, 6);
    trailer.writeUInt8(1, 7);
    trailer.writeBigUInt64BE(3n, 8);
    trailer.writeBigUInt64BE(BigInt(8 + objects.length), 24);
    writeFileSync(file, Buffer.concat([Buffer.from('bplist00'), objects, Buffer.from([8, 11, 8 + objects.length - 2]), trailer]));
    const { status, stdout } = run('check', '--fail-on', 'warning', file);
    assert.equal(status, 1);
    assert.match(stdout, /warning unknown-key Unknown Info.plist key 'NSCameraUsageDescriptions'/);
  });
});
