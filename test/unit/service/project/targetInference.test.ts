import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileKind, Platform } from '../../../../shared/src/catalog';
import type { ProductType } from '../../../../shared/src/target';
import { inferTarget, normalizePath, type Inference, type ProjectInput } from '../../../../server/src/service/project/targetInference';
import { readXcodeProject, type XcodeTarget } from '../../../../server/src/service/project/xcodeProject';
import { plist, service } from '../../helpers';

const SAMPLE_PROJECT = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'projects', 'Sample', 'Sample.xcodeproj', 'project.pbxproj');
const SAMPLE: ProjectInput = { projectDir: '/ws/Sample', projectName: 'Sample.xcodeproj', targets: readXcodeProject(readFileSync(SAMPLE_PROJECT, 'utf8')) };

interface InferOptions {
  readonly fileKind?: FileKind;
  readonly body?: string;
  readonly projects?: readonly ProjectInput[];
  readonly platform?: Platform;
  readonly productType?: ProductType;
}

/** Infers the target of the file at `filePath` holding `body`; an .entitlements file in no project unless given. */
function infer(filePath: string, options: InferOptions = {}): Inference {
  const fileKind = options.fileKind ?? (filePath.endsWith('.entitlements') ? 'entitlements' : 'infoPlist');
  return inferTarget(
    {
      filePath,
      fileKind,
      parsed: service.parse(plist(options.body ?? '')),
      projects: options.projects ?? [],
      overrides: { platform: options.platform, productType: options.productType },
    },
    service.catalog,
  );
}

function xcodeTarget(name: string, overrides: Partial<XcodeTarget>): XcodeTarget {
  return {
    name,
    productTypeIdentifier: 'com.apple.product-type.application',
    productType: 'app',
    platforms: [],
    entitlementsFiles: [],
    infoPlistFiles: [],
    generatedInfoPlistKeys: [],
    bundleIdentifiers: [],
    teamIdentifiers: [],
    ...overrides,
  };
}

const sorted = <T>(items: readonly T[]): T[] => [...items].sort();

