import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { platformOfSdk, productTypeOf, readXcodeProject, type XcodeTarget } from '../../../../server/src/service/project/xcodeProject';
import { assertLinearOverTenfold } from '../../scaling';
import { manyTargetsOverManySettings, projectText } from '../../hostileInputs';

const SAMPLE_PROJECT = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'projects', 'Sample', 'Sample.xcodeproj', 'project.pbxproj');

/** A minimal project: one PBXProject with `projectSettings`, and one native target per entry of `targets`. */
function targetNamed(targets: readonly XcodeTarget[], name: string): XcodeTarget {
  const target = targets.find((candidate) => candidate.name === name);
  assert.ok(target !== undefined, `no target ${name} in ${targets.map((candidate) => candidate.name).join(', ')}`);
  return target;
}

const sorted = <T>(items: readonly T[]): T[] => [...items].sort();

describe('readXcodeProject', () => {
  describe('the Sample fixture', () => {
    const targets = readXcodeProject(readFileSync(SAMPLE_PROJECT, 'utf8'));

    it('finds the four native targets', () => {
      assert.deepEqual(sorted(targets.map((target) => target.name)), ['Catalyst', 'MacApp', 'MyApp', 'MyClip', 'Shared']);
    });

    it('reads MyApp: an iOS app for iPhone and iPad, its two files and its generated purpose string', () => {
      const myApp = targetNamed(targets, 'MyApp');
      assert.equal(myApp.productTypeIdentifier, 'com.apple.product-type.application');
      assert.equal(myApp.productType, 'app');
      assert.deepEqual(sorted(myApp.platforms), ['iOS', 'iPadOS']);
      assert.deepEqual(myApp.entitlementsFiles.map((file) => file.path), ['MyApp/MyApp.entitlements']);
      assert.deepEqual(myApp.infoPlistFiles.map((file) => file.path), ['MyApp/Info.plist']);
      assert.deepEqual(sorted(myApp.entitlementsFiles[0]?.platforms ?? []), ['iOS', 'iPadOS']);
      assert.deepEqual(myApp.generatedInfoPlistKeys, ['NSCameraUsageDescription']);
    });

    it('lists a file named identically by two configurations once', () => {
      const myApp = targetNamed(targets, 'MyApp');
      assert.equal(myApp.entitlementsFiles.length, 1);
      assert.equal(myApp.infoPlistFiles.length, 1);
    });

    it('reads MyClip: an App Clip whose $(SRCROOT) paths are resolved to project-relative ones', () => {
      const clip = targetNamed(targets, 'MyClip');
      assert.equal(clip.productTypeIdentifier, 'com.apple.product-type.application.on-demand-install-capable');
      assert.equal(clip.productType, 'app-clip');
      assert.deepEqual(clip.platforms, ['iOS']);
      assert.deepEqual(clip.entitlementsFiles.map((file) => file.path), ['MyClip/MyClip.entitlements']);
      assert.deepEqual(clip.infoPlistFiles.map((file) => file.path), ['MyClip/Info.plist']);
      assert.deepEqual(clip.generatedInfoPlistKeys, []);
    });

    it('reads MacApp: a macOS app', () => {
      const mac = targetNamed(targets, 'MacApp');
      assert.equal(mac.productType, 'app');
      assert.deepEqual(mac.platforms, ['macOS']);
      assert.deepEqual(mac.entitlementsFiles, [{ path: 'MacApp/MacApp.entitlements', platforms: ['macOS'] }]);
      assert.deepEqual(mac.infoPlistFiles, [{ path: 'MacApp/Info.plist', platforms: ['macOS'] }]);
    });

    it('reads Shared: platforms from SUPPORTED_PLATFORMS, $(TARGET_NAME) resolved, the [sdk=macosx*] file for macOS only', () => {
      const shared = targetNamed(targets, 'Shared');
      assert.equal(shared.productType, 'app');
      assert.deepEqual(sorted(shared.platforms), ['iOS', 'macOS', 'visionOS']);
      assert.deepEqual(sorted(shared.entitlementsFiles.map((file) => file.path)), ['Shared/Shared-macOS.entitlements', 'Shared/Shared.entitlements']);
      assert.deepEqual(shared.entitlementsFiles.find((file) => file.path === 'Shared/Shared-macOS.entitlements')?.platforms, ['macOS']);
      const base = shared.entitlementsFiles.find((file) => file.path === 'Shared/Shared.entitlements');
      assert.deepEqual(sorted(base?.platforms ?? []), ['iOS', 'visionOS'], 'the plain setting covers the platforms the [sdk=macosx*] variant leaves');
      assert.deepEqual(shared.infoPlistFiles, [], 'GENERATE_INFOPLIST_FILE names no Info.plist');
    });

    it('reads SUPPORTS_MACCATALYST = YES as Mac Catalyst', () => {
      assert.deepEqual(sorted(targetNamed(targets, 'Catalyst').platforms), ['MacCatalyst', 'iOS']);
    });

    it('does not treat SUPPORTS_MACCATALYST = NO as Catalyst', () => {
      assert.ok(!targetNamed(targets, 'Shared').platforms.includes('MacCatalyst'));
    });
  });

  describe('build settings', () => {
    it('inherits project-level settings, which target settings override', () => {
      const text = projectText('SDKROOT = iphoneos; TARGETED_DEVICE_FAMILY = "1,2"; INFOPLIST_KEY_NSMicrophoneUsageDescription = "Talk";', [
        { name: 'Inherits', productType: 'com.apple.product-type.application', configurations: ['CODE_SIGN_ENTITLEMENTS = A/A.entitlements;'] },
        { name: 'Overrides', productType: 'com.apple.product-type.application', configurations: ['SDKROOT = macosx; CODE_SIGN_ENTITLEMENTS = B/B.entitlements;'] },
      ]);
      const targets = readXcodeProject(text);
      const inherits = targetNamed(targets, 'Inherits');
      assert.deepEqual(sorted(inherits.platforms), ['iOS', 'iPadOS']);
      assert.deepEqual(inherits.generatedInfoPlistKeys, ['NSMicrophoneUsageDescription']);
      assert.deepEqual(targetNamed(targets, 'Overrides').platforms, ['macOS']);
    });

    it('uses the project settings for a target with no configurations of its own', () => {
      const text = projectText('SDKROOT = appletvos; INFOPLIST_FILE = TV/Info.plist;', [{ name: 'TV', productType: 'com.apple.product-type.application', configurations: [] }]);
      const tv = targetNamed(readXcodeProject(text), 'TV');
      assert.deepEqual(tv.platforms, ['tvOS']);
      assert.deepEqual(tv.infoPlistFiles.map((file) => file.path), ['TV/Info.plist']);
    });

    it('prefers SUPPORTED_PLATFORMS to SDKROOT, and adds Mac Catalyst', () => {
      const text = projectText('', [
        { name: 'Multi', configurations: ['SDKROOT = iphoneos; SUPPORTED_PLATFORMS = "watchos watchsimulator appletvos"; SUPPORTS_MACCATALYST = YES;'] },
      ]);
      assert.deepEqual(sorted(targetNamed(readXcodeProject(text), 'Multi').platforms), ['MacCatalyst', 'tvOS', 'watchOS']);
    });

    it('adds iPadOS only for device family 2 on iOS', () => {
      const platformsFor = (settings: string) => sorted(targetNamed(readXcodeProject(projectText('', [{ name: 'T', configurations: [settings] }])), 'T').platforms);
      assert.deepEqual(platformsFor('SDKROOT = iphoneos; TARGETED_DEVICE_FAMILY = 1;'), ['iOS']);
      assert.deepEqual(platformsFor('SDKROOT = iphoneos; TARGETED_DEVICE_FAMILY = 2;'), ['iOS', 'iPadOS']);
      assert.deepEqual(platformsFor('SDKROOT = iphoneos; TARGETED_DEVICE_FAMILY = "1,2,7";'), ['iOS', 'iPadOS']);
      assert.deepEqual(platformsFor('SDKROOT = macosx; TARGETED_DEVICE_FAMILY = "1,2";'), ['macOS']);
    });

    it('unions the platforms of all configurations, and ignores unresolved SDK references', () => {
      const text = projectText('', [{ name: 'T', configurations: ['SDKROOT = iphoneos;', 'SDKROOT = xros;', 'SDKROOT = "$(PLATFORM_NAME)";'] }]);
      assert.deepEqual(sorted(targetNamed(readXcodeProject(text), 'T').platforms), ['iOS', 'visionOS']);
    });

    it('resolves $(PROJECT_DIR), ${SRCROOT}, $(PRODUCT_NAME) and ./ in paths', () => {
      const text = projectText('', [
        {
          name: 'App',
          configurations: ['SDKROOT = iphoneos; CODE_SIGN_ENTITLEMENTS = "$(PROJECT_DIR)/App/$(PRODUCT_NAME).entitlements"; INFOPLIST_FILE = "${SRCROOT}/./App/Info.plist";', 'INFOPLIST_FILE = ./App/Other-Info.plist;'],
        },
      ]);
      const app = targetNamed(readXcodeProject(text), 'App');
      assert.deepEqual(app.entitlementsFiles.map((file) => file.path), ['App/App.entitlements']);
      assert.deepEqual(sorted(app.infoPlistFiles.map((file) => file.path)), ['App/Info.plist', 'App/Other-Info.plist'].sort());
    });

    it('narrows a conditional file to its SDK, quoted or bare, and ignores empty paths', () => {
      const text = projectText('', [
        {
          name: 'T',
          configurations: ['SUPPORTED_PLATFORMS = "iphoneos macosx"; "INFOPLIST_FILE[sdk=iphoneos*]" = T/iOS-Info.plist; INFOPLIST_FILE[sdk=macosx*] = T/Mac-Info.plist; CODE_SIGN_ENTITLEMENTS = "";'],
        },
      ]);
      const target = targetNamed(readXcodeProject(text), 'T');
      assert.deepEqual(target.entitlementsFiles, []);
      assert.deepEqual(
        [...target.infoPlistFiles].sort((a, b) => a.path.localeCompare(b.path)),
        [
          { path: 'T/iOS-Info.plist', platforms: ['iOS'] },
          { path: 'T/Mac-Info.plist', platforms: ['macOS'] },
        ],
      );
    });

    it('skips objects that are not native targets', () => {
      const text = projectText('', [{ name: 'App', configurations: ['SDKROOT = iphoneos;'] }]).replace(
        'objects = {',
        'objects = {\n\t\tAGG = { isa = PBXAggregateTarget; name = Agg; buildConfigurationList = LIST0; };\n\t\tLEG = { isa = PBXLegacyTarget; name = Legacy; };',
      );
      assert.deepEqual(readXcodeProject(text).map((target) => target.name), ['App']);
    });
  });

  describe('not a project', () => {
    it('gives no targets for text that is not a project file', () => {
      for (const text of ['', 'hello', '<?xml version="1.0"?><plist><dict/></plist>', '{ a = b; }', '{ objects = x; }', '{ objects = (a); }', '(a, b)', '{ objects = { X = { isa = PBXGroup; }; }; }']) {
        assert.deepEqual(readXcodeProject(text), [], JSON.stringify(text));
      }
    });

    it('still reads the targets of a project truncated after them', () => {
      const full = readFileSync(SAMPLE_PROJECT, 'utf8');
      const truncated = full.slice(0, full.indexOf('/* Begin PBXProject section */'));
      assert.deepEqual(sorted(readXcodeProject(truncated).map((target) => target.name)), ['Catalyst', 'MacApp', 'MyApp', 'MyClip', 'Shared']);
    });
  });
});

