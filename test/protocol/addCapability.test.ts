/**
 * `plist-sentinel add-capability` through the real executable on a copy of the example workspace: the diff it
 * prints, and the files `--write` leaves, parsed with the plist package.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BIN } from './lspClient';

const EXAMPLE = path.resolve(__dirname, '..', 'fixtures', 'example-workspace');

describe('the CLI: plist-sentinel add-capability', function () {
  let workspace: string;
  let plistPackage: { parse(text: string): unknown };

  before(async () => {
    plistPackage = await import('plist');
  });

  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-cap-'));
    cpSync(EXAMPLE, workspace, { recursive: true });
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, 'add-capability', ...args], { encoding: 'utf8', cwd: workspace });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const read = (file: string) => readFileSync(path.join(workspace, file), 'utf8');

  it('prints the change as a diff and writes nothing', () => {
    const before = read('MyApp/Info.plist');
    const { status, stdout } = run('Background Modes: Background fetch', 'MyApp/Info.plist', '--platform', 'iOS');
    assert.equal(status, 0);
    assert.match(stdout, /^--- a\/MyApp\/Info\.plist\n\+\+\+ b\/MyApp\/Info\.plist\n@@ -21,6 \+21,7 @@\n/);
    assert.deepEqual(stdout.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++')), ['+\t\t<string>fetch</string>']);
    assert.equal(read('MyApp/Info.plist'), before);
  });

  it('--write adds HealthKit to both files, keeping what is there', () => {
    const { status, stderr } = run('HealthKit', 'MyApp/MyApp.entitlements', '--platform', 'iOS', '--write');
    assert.equal(status, 0, stderr);
    const entitlements = plistPackage.parse(read('MyApp/MyApp.entitlements')) as Record<string, unknown>;
    assert.equal(entitlements['com.apple.developer.healthkit'], true);
    assert.deepEqual(entitlements['com.apple.developer.healthkit.access'], []);
    assert.deepEqual(entitlements['com.apple.security.application-groups'], ['group.com.example.myapp']);
    const info = plistPackage.parse(read('MyApp/Info.plist')) as Record<string, unknown>;
    assert.equal(info.NSHealthShareUsageDescription, 'Read your step count to show it beside your spending.');
    assert.match(String(info.NSHealthUpdateUsageDescription), /^TODO: /);
    assert.match(stderr, /Fill in NSHealthUpdateUsageDescription/);
    // A second run finds everything there.
    const again = run('HealthKit', 'MyApp/MyApp.entitlements', '--platform', 'iOS');
    assert.match(again.stdout, /already there/);
  });

  it('makes the entitlements file a target lacks', () => {
    const { status } = run('App Groups', 'MyApp/Info.plist', 'MyApp/New.entitlements', '--platform', 'iOS', '--write');
    assert.equal(status, 0);
    assert.ok(existsSync(path.join(workspace, 'MyApp', 'New.entitlements')));
    assert.deepEqual(plistPackage.parse(read('MyApp/New.entitlements')), { 'com.apple.security.application-groups': ['group.$(PRODUCT_BUNDLE_IDENTIFIER)'] });
  });

  it('refuses a capability that does not fit the target, and an unknown one', () => {
    const mac = run('HomeKit', 'MyApp/MyApp.entitlements', '--platform', 'macOS');
    assert.equal(mac.status, 1);
    assert.match(mac.stderr, /not macOS/);
    const unknown = run('Teleportation', 'MyApp/MyApp.entitlements');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no capability named/);
    assert.equal(run().status, 2);
  });

  it('--list shows what fits, marking those Apple must approve', () => {
    const { status, stdout } = run('--list', 'MyApp/MyApp.entitlements', '--platform', 'iOS');
    assert.equal(status, 0);
    assert.match(stdout, /^ {2}Push Notifications \(push-notifications\)$/m);
    assert.match(stdout, /^ {2}Family Controls \(family-controls\) {2}\[Apple must approve\]$/m);
    assert.doesNotMatch(stdout, /App Sandbox/);
  });
});
