import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FileKind } from '../../../shared/src/catalog';
import { COMPANION_CACHE_CAPACITY, createTargetResolver, fileUri, type ResolverOptions, type TargetResolver } from '../../../server/src/targetResolver';
import { PLIST_HEADER, service } from '../helpers';

const SAMPLE = path.resolve(__dirname, '..', '..', 'fixtures', 'projects', 'Sample');

function resolver(roots: readonly string[], extra: Partial<ResolverOptions> = {}): TargetResolver {
  return createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => roots, ...extra });
}

function resolveFile(target: TargetResolver, filePath: string, overrides: { platform?: 'macOS' } = {}) {
  const fileKind: FileKind = filePath.endsWith('.entitlements') ? 'entitlements' : 'infoPlist';
  let text = '';
  try {
    text = readFileSync(filePath, 'utf8');
  } catch {
    text = '';
  }
  return target.resolve({ filePath, fileKind, parsed: service.parse(text), overrides });
}

const sorted = <T>(items: readonly T[]): T[] => [...items].sort();
const topLevelKeys = (parsed: { root?: { kind: string; entries?: ReadonlyArray<{ key: { text: string } }> } | undefined }) => (parsed.root?.entries ?? []).map((entry) => entry.key.text);

/** A fresh temp folder, removed after the test. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-resolver-'));
  tempDirs.push(dir);
  return dir;
}
const tempDirs: string[] = [];

function writePlist(file: string, body: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${PLIST_HEADER}<dict>${body}</dict>\n</plist>\n`);
}

describe('createTargetResolver', () => {
  after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('against the Sample project on disk', () => {
    it('finds the project above an .entitlements file and pairs its Info.plist', () => {
      const result = resolveFile(resolver([SAMPLE]), path.join(SAMPLE, 'MyApp', 'MyApp.entitlements'));
      assert.equal(result.target.name, 'MyApp');
      assert.equal(result.target.platformSource, 'project');
      assert.deepEqual(sorted(result.target.platforms), ['iOS', 'iPadOS']);
      assert.ok(result.target.reasons.some((reason) => reason.includes('Sample.xcodeproj')));
      assert.equal(result.companion?.uri, fileUri(path.join(SAMPLE, 'MyApp', 'Info.plist')));
      assert.equal(result.companion?.fileName, 'Info.plist');
      assert.equal(result.companion?.fileKind, 'infoPlist');
      assert.ok(topLevelKeys(result.companion.parsed).includes('NSHealthShareUsageDescription'));
      assert.deepEqual(result.generatedInfoPlistKeys, ['NSCameraUsageDescription']);
    });

    it('pairs an Info.plist with its .entitlements file', () => {
      const result = resolveFile(resolver([SAMPLE]), path.join(SAMPLE, 'MacApp', 'Info.plist'));
      assert.equal(result.target.name, 'MacApp');
      assert.deepEqual(result.target.platforms, ['macOS']);
      assert.equal(result.companion?.fileKind, 'entitlements');
      assert.equal(result.companion?.fileName, 'MacApp.entitlements');
      assert.ok(topLevelKeys(result.companion.parsed).includes('com.apple.security.device.camera'));
    });

    it('reads the App Clip target through its $(SRCROOT) paths', () => {
      const result = resolveFile(resolver([SAMPLE]), path.join(SAMPLE, 'MyClip', 'MyClip.entitlements'));
      assert.equal(result.target.productType, 'app-clip');
      assert.equal(result.companion?.uri, fileUri(path.join(SAMPLE, 'MyClip', 'Info.plist')));
    });

    it('gives the [sdk=macosx*] file of a multi-platform target only macOS', () => {
      const target = resolver([SAMPLE]);
      assert.deepEqual(resolveFile(target, path.join(SAMPLE, 'Shared', 'Shared-macOS.entitlements')).target.platforms, ['macOS']);
      const shared = resolveFile(target, path.join(SAMPLE, 'Shared', 'Shared.entitlements'));
      assert.equal(shared.target.name, 'Shared');
      assert.ok(shared.target.platforms.length > 1);
      assert.equal(shared.companion, undefined, 'the target generates its Info.plist, and no Info.plist lies beside the file');
    });

    it('searches from the file up to the project with no roots at all', () => {
      assert.equal(resolveFile(resolver([]), path.join(SAMPLE, 'MyApp', 'MyApp.entitlements')).target.name, 'MyApp');
    });

    it('reads no project above a root: a root inside the project folder hides the project', () => {
      const result = resolveFile(resolver([path.join(SAMPLE, 'MyApp')]), path.join(SAMPLE, 'MyApp', 'MyApp.entitlements'));
      assert.equal(result.target.name, undefined);
      assert.notEqual(result.target.platformSource, 'project');
      assert.ok(!result.target.reasons.some((reason) => reason.includes('xcodeproj')), result.target.reasons.join('\n'));
      assert.deepEqual(result.generatedInfoPlistKeys, []);
      assert.equal(result.companion?.fileName, 'Info.plist', 'the Info.plist beside it is still paired');
    });

    it('reads nothing outside the roots: neither the project nor the companion', () => {
      const result = resolveFile(resolver([path.join(SAMPLE, 'Elsewhere')]), path.join(SAMPLE, 'MacApp', 'MacApp.entitlements'));
      assert.equal(result.target.name, undefined);
      assert.equal(result.companion, undefined);
    });

    it('lets a user platform override the project', () => {
      const result = resolveFile(resolver([SAMPLE]), path.join(SAMPLE, 'MyApp', 'MyApp.entitlements'), { platform: 'macOS' });
      assert.deepEqual(result.target.platforms, ['macOS']);
      assert.equal(result.target.platformSource, 'user');
    });

    it('prefers the open document\'s text to the companion on disk', () => {
      const infoPath = path.join(SAMPLE, 'MyApp', 'Info.plist');
      const open = `${PLIST_HEADER}<dict><key>NFCReaderUsageDescription</key><string>Tap</string></dict></plist>`;
      const result = resolveFile(resolver([SAMPLE], { openText: (filePath) => (path.resolve(filePath) === infoPath ? open : undefined) }), path.join(SAMPLE, 'MyApp', 'MyApp.entitlements'));
      assert.ok(result.companion !== undefined);
      assert.deepEqual(topLevelKeys(result.companion.parsed), ['NFCReaderUsageDescription']);
    });
  });

  describe('without a project', () => {
    it('pairs the one file of the other kind in the same folder', () => {
      const dir = tempDir();
      writePlist(path.join(dir, 'App', 'App.entitlements'), '<key>com.apple.developer.healthkit</key><true/>');
      writePlist(path.join(dir, 'App', 'Info.plist'), '<key>CFBundleName</key><string>App</string>');
      const target = resolver([dir]);
      const fromEntitlements = resolveFile(target, path.join(dir, 'App', 'App.entitlements'));
      assert.equal(fromEntitlements.companion?.uri, fileUri(path.join(dir, 'App', 'Info.plist')));
      assert.deepEqual(topLevelKeys(fromEntitlements.companion.parsed), ['CFBundleName']);
      assert.equal(fromEntitlements.target.name, undefined);
      const fromInfoPlist = resolveFile(target, path.join(dir, 'App', 'Info.plist'));
      assert.equal(fromInfoPlist.companion?.uri, fileUri(path.join(dir, 'App', 'App.entitlements')));
      assert.equal(fromInfoPlist.companion?.fileKind, 'entitlements');
    });

    it('pairs nothing when the folder holds two candidates, or none', () => {
      const dir = tempDir();
      writePlist(path.join(dir, 'App', 'Info.plist'), '');
      writePlist(path.join(dir, 'App', 'Debug.entitlements'), '');
      writePlist(path.join(dir, 'App', 'Release.entitlements'), '');
      writePlist(path.join(dir, 'Lonely', 'Lonely.entitlements'), '');
      const target = resolver([dir]);
      assert.equal(resolveFile(target, path.join(dir, 'App', 'Info.plist')).companion, undefined);
      assert.equal(resolveFile(target, path.join(dir, 'Lonely', 'Lonely.entitlements')).companion, undefined);
    });

    it('guesses the platform from the folder', () => {
      const dir = tempDir();
      writePlist(path.join(dir, 'macos', 'Runner', 'Release.entitlements'), '');
      const result = resolveFile(resolver([dir]), path.join(dir, 'macos', 'Runner', 'Release.entitlements'));
      assert.deepEqual(result.target.platforms, ['macOS']);
      assert.equal(result.target.platformSource, 'guess');
    });

    it('survives a file in a folder that does not exist', () => {
      const dir = tempDir();
      const result = resolveFile(resolver([dir]), path.join(dir, 'missing', 'App.entitlements'));
      assert.equal(result.companion, undefined);
      assert.deepEqual(result.target.platforms, []);
    });
  });

  describe('memory over many documents', () => {
    it('keeps the parses of the most recent companions only, over 2,000 documents with companions', function () {
      this.timeout(60_000);
      const dir = tempDir();
      const count = 2_000;
      // Fifty documents to a folder, so that the walk up from each reads small folders.
      const folderOf = (index: number) => path.join(dir, `Group${index % 50}`, `App${index}`);
      for (let index = 0; index < count; index++) {
        writePlist(path.join(folderOf(index), 'App.entitlements'), '<key>com.apple.developer.healthkit</key><true/>');
        writePlist(path.join(folderOf(index), 'Info.plist'), `<key>CFBundleName</key><string>App${index}</string>`);
      }
      const companionParses = new Map<string, number>();
      const target = resolver([dir], {
        parse: (text) => {
          const name = /<string>(App\d+)<\/string>/.exec(text)?.[1];
          if (name !== undefined) companionParses.set(name, (companionParses.get(name) ?? 0) + 1);
          return service.parse(text);
        },
      });
      const entitlementsOf = (index: number) => path.join(folderOf(index), 'App.entitlements');
      for (let index = 0; index < count; index++) resolveFile(target, entitlementsOf(index));
      assert.equal(companionParses.size, count);
      for (let index = count - COMPANION_CACHE_CAPACITY; index < count; index++) resolveFile(target, entitlementsOf(index));
      assert.equal(companionParses.get(`App${count - 1}`), 1, 'the recent companions are kept between requests');
      resolveFile(target, entitlementsOf(0));
      assert.equal(companionParses.get('App0'), 2, 'the first companion was let go and is parsed again');
      assert.deepEqual(topLevelKeys(resolveFile(target, entitlementsOf(0)).companion?.parsed ?? {}), ['CFBundleName']);
    });
  });

  describe('a project in a temp folder', () => {
    const project = (sdk: string) => `// !$*UTF8*$!
{
	objects = {
		T = { isa = PBXNativeTarget; name = App; productType = "com.apple.product-type.application"; buildConfigurationList = L; };
		L = { isa = XCConfigurationList; buildConfigurations = (C); };
		C = { isa = XCBuildConfiguration; buildSettings = { SDKROOT = ${sdk}; CODE_SIGN_ENTITLEMENTS = "$(SRCROOT)/App/App.entitlements"; }; };
	};
}
`;

    it('reads the project again after it changes, or after clear()', () => {
      const dir = tempDir();
      const pbxproj = path.join(dir, 'App.xcodeproj', 'project.pbxproj');
      mkdirSync(path.dirname(pbxproj), { recursive: true });
      writeFileSync(pbxproj, project('iphoneos'));
      writePlist(path.join(dir, 'App', 'App.entitlements'), '');
      const target = resolver([dir]);
      const file = path.join(dir, 'App', 'App.entitlements');
      assert.deepEqual(resolveFile(target, file).target.platforms, ['iOS']);

      writeFileSync(pbxproj, project('macosx'));
      utimesSync(pbxproj, new Date(Date.now() + 5_000), new Date(Date.now() + 5_000));
      assert.deepEqual(resolveFile(target, file).target.platforms, ['macOS'], 'a newer modification time is read');

      writeFileSync(pbxproj, project('appletvos'));
      utimesSync(pbxproj, new Date(Date.now() + 5_000), new Date(Date.now() + 5_000));
      target.clear();
      assert.deepEqual(resolveFile(target, file).target.platforms, ['tvOS']);
    });

    it('ignores a broken project file', () => {
      const dir = tempDir();
      const pbxproj = path.join(dir, 'App.xcodeproj', 'project.pbxproj');
      mkdirSync(path.dirname(pbxproj), { recursive: true });
      writeFileSync(pbxproj, '<<<<<<< HEAD\n{ objects = {');
      writePlist(path.join(dir, 'App', 'App.entitlements'), '');
      assert.equal(resolveFile(resolver([dir]), path.join(dir, 'App', 'App.entitlements')).target.name, undefined);
    });
  });
});

describe('createTargetResolver with links that lead out of the workspace', () => {
  const folders: string[] = [];
  after(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  /** A workspace whose project names `infoPlist` as the App target's Info.plist, and a folder outside it. */
  function workspaceWith(infoPlist: string): { workspace: string; outside: string; entitlements: string } {
    const workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-ws-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-outside-'));
    folders.push(workspace, outside);
    const pbxproj = path.join(workspace, 'App.xcodeproj', 'project.pbxproj');
    mkdirSync(path.dirname(pbxproj), { recursive: true });
    writeFileSync(
      pbxproj,
      `{ objects = { T = { isa = PBXNativeTarget; name = App; productType = "com.apple.product-type.application"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; buildSettings = { SDKROOT = iphoneos; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; INFOPLIST_FILE = "${infoPlist}"; }; }; }; }`,
    );
    const entitlements = path.join(workspace, 'App', 'App.entitlements');
    writePlist(entitlements, '');
    writePlist(path.join(outside, 'secret.plist'), '<key>SecretOutside</key><string>x</string>');
    return { workspace, outside, entitlements };
  }

  for (const rootsKind of ['the workspace folder', 'no workspace folder'] as const) {
    it(`does not read a companion the project names through a link to outside, with ${rootsKind}`, () => {
      const { workspace, outside, entitlements } = workspaceWith('link/secret.plist');
      symlinkSync(outside, path.join(workspace, 'link'));
      const result = resolveFile(resolver(rootsKind === 'no workspace folder' ? [] : [workspace]), entitlements);
      assert.equal(result.target.name, 'App', 'the project itself is read');
      assert.equal(result.companion, undefined);
    });
  }

  it('reads a companion through a link that stays inside the workspace, also when the root itself is a link', () => {
    const { workspace, entitlements } = workspaceWith('link/Info.plist');
    writePlist(path.join(workspace, 'Real', 'Info.plist'), '<key>InsideTheWorkspace</key><string>x</string>');
    symlinkSync(path.join(workspace, 'Real'), path.join(workspace, 'link'));
    const rootLink = `${workspace}-link`;
    symlinkSync(workspace, rootLink);
    folders.push(rootLink);
    for (const roots of [[workspace], [rootLink]]) {
      const file = roots[0] === rootLink ? path.join(rootLink, 'App', 'App.entitlements') : entitlements;
      assert.deepEqual(topLevelKeys(resolveFile(resolver(roots), file).companion?.parsed ?? {}), ['InsideTheWorkspace'], String(roots));
    }
  });

  it('does not read a neighbouring companion that is a link to a file outside', () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-ws-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-outside-'));
    folders.push(workspace, outside);
    writePlist(path.join(outside, 'secret.plist'), '<key>SecretOutside</key><string>x</string>');
    writePlist(path.join(workspace, 'App.entitlements'), '');
    symlinkSync(path.join(outside, 'secret.plist'), path.join(workspace, 'Info.plist'));
    for (const roots of [[workspace], []]) assert.equal(resolveFile(resolver(roots), path.join(workspace, 'App.entitlements')).companion, undefined, String(roots));
  });

  it('does not read a project whose .xcodeproj is a link to outside', () => {
    const { workspace, outside, entitlements } = workspaceWith('App/Info.plist');
    renameSync(path.join(workspace, 'App.xcodeproj'), path.join(outside, 'App.xcodeproj'));
    symlinkSync(path.join(outside, 'App.xcodeproj'), path.join(workspace, 'App.xcodeproj'));
    for (const roots of [[workspace], []]) assert.equal(resolveFile(resolver(roots), entitlements).target.name, undefined, String(roots));
  });
});