describe('inferTarget', () => {
  describe('from an Xcode project', () => {
    it('matches an .entitlements file to the target whose CODE_SIGN_ENTITLEMENTS names it', () => {
      const { target, companionPath, generatedInfoPlistKeys } = infer('/ws/Sample/MyApp/MyApp.entitlements', { projects: [SAMPLE] });
      assert.equal(target.name, 'MyApp');
      assert.equal(target.productType, 'app');
      assert.deepEqual(sorted(target.platforms), ['iOS', 'iPadOS']);
      assert.equal(target.platformSource, 'project');
      assert.equal(target.reasons.length, 1);
      assert.match(target.reasons[0] ?? '', /CODE_SIGN_ENTITLEMENTS/);
      assert.match(target.reasons[0] ?? '', /MyApp/);
      assert.match(target.reasons[0] ?? '', /Sample\.xcodeproj/);
      assert.equal(companionPath, '/ws/Sample/MyApp/Info.plist');
      assert.deepEqual(generatedInfoPlistKeys, ['NSCameraUsageDescription']);
    });

    it('carries the matched target\'s bundle identifiers and teams, for choosing its profile', () => {
      const project: ProjectInput = { projectDir: '/ws/P', projectName: 'P.xcodeproj', targets: [xcodeTarget('App', { entitlementsFiles: [{ path: 'App.entitlements', platforms: ['iOS'] }], bundleIdentifiers: ['com.example.app'], teamIdentifiers: ['ABCDE12345'] })] };
      const { target } = infer('/ws/P/App.entitlements', { projects: [project] });
      assert.deepEqual(target.bundleIdentifiers, ['com.example.app']);
      assert.deepEqual(target.teamIdentifiers, ['ABCDE12345']);
      assert.equal(infer('/ws/Other/App.entitlements', { projects: [project] }).target.bundleIdentifiers, undefined);
    });

    it('matches an Info.plist through INFOPLIST_FILE, pairs the entitlements, and generates nothing for itself', () => {
      const { target, companionPath, generatedInfoPlistKeys } = infer('/ws/Sample/MyApp/Info.plist', { projects: [SAMPLE] });
      assert.equal(target.name, 'MyApp');
      assert.match(target.reasons[0] ?? '', /INFOPLIST_FILE/);
      assert.equal(companionPath, '/ws/Sample/MyApp/MyApp.entitlements');
      assert.deepEqual(generatedInfoPlistKeys, []);
    });

    it('matches a path that still has . and .. in it', () => {
      assert.equal(infer('/ws/Sample/Shared/../MyApp/./MyApp.entitlements', { projects: [SAMPLE] }).target.name, 'MyApp');
    });

    it('reads the App Clip target and its $(SRCROOT) companion', () => {
      const { target, companionPath } = infer('/ws/Sample/MyClip/MyClip.entitlements', { projects: [SAMPLE] });
      assert.equal(target.productType, 'app-clip');
      assert.deepEqual(target.platforms, ['iOS']);
      assert.equal(companionPath, '/ws/Sample/MyClip/Info.plist');
    });

    it('uses the platforms of the file, not of the whole target, for an [sdk=] override', () => {
      const { target, companionPath } = infer('/ws/Sample/Shared/Shared-macOS.entitlements', { projects: [SAMPLE] });
      assert.equal(target.name, 'Shared');
      assert.deepEqual(target.platforms, ['macOS']);
      assert.equal(companionPath, undefined, 'the target generates its Info.plist');
    });

    it('trusts the project over the keys and the folder', () => {
      const ios = { ...SAMPLE, projectDir: '/ws/macOS' };
      const { target } = infer('/ws/macOS/MyApp/MyApp.entitlements', { projects: [ios], body: '<key>com.apple.security.app-sandbox</key><true/>' });
      assert.deepEqual(sorted(target.platforms), ['iOS', 'iPadOS']);
      assert.equal(target.platformSource, 'project');
    });

    it('takes the union of platforms when several targets name one file, with a reason for each', () => {
      const project: ProjectInput = {
        projectDir: '/ws/P',
        projectName: 'P.xcodeproj',
        targets: [
          xcodeTarget('PhoneApp', { platforms: ['iOS'], entitlementsFiles: [{ path: 'Common/App.entitlements', platforms: ['iOS'] }], infoPlistFiles: [{ path: 'Phone/Info.plist', platforms: ['iOS'] }], generatedInfoPlistKeys: ['A'] }),
          xcodeTarget('DeskApp', { platforms: ['macOS'], entitlementsFiles: [{ path: 'Common/App.entitlements', platforms: ['macOS'] }], generatedInfoPlistKeys: ['B'] }),
          xcodeTarget('Other', { platforms: ['tvOS'], entitlementsFiles: [{ path: 'Other/Other.entitlements', platforms: ['tvOS'] }] }),
        ],
      };
      const { target, companionPath, generatedInfoPlistKeys } = infer('/ws/P/Common/App.entitlements', { projects: [project] });
      assert.deepEqual(sorted(target.platforms), ['iOS', 'macOS']);
      assert.equal(target.platformSource, 'project');
      assert.equal(target.productType, 'app');
      assert.ok(target.name?.includes('PhoneApp') && target.name.includes('DeskApp') && !target.name.includes('Other'));
      assert.equal(target.reasons.length, 2);
      assert.ok(target.reasons.some((reason) => reason.includes('PhoneApp')) && target.reasons.some((reason) => reason.includes('DeskApp')));
      assert.equal(companionPath, '/ws/P/Phone/Info.plist');
      assert.deepEqual(generatedInfoPlistKeys, ['A', 'B']);
    });

    it('leaves the product type unknown when the targets naming a file disagree', () => {
      const project: ProjectInput = {
        projectDir: '/ws/P',
        projectName: 'P.xcodeproj',
        targets: [
          xcodeTarget('App', { platforms: ['iOS'], entitlementsFiles: [{ path: 'App.entitlements', platforms: ['iOS'] }] }),
          xcodeTarget('Ext', { productType: 'app-extension', productTypeIdentifier: 'com.apple.product-type.app-extension', platforms: ['iOS'], entitlementsFiles: [{ path: 'App.entitlements', platforms: ['iOS'] }] }),
        ],
      };
      assert.equal(infer('/ws/P/App.entitlements', { projects: [project] }).target.productType, undefined);
    });

    it('falls back to a guess when the project gives the file no platform', () => {
      const project: ProjectInput = { projectDir: '/ws/P', projectName: 'P.xcodeproj', targets: [xcodeTarget('App', { entitlementsFiles: [{ path: 'App.entitlements', platforms: [] }] })] };
      const { target } = infer('/ws/P/App.entitlements', { projects: [project], body: '<key>com.apple.security.app-sandbox</key><true/>' });
      assert.equal(target.name, 'App');
      assert.deepEqual(target.platforms, ['macOS']);
      assert.equal(target.platformSource, 'guess');
    });

    it('does not match a file no target names', () => {
      const { target, companionPath } = infer('/ws/Sample/Elsewhere/Thing.entitlements', { projects: [SAMPLE] });
      assert.equal(target.name, undefined);
      assert.deepEqual(target.platforms, []);
      assert.equal(target.platformSource, undefined);
      assert.equal(companionPath, undefined);
    });
  });

  describe('without a project: the folder', () => {
    const table: ReadonlyArray<[string, Platform]> = [
      ['/src/ios/Runner/Runner.entitlements', 'iOS'],
      ['/src/Platform/macOS/x.entitlements', 'macOS'],
      ['/src/macos/Runner/Runner.entitlements', 'macOS'],
      ['/src/App-tvOS/App.entitlements', 'tvOS'],
      ['/src/App_watchOS/App.entitlements', 'watchOS'],
      ['/src/App visionOS/App.entitlements', 'visionOS'],
    ];
    for (const [filePath, platform] of table) {
      it(`${filePath} → ${platform}`, () => {
        const { target } = infer(filePath);
        assert.deepEqual(target.platforms, [platform]);
        assert.equal(target.platformSource, 'guess');
        assert.equal(target.reasons.length, 1);
      });
    }

    it('ignores folders that merely contain a platform name', () => {
      for (const filePath of ['/src/Iosevka/x.entitlements', '/src/MyMac/x.entitlements', '/src/iOSKit/x.entitlements']) {
        assert.deepEqual(infer(filePath).target.platforms, [], filePath);
      }
    });

    it('takes the folder over the keys', () => {
      const { target } = infer('/src/ios/Runner/Runner.entitlements', { body: '<key>com.apple.security.app-sandbox</key><true/>' });
      assert.deepEqual(target.platforms, ['iOS']);
    });
  });

  describe('without a project: the keys', () => {
    it('an App Sandbox entitlement means macOS', () => {
      const { target } = infer('/src/App/App.entitlements', { body: '<key>com.apple.security.app-sandbox</key><true/>' });
      assert.deepEqual(target.platforms, ['macOS']);
      assert.equal(target.platformSource, 'guess');
      assert.ok(target.reasons.some((reason) => reason.includes('com.apple.security.app-sandbox')));
    });

    it('aps-environment means iOS', () => {
      const { target } = infer('/src/App/App.entitlements', { body: '<key>aps-environment</key><string>production</string>' });
      assert.deepEqual(target.platforms, ['iOS']);
      assert.equal(target.platformSource, 'guess');
      assert.ok(target.reasons.some((reason) => reason.includes('aps-environment')));
    });

    it('keys of both sides say nothing', () => {
      const { target } = infer('/src/App/App.entitlements', { body: '<key>aps-environment</key><string>production</string><key>com.apple.security.app-sandbox</key><true/>' });
      assert.deepEqual(target.platforms, []);
      assert.equal(target.platformSource, undefined);
    });

    it('keys available everywhere, unknown keys and nested keys say nothing', () => {
      for (const body of ['<key>com.apple.developer.icloud-services</key><array/>', '<key>org.example.custom</key><true/>', '<key>x</key><dict><key>com.apple.security.app-sandbox</key><true/></dict>', '']) {
        assert.deepEqual(infer('/src/App/App.entitlements', { body }).target.platforms, [], body);
      }
    });

    it('Info.plist: LSMinimumSystemVersion means macOS, WKApplication watchOS, LSRequiresIPhoneOS iOS', () => {
      const table: ReadonlyArray<[string, Platform]> = [
        ['<key>LSMinimumSystemVersion</key><string>13.0</string>', 'macOS'],
        ['<key>WKApplication</key><true/>', 'watchOS'],
        ['<key>LSRequiresIPhoneOS</key><true/>', 'iOS'],
      ];
      for (const [body, platform] of table) {
        const { target } = infer('/src/App/Info.plist', { body });
        assert.deepEqual(target.platforms, [platform], body);
        assert.equal(target.platformSource, 'guess');
      }
    });

    it('Info.plist: a ~ipad or ~iphone key means iOS, whatever its base key', () => {
      for (const key of ['UILaunchStoryboardName~iphone', 'UISupportedInterfaceOrientations~ipad', 'CFBundleDisplayName~iPad']) {
        const { target } = infer('/src/App/Info.plist', { body: `<key>${key}</key><string>x</string>` });
        assert.deepEqual(target.platforms, ['iOS'], key);
        assert.equal(target.platformSource, 'guess');
        assert.ok(target.reasons.some((reason) => reason.includes(key)), key);
      }
    });

    it('Info.plist: every key the catalog documents for one family alone tells that family', () => {
      const families: ReadonlyArray<[Platform, readonly Platform[]]> = [['iOS', ['iOS', 'iPadOS']], ['macOS', ['macOS']], ['watchOS', ['watchOS']], ['tvOS', ['tvOS']], ['visionOS', ['visionOS']]];
      let checked = 0;
      for (const entry of service.catalog.catalog.infoPlist) {
        const documented = entry.platforms.filter((platform) => platform !== 'MacCatalyst');
        const family = families.find(([, members]) => documented.length > 0 && documented.every((platform) => members.includes(platform)))?.[0];
        const { target } = infer('/src/App/Info.plist', { body: `<key>${entry.key}</key><string>x</string>` });
        assert.deepEqual(target.platforms, family === undefined ? [] : [family], `${entry.key} (${entry.platforms.join(', ')})`);
        if (family !== undefined) {
          assert.equal(target.platformSource, 'guess');
          assert.equal(target.reasons[0], `the file sets ${entry.key}, which only ${family} reads`);
          checked++;
        }
      }
      assert.ok(checked > 100, `${checked}`);
    });

    it('Info.plist: keys also documented elsewhere say nothing (UIRequiredDeviceCapabilities is read on tvOS too)', () => {
      for (const key of ['UIRequiredDeviceCapabilities', 'UILaunchStoryboardName', 'NSMainNibFile', 'CFBundleIdentifier']) {
        const { target } = infer('/src/App/Info.plist', { body: `<key>${key}</key><string>x</string>` });
        assert.deepEqual(target.platforms, [], key);
        assert.equal(target.platformSource, undefined, key);
      }
    });

    it('Info.plist: keys of two families (a multiplatform app) say nothing', () => {
      for (const body of [
        '<key>LSMinimumSystemVersion</key><string>13.0</string><key>LSRequiresIPhoneOS</key><true/>',
        '<key>UISupportedInterfaceOrientations~ipad</key><array/><key>LSMinimumSystemVersion</key><string>13.0</string>',
        '<key>WKApplication</key><true/><key>LSRequiresIPhoneOS</key><true/>',
      ]) {
        assert.deepEqual(infer('/src/App/Info.plist', { body }).target.platforms, [], body);
      }
    });

    it('Info.plist: iOS-only keys agree with each other and with ~ipad keys', () => {
      const body = '<key>LSRequiresIPhoneOS</key><true/><key>UIDeviceFamily</key><array/><key>UISupportedInterfaceOrientations~ipad</key><array/><key>CFBundleIdentifier</key><string>x</string>';
      const { target } = infer('/src/App/Info.plist', { body });
      assert.deepEqual(target.platforms, ['iOS']);
      assert.deepEqual(target.reasons, ['the file sets LSRequiresIPhoneOS, which only iOS reads']);
    });

    it('Info.plist: the folder still wins over the keys', () => {
      const { target } = infer('/src/macos/Runner/Info.plist', { body: '<key>LSRequiresIPhoneOS</key><true/>' });
      assert.deepEqual(target.platforms, ['macOS']);
    });

    it('Info.plist: an entitlement key in it is no platform hint', () => {
      assert.deepEqual(infer('/src/App/Info.plist', { body: '<key>com.apple.security.app-sandbox</key><true/>' }).target.platforms, []);
    });
  });

  describe('product type from the keys', () => {
    const table: ReadonlyArray<[string, string, ProductType]> = [
      ['/src/Clip/Info.plist', '<key>NSAppClip</key><dict/>', 'app-clip'],
      ['/src/Ext/Info.plist', '<key>NSExtension</key><dict/>', 'app-extension'],
      ['/src/Ext/Info.plist', '<key>EXAppExtensionAttributes</key><dict/>', 'app-extension'],
      ['/src/Driver/Info.plist', '<key>IOKitPersonalities</key><dict/>', 'driver-extension'],
      ['/src/Clip/Clip.entitlements', '<key>com.apple.developer.parent-application-identifiers</key><array/>', 'app-clip'],
      ['/src/Clip/Clip.entitlements', '<key>com.apple.developer.on-demand-install-capable</key><true/>', 'app-clip'],
      ['/src/Driver/Driver.entitlements', '<key>com.apple.developer.driverkit</key><true/>', 'driver-extension'],
      ['/src/Driver/Driver.entitlements', '<key>com.apple.developer.driverkit.transport.usb</key><array/>', 'driver-extension'],
    ];
    for (const [filePath, body, productType] of table) {
      it(`${body.replace(/<\/?key>|<.*$/g, '')} → ${productType}`, () => {
        const { target } = infer(filePath, { body });
        assert.equal(target.productType, productType);
        assert.ok(target.reasons.length > 0, 'the guess is explained');
      });
    }

    it('says nothing for an ordinary file, or for an Info.plist key in an .entitlements file', () => {
      assert.equal(infer('/src/App/App.entitlements', { body: '<key>aps-environment</key><string>production</string>' }).target.productType, undefined);
      assert.equal(infer('/src/App/App.entitlements', { body: '<key>NSAppClip</key><dict/>' }).target.productType, undefined);
      assert.equal(infer('/src/App/Info.plist', { body: '<key>CFBundleName</key><string>x</string>' }).target.productType, undefined);
    });

    it('does not override a product type from the project', () => {
      const { target } = infer('/ws/Sample/MyApp/MyApp.entitlements', { projects: [SAMPLE], body: '<key>com.apple.developer.parent-application-identifiers</key><array/>' });
      assert.equal(target.productType, 'app');
    });
  });

  describe('overrides', () => {
    it('a platform set by the user wins over the project, with platformSource user and a first reason', () => {
      const { target } = infer('/ws/Sample/MyApp/MyApp.entitlements', { projects: [SAMPLE], platform: 'macOS' });
      assert.deepEqual(target.platforms, ['macOS']);
      assert.equal(target.platformSource, 'user');
      assert.match(target.reasons[0] ?? '', /macOS/);
      assert.equal(target.name, 'MyApp', 'the match is still reported');
    });

    it('a platform set by the user wins over a guess', () => {
      const { target } = infer('/src/ios/App.entitlements', { platform: 'tvOS' });
      assert.deepEqual(target.platforms, ['tvOS']);
      assert.equal(target.platformSource, 'user');
    });

    it('a product type set by the user wins over the project and the keys', () => {
      assert.equal(infer('/ws/Sample/MyClip/MyClip.entitlements', { projects: [SAMPLE], productType: 'app' }).target.productType, 'app');
      const { target } = infer('/src/Clip/Clip.entitlements', { productType: 'app-extension', body: '<key>com.apple.developer.parent-application-identifiers</key><array/>' });
      assert.equal(target.productType, 'app-extension');
      assert.match(target.reasons[0] ?? '', /app-extension/);
    });

    it('a product type alone leaves the platform as inferred', () => {
      const { target } = infer('/ws/Sample/MyApp/MyApp.entitlements', { projects: [SAMPLE], productType: 'app-clip' });
      assert.deepEqual(sorted(target.platforms), ['iOS', 'iPadOS']);
      assert.equal(target.platformSource, 'project');
    });
  });

  describe('nothing known', () => {
    it('gives no platforms, no product type, no source, no name, no reasons', () => {
      const inference = infer('/src/App/App.entitlements');
      assert.deepEqual(inference.target, { platforms: [], productType: undefined, reasons: [] });
      assert.equal(inference.companionPath, undefined);
      assert.deepEqual(inference.generatedInfoPlistKeys, []);
    });
  });
});

describe('normalizePath', () => {
  const table: ReadonlyArray<[string, string]> = [
    ['/a/b/c', '/a/b/c'],
    ['/a/./b//c/', '/a/b/c'],
    ['/a/b/../c', '/a/c'],
    ['/a/../../b', '/b'],
    ['a/b/../c', 'a/c'],
    ['./a', 'a'],
    ['C:\\Users\\me\\App\\..\\App.entitlements', 'C:/Users/me/App.entitlements'],
    ['/', '/'],
  ];
  for (const [input, output] of table) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      assert.equal(normalizePath(input), output);
    });
  }
});
