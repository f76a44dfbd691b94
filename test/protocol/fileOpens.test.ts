/**
 * The file-access policy (docs/file-access.md) observed from outside: the real server runs under
 * `strace -f -e trace=openat,open` while it checks a workspace full of links that lead out of it (a project whose
 * INFOPLIST_FILE goes through `link -> /etc`, a companion Info.plist that is a link to a file outside, a link to an
 * outside folder of profiles, a named profile folder holding a link to an outside profile, and profilePaths
 * entries such as `../../../etc/hostname` and `~/.bashrc`). Every path the server tried to open, other than the
 * Node runtime's own files, lies inside the workspace or the named profile folder. Skipped without strace, except
 * under CI=true, where strace is installed by .ci/run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LIST_PROFILES_METHOD } from '../../shared/src/protocol';
import { userProfileFolders } from '../../server/src/profiles';
import { fileUri } from '../../server/src/targetResolver';
import { createSigner, hasOpenssl, profilePlist } from '../builders/signedProfiles';
import { BIN, PULL_CAPABILITIES, startClient } from './lspClient';

const REPOSITORY = path.resolve(__dirname, '..', '..');
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n';
const ENTITLEMENTS = `${HEADER}<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>aps-environment</key>\n\t<string>development</string>\n</dict>\n</plist>\n`;
const INFO_PLIST = `${HEADER}<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.myapp</string>\n</dict>\n</plist>\n`;

/** strace is installed and may trace here (a container can forbid ptrace). */
function hasStrace(): boolean {
  return spawnSync('strace', ['-qq', '-e', 'trace=openat', '-o', '/dev/null', 'true'], { encoding: 'utf8' }).status === 0;
}

function project(infoPlist: string): string {
  return `{ objects = { T = { isa = PBXNativeTarget; name = App; productType = "com.apple.product-type.application"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; buildSettings = { SDKROOT = iphoneos; PRODUCT_BUNDLE_IDENTIFIER = com.example.myapp; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; INFOPLIST_FILE = "${infoPlist}"; }; }; }; }`;
}

/**
 * The Node runtime's own files, which any Node program opens whatever it is asked: the executable and its shared
 * libraries, the dynamic loader's cache, OpenSSL's configuration, the time zone (for dates such as a profile's
 * expiry), kernel interfaces, and the server's own code (the bin script, its bundle, and the package.json files
 * Node reads to learn a module's type).
 */
function isRuntimeFile(file: string): boolean {
  const runtimePrefixes = ['/proc/', '/dev/', '/sys/', '/lib/', '/lib64/', '/usr/lib/', '/usr/lib64/', '/usr/local/lib/', '/etc/ld.so', '/usr/lib/ssl/', '/etc/ssl/', '/usr/share/zoneinfo/'];
  if (file === '/etc/localtime') return true;
  if (runtimePrefixes.some((prefix) => file.startsWith(prefix))) return true;
  if (/\.so(\.\d+)*$/.test(file)) return true;
  const executable = realpathSync(process.execPath);
  if (file === process.execPath || file === executable) return true;
  for (const own of ['node_modules', 'dist', 'bin']) if (isInside(file, path.join(REPOSITORY, own))) return true;
  // Node looks for a package.json from the entry script's folder up to the root, to learn the module type.
  if (path.basename(file) === 'package.json' && isInside(REPOSITORY, path.dirname(file))) return true;
  return false;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `[path, result]` of every open or openat call in an strace log (relative paths resolved against `cwd`). */
function openedPaths(log: string, cwd: string): Array<{ file: string; result: string }> {
  const opens: Array<{ file: string; result: string }> = [];
  for (const line of log.split('\n')) {
    const match = /\b(?:openat|open)\((?:AT_FDCWD, |\d+, )?"((?:[^"\\]|\\.)*)"[^)]*\)\s*=\s*(.*)$/.exec(line);
    if (match === null) continue;
    const file = (match[1] ?? '').replace(/\\"/g, '"');
    opens.push({ file: path.resolve(cwd, file), result: match[2] ?? '' });
  }
  return opens;
}