describe('fileUri', () => {
  it('percent-encodes each path segment and keeps the slashes', () => {
    assert.equal(fileUri('/Users/me/My App/Info.plist'), 'file:///Users/me/My%20App/Info.plist');
    assert.equal(fileUri('/a/b/../c#d.entitlements'), 'file:///a/c%23d.entitlements');
  });
});

describe('createTargetResolver as a snapshot (the CLI)', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('lists each folder once per run, where the server lists it per request', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-snapshot-'));
    dirs.push(dir);
    const entitlements = path.join(dir, 'App.entitlements');
    writePlist(entitlements, '<key>aps-environment</key><string>development</string>');
    const snapshot = resolver([], { isSnapshot: true });
    const live = resolver([]);
    assert.equal(resolveFile(snapshot, entitlements).companion, undefined);
    assert.equal(resolveFile(live, entitlements).companion, undefined);
    writePlist(path.join(dir, 'Info.plist'), '<key>CFBundleIdentifier</key><string>com.example.app</string>');
    assert.equal(resolveFile(live, entitlements).companion?.fileName, 'Info.plist', 'the server sees the new file');
    assert.equal(resolveFile(snapshot, entitlements).companion, undefined, 'the snapshot keeps the listing it read');
    assert.equal(resolveFile(resolver([], { isSnapshot: true }), entitlements).companion?.fileName, 'Info.plist');
  });
});
