/**
 * The `check` command on exported apps: an `.ipa` (read from the zip in memory) and an `.xcarchive` folder, each app
 * and extension checked by its Info.plist and signed entitlements, those against its embedded.mobileprovision; and
 * the archives refused for what they would do if unpacked (a zip bomb, an entry climbing out with `../`).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ipaOf, iosBundle, under, writeXcarchive, zipOf, type BundleFiles } from '../builders/appArchives';
import { createSigner, hasOpenssl, profilePlist, TEAM, type Signer } from '../builders/signedProfiles';
import { BIN } from './lspClient';

function entitlements(entries: Readonly<Record<string, string | true>>): string {
  const body = Object.entries(entries)
    .map(([key, value]) => `\t<key>${key}</key>\n\t${value === true ? '<true/>' : `<string>${value}</string>`}\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;
}

function signing(bundleIdentifier: string): Record<string, string | true> {
  return { 'application-identifier': `${TEAM}.${bundleIdentifier}`, 'com.apple.developer.team-identifier': TEAM, 'get-task-allow': true };
}

interface JsonReport {
  files: Array<{ path: string; fileKind: string; view: string; diagnostics: Array<{ code: string; message: string }> }>;
}

describe('check on .ipa and .xcarchive exports', function () {
  let signer: Signer;
  let folder: string;
  let app: BundleFiles;
  before(function () {
    if (!hasOpenssl()) {
      console.warn('    openssl is not installed (Debian package: openssl); skipping the archive CLI tests');
      this.skip();
    }
    signer = createSigner();
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-archives-'));
    const profile = (spec: Parameters<typeof profilePlist>[0]) => signer.sign(profilePlist({ developerCertificates: [signer.certificateDer], ...spec }));
    // The app claims HealthKit, which its profile does not grant; its Info.plist has a misspelt purpose string.
    const main = iosBundle({
      executable: 'My',
      bundleIdentifier: 'com.example.myapp',
      info: { NSCameraUsageDescriptions: 'To scan codes', NSHealthShareUsageDescription: 'Reads your steps.' },
      entitlements: entitlements({ ...signing('com.example.myapp'), 'aps-environment': 'development', 'com.apple.developer.healthkit': true }),
      profile: profile({ entitlements: { 'aps-environment': 'development' } }),
    });
    // The widget is signed within its own profile, but with an entitlement no one ever defined.
    const widget = iosBundle({
      executable: 'Widget',
      bundleIdentifier: 'com.example.myapp.widget',
      info: { NSExtension: { NSExtensionPointIdentifier: 'com.apple.widgetkit-extension' } },
      entitlements: entitlements({ ...signing('com.example.myapp.widget'), 'com.apple.developer.push-notifications': true }),
      profile: profile({ bundleIdentifier: 'com.example.myapp.widget', name: 'Widget Development' }),
    });
    app = { ...main, ...under('PlugIns/Widget.appex', widget) };
    writeFileSync(path.join(folder, 'My.ipa'), ipaOf({ 'My.app': app }));
    writeXcarchive(path.join(folder, 'My.xcarchive'), { 'My.app': app });
  });
  after(() => signer?.dispose());

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', cwd: folder });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const codesByFile = (...args: string[]) => {
    const result = run('--format', 'json', ...args);
    const json = JSON.parse(result.stdout) as JsonReport;
    return { status: result.status, stderr: result.stderr, codes: Object.fromEntries(json.files.map((file) => [file.path, file.diagnostics.map((diagnostic) => diagnostic.code).sort()])) };
  };

  it('checks each app and extension in an .ipa, the signed entitlements against the embedded profile', () => {
    const { status, codes, stderr } = codesByFile('My.ipa');
    assert.equal(status, 1, stderr);
    assert.deepEqual(codes, {
      'My.ipa!/Payload/My.app/Info.plist': ['unknown-key'],
      'My.ipa!/Payload/My.app/My': ['profile-missing-entitlement'],
      'My.ipa!/Payload/My.app/PlugIns/Widget.appex/Info.plist': [],
      'My.ipa!/Payload/My.app/PlugIns/Widget.appex/Widget': ['hallucinated-key'],
    });
    const text = run('My.ipa');
    assert.match(text.stdout, /^My\.ipa!\/Payload\/My\.app\/My:\d+:\d+: error profile-missing-entitlement Provisioning profile 'My App Development' does not grant 'com\.apple\.developer\.healthkit'/m);
    assert.doesNotMatch(text.stderr, /unzip|cannot check/);
  });

  it('checks the same apps in an .xcarchive, leaving out its own Info.plist and its dSYMs', () => {
    const { status, codes } = codesByFile('My.xcarchive');
    assert.equal(status, 1);
    const prefix = path.join('My.xcarchive', 'Products', 'Applications', 'My.app');
    assert.deepEqual(codes, {
      [path.join(prefix, 'Info.plist')]: ['unknown-key'],
      [path.join(prefix, 'My')]: ['profile-missing-entitlement'],
      [path.join(prefix, 'PlugIns', 'Widget.appex', 'Info.plist')]: [],
      [path.join(prefix, 'PlugIns', 'Widget.appex', 'Widget')]: ['hallucinated-key'],
    });
    assert.deepEqual(Object.keys(codesByFile('.').codes).sort(), Object.keys(codes).sort(), 'a folder holding an .xcarchive reads it the same way');
  });

  it('passes an app within its profile, and uses no profile for an app that embeds none', () => {
    const clean = iosBundle({ executable: 'Clean', bundleIdentifier: 'com.example.myapp', entitlements: entitlements({ ...signing('com.example.myapp'), 'aps-environment': 'development' }), profile: app['embedded.mobileprovision'] as Uint8Array });
    writeFileSync(path.join(folder, 'Clean.ipa'), ipaOf({ 'Clean.app': clean }));
    const cleanRun = codesByFile('Clean.ipa');
    assert.equal(cleanRun.status, 0, cleanRun.stderr);
    assert.deepEqual(cleanRun.codes, { 'Clean.ipa!/Payload/Clean.app/Info.plist': [], 'Clean.ipa!/Payload/Clean.app/Clean': [] });
    const unprovisioned = iosBundle({ executable: 'Bare', bundleIdentifier: 'com.example.bare', entitlements: entitlements({ 'com.apple.developer.healthkit': true }) });
    assert.equal(unprovisioned['embedded.mobileprovision'], undefined);
    writeFileSync(path.join(folder, 'Bare.ipa'), ipaOf({ 'Bare.app': unprovisioned }));
    assert.deepEqual(codesByFile('Bare.ipa').codes['Bare.ipa!/Payload/Bare.app/Bare'], ['missing-companion']);
  });

  it('refuses a zip bomb with a clear message and exit 2', () => {
    // 64 MB of zeros deflates to about 64 KB: a thousandfold, where real app files stay under tenfold.
    const bomb = { ...app, 'Info.plist': new Uint8Array(64 * 1024 * 1024) };
    writeFileSync(path.join(folder, 'Bomb.ipa'), ipaOf({ 'Bomb.app': bomb }));
    const { status, stderr } = run('Bomb.ipa');
    assert.equal(status, 2);
    assert.match(stderr, /Bomb\.ipa!\/Payload\/Bomb\.app\/Info\.plist: cannot read \(it would inflate \d+ times \(over 200\), as a zip bomb does; refused\)/);
  });

  it('refuses an archive with an entry that climbs out of it, and reads nothing from it', () => {
    writeFileSync(path.join(folder, 'Evil.ipa'), zipOf({ ...under('Payload/My.app', app), 'Payload/../../evil.plist': '<plist><dict/></plist>' }));
    const { status, stdout, stderr } = run('Evil.ipa');
    assert.equal(status, 2);
    assert.match(stderr, /Evil\.ipa: cannot check this \.ipa: its entry 'Payload\/\.\.\/\.\.\/evil\.plist' climbs out of the archive with '\.\.'; refused/);
    assert.doesNotMatch(stdout, /Evil\.ipa!/);
  });

  it('exits 2 for an .ipa that is not a zip or has no app, and still checks the other inputs', () => {
    writeFileSync(path.join(folder, 'Junk.ipa'), 'PK\u0003\u0004 not really');
    writeFileSync(path.join(folder, 'Empty.ipa'), zipOf({ 'README.txt': 'nothing here' }));
    const { status, stdout, stderr } = run('Junk.ipa', 'Empty.ipa', 'My.ipa');
    assert.equal(status, 2);
    assert.match(stderr, /Junk\.ipa: cannot check this \.ipa: not a readable zip archive/);
    assert.match(stderr, /Empty\.ipa: cannot check this \.ipa: it has no Payload\/\*\.app/);
    assert.match(stdout, /My\.ipa!\/Payload\/My\.app\/My:/);
  });
});