describe('platformOfSdk', () => {
  const table: ReadonlyArray<[string, string | undefined]> = [
    ['iphoneos', 'iOS'],
    ['iphonesimulator', 'iOS'],
    ['iphoneos17.2', 'iOS'],
    ['macosx', 'macOS'],
    ['macosx14.0', 'macOS'],
    [' MacOSX ', 'macOS'],
    ['appletvos', 'tvOS'],
    ['appletvsimulator', 'tvOS'],
    ['watchos', 'watchOS'],
    ['watchsimulator', 'watchOS'],
    ['xros', 'visionOS'],
    ['xrsimulator', 'visionOS'],
    ['driverkit', 'DriverKit'],
    ['driverkit23.0', 'DriverKit'],
    ['', undefined],
    ['linux', undefined],
    ['$(PLATFORM_NAME)', undefined],
  ];
  for (const [sdk, platform] of table) {
    it(`${JSON.stringify(sdk)} → ${String(platform)}`, () => {
      assert.equal(platformOfSdk(sdk), platform);
    });
  }
});

describe('productTypeOf', () => {
  const table: ReadonlyArray<[string, string | undefined]> = [
    ['com.apple.product-type.application', 'app'],
    ['com.apple.product-type.application.on-demand-install-capable', 'app-clip'],
    ['com.apple.product-type.application.watchapp', 'app'],
    ['com.apple.product-type.application.watchapp2', 'app'],
    ['com.apple.product-type.application.watchapp2-container', 'app'],
    ['com.apple.product-type.application.messages', 'app'],
    ['com.apple.product-type.app-extension', 'app-extension'],
    ['com.apple.product-type.app-extension.messages', 'app-extension'],
    ['com.apple.product-type.extensionkit-extension', 'app-extension'],
    ['com.apple.product-type.watchkit2-extension', 'app-extension'],
    ['com.apple.product-type.tv-app-extension', 'app-extension'],
    ['com.apple.product-type.xpc-service', 'app-extension'],
    ['com.apple.product-type.system-extension', 'system-extension'],
    ['com.apple.product-type.driver-extension', 'driver-extension'],
    ['com.apple.product-type.framework', undefined],
    ['com.apple.product-type.tool', undefined],
    ['com.apple.product-type.bundle.unit-test', undefined],
    ['com.apple.product-type.application.unknown-future-kind', undefined],
    ['', undefined],
  ];
  for (const [identifier, productType] of table) {
    it(`${JSON.stringify(identifier)} → ${String(productType)}`, () => {
      assert.equal(productTypeOf(identifier), productType);
    });
  }
});