describe('files the server opens, observed with strace', function () {
  this.timeout(60_000);
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('opens nothing outside the workspace and the named profile folder, links to outside included', async function () {
    if (!hasStrace()) {
      if (process.env.CI === 'true') assert.fail('strace is not installed or may not trace here; .ci/run installs it');
      console.log('      skipped: strace is not installed or may not trace here (apt-get install strace)');
      this.skip();
    }
    const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'plist-sentinel-opens-')));
    folders.push(base);
    const workspace = path.join(base, 'workspace');
    const outside = path.join(base, 'outside');
    const named = path.join(base, 'named-profiles');
    for (const folder of [workspace, outside, path.join(outside, 'profiles'), named, path.join(workspace, 'App'), path.join(workspace, 'App.xcodeproj'), path.join(workspace, 'Other')]) mkdirSync(folder, { recursive: true });

    // The project names its Info.plist through a link to /etc; another target's companion is a link to outside.
    writeFileSync(path.join(workspace, 'App.xcodeproj', 'project.pbxproj'), project('link/passwd'));
    symlinkSync('/etc', path.join(workspace, 'link'));
    writeFileSync(path.join(workspace, 'App', 'App.entitlements'), ENTITLEMENTS);
    writeFileSync(path.join(outside, 'Info.plist'), INFO_PLIST);
    writeFileSync(path.join(workspace, 'Other', 'App.entitlements'), ENTITLEMENTS);
    symlinkSync(path.join(outside, 'Info.plist'), path.join(workspace, 'Other', 'Info.plist'));

    // Profiles: a real one in the named folder, outside ones reached by links from the workspace and the named folder.
    const signer = hasOpenssl() ? createSigner() : undefined;
    const profileBytes = signer === undefined ? Buffer.from('not signed') : Buffer.from(signer.sign(profilePlist({ developerCertificates: [signer.certificateDer] })));
    signer?.dispose();
    writeFileSync(path.join(named, 'Named.mobileprovision'), profileBytes);
    writeFileSync(path.join(outside, 'profiles', 'Outside.mobileprovision'), profileBytes);
    writeFileSync(path.join(outside, 'Secret.mobileprovision'), profileBytes);
    symlinkSync(path.join(outside, 'profiles'), path.join(workspace, 'profiles'));
    symlinkSync(path.join(outside, 'Secret.mobileprovision'), path.join(named, 'Linked.mobileprovision'));
    symlinkSync(path.join(outside, 'Secret.mobileprovision'), path.join(workspace, 'App', 'Linked.mobileprovision'));

    const log = path.join(base, 'strace.log');
    const client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(workspace) }, ['strace', '-f', '-qq', '-e', 'trace=openat,open', '-o', log, process.execPath, BIN]);
    client.settings = { profilePaths: [named, '../../../etc/hostname', '~/.bashrc', path.join(outside, 'Secret.mobileprovision.txt')] };
    try {
      for (const file of [path.join(workspace, 'App', 'App.entitlements'), path.join(workspace, 'Other', 'App.entitlements'), path.join(workspace, 'Other', 'Info.plist')]) {
        const uri = fileUri(file);
        await client.open(uri, file.endsWith('.entitlements') ? 'entitlements' : 'info-plist', readFileSync(file, 'utf8'));
        const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        assert.equal(report.kind, 'full');
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
        await client.connection.sendRequest(LIST_PROFILES_METHOD, { documentUri: uri });
      }
    } finally {
      await client.shutdown();
    }

    const opens = openedPaths(readFileSync(log, 'utf8'), process.cwd());
    // Xcode's own profile folders are the policy's fourth place (docs/file-access.md); here they do not exist.
    const allowed = [workspace, named, ...userProfileFolders()];
    const outsideOpens = opens.filter((open) => !isRuntimeFile(open.file) && !allowed.some((folder) => isInside(open.file, folder)));
    assert.deepEqual(outsideOpens, [], 'opened outside the workspace and the named profile folder');
    // The observation really saw the server at work: it read the project and a companion inside the workspace.
    const files = opens.map((open) => open.file);
    assert.ok(files.includes(path.join(workspace, 'App.xcodeproj', 'project.pbxproj')), `the project was read: ${files.filter((file) => file.startsWith(base)).join(', ')}`);
    assert.ok(files.includes(path.join(named, 'Named.mobileprovision')), 'the named profile was read');
  });
});