describe('readXcodeProject: signing settings', () => {
  it('reads each configuration\'s bundle identifier and team, once each', () => {
    const text = projectText('DEVELOPMENT_TEAM = ABCDE12345;', [
      { name: 'App', configurations: ['PRODUCT_BUNDLE_IDENTIFIER = com.example.app;', 'PRODUCT_BUNDLE_IDENTIFIER = com.example.app.debug; DEVELOPMENT_TEAM = ZYXWV98765;', 'PRODUCT_BUNDLE_IDENTIFIER = com.example.app;'] },
    ]);
    const app = targetNamed(readXcodeProject(text), 'App');
    assert.deepEqual(app.bundleIdentifiers, ['com.example.app', 'com.example.app.debug']);
    assert.deepEqual(sorted(app.teamIdentifiers), ['ABCDE12345', 'ZYXWV98765']);
  });

  it('resolves $(PRODUCT_NAME) and $(TARGET_NAME), and leaves out other references', () => {
    const text = projectText('', [
      { name: 'My_App', configurations: ['PRODUCT_BUNDLE_IDENTIFIER = "com.example.$(PRODUCT_NAME:rfc1034identifier)"; PRODUCT_NAME = "$(TARGET_NAME)";'] },
      { name: 'Widget', configurations: ['PRODUCT_BUNDLE_IDENTIFIER = "$(APP_ID_PREFIX).widget"; DEVELOPMENT_TEAM = "$(TEAM)";'] },
    ]);
    const targets = readXcodeProject(text);
    assert.deepEqual(targetNamed(targets, 'My_App').bundleIdentifiers, ['com.example.My-App']);
    assert.deepEqual(targetNamed(targets, 'Widget').bundleIdentifiers, []);
    assert.deepEqual(targetNamed(targets, 'Widget').teamIdentifiers, []);
  });

  it('reads the Sample fixture\'s bundle identifiers', () => {
    const targets = readXcodeProject(readFileSync(SAMPLE_PROJECT, 'utf8'));
    assert.deepEqual(targetNamed(targets, 'MyClip').bundleIdentifiers, ['com.example.myapp.Clip']);
  });
});

describe('readXcodeProject: time and memory linear in the file', () => {
  /** `count` project settings, every other one an `INFOPLIST_KEY_*`, and `targetCount` targets of two configurations. */

  it('reads 1,250 targets over 4,000 project settings (a 560 KB file) without copying the settings per configuration, and ten times that in about ten times the time', function () {
    this.timeout(60_000);
    const small = manyTargetsOverManySettings(4_000, 1_250);
    assert.ok(small.length > 500_000 && small.length < 700_000, `${small.length}`);
    const targets = readXcodeProject(small);
    assert.equal(targets.length, 1_250);
    const [first, second] = [targetNamed(targets, 'T0'), targetNamed(targets, 'T1')];
    assert.deepEqual(first.entitlementsFiles, [{ path: 'App.entitlements', platforms: ['iOS'] }]);
    assert.equal(first.generatedInfoPlistKeys.length, 1_024, 'the generated keys are bounded');
    assert.equal(first.generatedInfoPlistKeys, second.generatedInfoPlistKeys, 'targets that add no keys share the project\'s list');
    const large = manyTargetsOverManySettings(40_000, 12_500);
    assertLinearOverTenfold(() => readXcodeProject(small), () => readXcodeProject(large), { runs: 1 });
  });

  it('reads a target that lists 4,000 configurations over 4,000 project settings (a 560 KB file) as its first 64 distinct ones, and ten times that in about ten times the time', function () {
    this.timeout(60_000);
    const configurationsOf = (count: number) => Array.from({ length: count }, (_, index) => `PRODUCT_BUNDLE_IDENTIFIER = com.example.c${index};`);
    const settings = Array.from({ length: 4_000 }, (_, index) => `S${index} = v;`).join(' ');
    const small = projectText(settings, [{ name: 'App', configurations: configurationsOf(4_000) }]);
    assert.ok(small.length > 500_000 && small.length < 700_000, `${small.length}`);
    const large = projectText(Array.from({ length: 40_000 }, (_, index) => `S${index} = v;`).join(' '), [{ name: 'App', configurations: configurationsOf(40_000) }]);
    assert.equal(targetNamed(readXcodeProject(small), 'App').bundleIdentifiers.length, 64);
    assertLinearOverTenfold(() => readXcodeProject(small), () => readXcodeProject(large), { runs: 1 });
  });
});
