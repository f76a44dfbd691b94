import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FileKind } from '../../../../shared/src/catalog';
import { createCatalogIndex } from '../../../../server/src/service/catalogIndex';
import { classifyCustomKey, classifyKeyElement, classifyTopLevelKey, ownCopy, stripDeviceSuffix, SuggestionBudget, type KeyClass } from '../../../../server/src/service/model/keyClassification';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { topLevelKeyElements } from '../../../../server/src/service/model/rows';
import { catalogEntry, catalogOf, plist, service } from '../../helpers';

function classify(key: string, fileKind: FileKind, allowedKeys: readonly string[] = []): KeyClass {
  return classifyTopLevelKey(key, fileKind, service.catalog, new Set(allowedKeys));
}

/** The class as a short, comparable summary. */
function summary(keyClass: KeyClass): string {
  switch (keyClass.kind) {
    case 'real':
      return `real ${keyClass.entry.key}`;
    case 'hallucinated':
      return `hallucinated ${keyClass.hallucination.key}`;
    case 'private':
      return `private ${keyClass.pattern.prefix}`;
    case 'misplaced':
      return `misplaced ${keyClass.entry.key} -> ${keyClass.belongsIn}`;
    case 'unknown':
      return `unknown${keyClass.isDoubled ? ' doubled' : ''} [${keyClass.suggestions.join(', ')}]`;
    default:
      return keyClass.kind;
  }
}

describe('keyClassification', () => {
  describe('stripDeviceSuffix', () => {
    it('drops ~ipad, ~iphone and similar suffixes', () => {
      assert.equal(stripDeviceSuffix('UISupportedInterfaceOrientations~ipad'), 'UISupportedInterfaceOrientations');
      assert.equal(stripDeviceSuffix('UILaunchStoryboardName~iphone'), 'UILaunchStoryboardName');
      assert.equal(stripDeviceSuffix('CFBundleIdentifier'), 'CFBundleIdentifier');
      assert.equal(stripDeviceSuffix('~ipad'), '~ipad');
    });
  });

  describe('in an .entitlements file', () => {
    for (const [key, expected] of [
      ['com.apple.security.app-sandbox', 'real com.apple.security.app-sandbox'],
      ['com.apple.developer.push-notifications', 'hallucinated com.apple.developer.push-notifications'],
      ['com.apple.private.tcc.allow', 'private com.apple.private.'],
      ['NSCameraUsageDescription', 'misplaced NSCameraUsageDescription -> infoPlist'],
      ['UISupportedInterfaceOrientations~ipad', 'misplaced UISupportedInterfaceOrientations -> infoPlist'],
      ['com.apple.security.app-sandbx', 'unknown [com.apple.security.app-sandbox]'],
      ['com.apple.security.App-Sandbox', 'unknown [com.apple.security.app-sandbox]'],
      [
        'com.apple.security.files.user-selected.read-onlycom.apple.security.files.user-selected.read-only',
        'unknown doubled [com.apple.security.files.user-selected.read-only]',
      ],
      ['org.example.totally-custom', 'unknown []'],
      ['com.apple.developer.multicast', 'unknown [com.apple.developer.networking.multicast]'],
      ['com.apple.developer.foo-bar', 'unknown []'],
      ['com.apple.developer.in-app-purchases', 'hallucinated com.apple.developer.in-app-purchase'],
    ] as const) {
      it(`classifies ${key} as ${expected}`, () => {
        assert.equal(summary(classify(key, 'entitlements')), expected);
      });
    }

    it('accepts an allowed key before anything else', () => {
      assert.equal(classify('org.example.totally-custom', 'entitlements', ['org.example.totally-custom']).kind, 'allowed');
      assert.equal(classify('com.apple.private.tcc.allow', 'entitlements', ['com.apple.private.tcc.allow']).kind, 'allowed');
    });

    it('stops searching for suggestions after a budget per validation, still classifying every key', () => {
      const allowedKeys = new Set<string>();
      const budget = new SuggestionBudget();
      const classes = Array.from({ length: 260 }, (_, index) => classifyTopLevelKey(`com.apple.developer.siri${index}`, 'entitlements', service.catalog, allowedKeys, budget));
      assert.ok(classes.every((keyClass) => keyClass.kind === 'unknown'));
      assert.ok(classes.slice(0, 200).every((keyClass) => keyClass.kind === 'unknown' && keyClass.suggestions.length > 0));
      assert.ok(classes.slice(200).every((keyClass) => keyClass.kind === 'unknown' && keyClass.suggestions.length === 0));
    });

    it('keeps answers across validations only while the allowed keys are the same', () => {
      const key = 'org.example.kept-answers';
      assert.equal(classify(key, 'entitlements').kind, 'unknown');
      assert.equal(classify(key, 'entitlements', [key]).kind, 'allowed', 'a set with the key allows it');
      assert.equal(classify(key, 'entitlements').kind, 'unknown', 'and the next set without it does not');
      assert.equal(classify('aps-environment', 'entitlements', [key]).kind, 'real');
    });

    it('gives each validation (each new budget, whatever its allowed-keys set) a new search budget', () => {
      const exhaust = new Set<string>();
      const spent = new SuggestionBudget();
      for (let index = 0; index < 210; index++) classifyTopLevelKey(`com.apple.developer.budget${index}`, 'entitlements', service.catalog, exhaust, spent);
      const next = classifyTopLevelKey('com.apple.developer.sirii', 'entitlements', service.catalog, new Set<string>(), new SuggestionBudget());
      assert.ok(next.kind === 'unknown' && next.suggestions.length > 0);
    });

    it('keeps one validation\'s budget spent when its allowed-keys set changes identity but not content', () => {
      const budget = new SuggestionBudget();
      for (let index = 0; index < 210; index++) classifyTopLevelKey(`com.apple.developer.spent${index}`, 'entitlements', service.catalog, new Set<string>(), budget);
      const next = classifyTopLevelKey('com.apple.developer.siriii', 'entitlements', service.catalog, new Set<string>(), budget);
      assert.ok(next.kind === 'unknown' && next.suggestions.length === 0);
    });

    it('offers at most three suggestions', () => {
      const keyClass = classify('com.apple.developer.camera', 'entitlements');
      assert.equal(keyClass.kind, 'unknown');
      assert.ok(keyClass.kind === 'unknown' && keyClass.suggestions.length > 0 && keyClass.suggestions.length <= 3);
    });
  });

  describe('in Info.plist', () => {
    for (const [key, expected] of [
      ['NSCameraUsageDescription', 'real NSCameraUsageDescription'],
      ['UISupportedInterfaceOrientations~ipad', 'real UISupportedInterfaceOrientations'],
      ['com.apple.security.app-sandbox', 'misplaced com.apple.security.app-sandbox -> entitlements'],
      ['com.apple.developer.nfc.readersession.iso7816.select-identifiers', 'real com.apple.developer.nfc.readersession.iso7816.select-identifiers'],
      ['com.apple.developer.background-modes', 'hallucinated com.apple.developer.background-modes'],
      ['NSCameraUsageDescriptions', 'unknown [NSCameraUsageDescription]'],
      ['CBBundleVersion', 'unknown [CFBundleVersion]'],
      ['NSContactUsageDescription', 'unknown [NSContactsUsageDescription]'],
      ['NSCrossWebsiteTrackingUsageDescription', 'custom'],
      ['nscamerausagedescription', 'custom'],
      ['MyAppSetting', 'custom'],
      ['SUFeedURL', 'custom'],
      ['com.apple.private.tcc.allow', 'custom'],
    ] as const) {
      it(`classifies ${key} as ${expected}`, () => {
        assert.equal(summary(classify(key, 'infoPlist')), expected);
      });
    }

    it('never calls a real Info.plist key hallucinated, even when it is a hallucinated entitlement', () => {
      // UIBackgroundModes is listed because people put it in .entitlements files; it is real, so it is misplaced
      // there (the fix moves it) rather than invented.
      assert.equal(classify('UIBackgroundModes', 'entitlements').kind, 'misplaced');
      assert.equal(classify('UIBackgroundModes', 'infoPlist').kind, 'real');
    });
  });

  describe('keys read from a document (classifyKeyElement)', () => {
    it('gives each key element the class of its text, however the key is written, on first meeting and from the memo', () => {
      const keys = ['NSCameraUsageDescription', 'NSC&#97;meraUsageDescription', '<![CDATA[UIBackgroundModes]]>', 'UISupportedInterfaceOrientations~ipad', 'com.apple.security.app-sandbox', 'NSCameraUsageDescriptions', 'MyAppSetting', 'Bundle&amp;Key', ''];
      const text = plist(keys.map((key, index) => `<key>${key}</key><integer>${index}</integer>`).join(''));
      for (const allowed of [[], ['MyAppSetting']]) {
        for (let pass = 0; pass < 2; pass++) {
          const table = parsePlist(text).table;
          const elements = topLevelKeyElements(table);
          const allowedKeys = new Set(allowed);
          const byElement = elements.map((element) => summary(classifyKeyElement(table, element, 'infoPlist', service.catalog, allowedKeys)));
          const byText = elements.map((element) => summary(classifyTopLevelKey(table.textOf(element), 'infoPlist', service.catalog, allowedKeys)));
          assert.deepEqual(byElement, byText, `pass ${pass}, allowing ${allowed.join()}`);
          assert.deepEqual(elements.map((element) => table.textOf(element)), ['NSCameraUsageDescription', 'NSCameraUsageDescription', 'UIBackgroundModes', 'UISupportedInterfaceOrientations~ipad', 'com.apple.security.app-sandbox', 'NSCameraUsageDescriptions', 'MyAppSetting', 'Bundle&Key', '']);
        }
      }
    });

    it('keeps its answers as its memo grows, for keys met as elements and as strings', () => {
      const names = Array.from({ length: 300 }, (_, index) => `GrowingMemoKey${index}`);
      const text = plist(names.map((name) => `<key>${name}</key><true/>`).join(''));
      const allowedKeys = new Set(['GrowingMemoKey7']);
      const table = parsePlist(text).table;
      const first = topLevelKeyElements(table).map((element) => classifyKeyElement(table, element, 'infoPlist', service.catalog, allowedKeys).kind);
      const again = names.map((name) => classifyTopLevelKey(name, 'infoPlist', service.catalog, allowedKeys).kind);
      const expected = names.map((name) => (name === 'GrowingMemoKey7' ? 'allowed' : 'custom'));
      assert.deepEqual(first, expected);
      assert.deepEqual(again, expected);
    });
  });

  describe('memory', () => {
    /** Collects garbage now (V8's `gc`, exposed for this process at run time). */
    function collectGarbage(): void {
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
    }

    function heapMegabytes(): number {
      collectGarbage();
      return process.memoryUsage().heapUsed / 1e6;
    }

    it('copies keys into its memos, so they keep no document text alive', () => {
      // Four 16 MB "documents", each with an unknown entitlement (memo of suggestions) and a custom Info.plist key
      // (memo of classes) sliced from it, as the parser slices keys. Kept as slices, they would hold all 64 MB.
      const before = heapMegabytes();
      for (let index = 0; index < 4; index++) {
        const text = `${'x'.repeat(16_000_000)}com.apple.developer.memory-test-${index}|AppMemoryTestKey${index}`;
        const [entitlement = '', infoPlistKey = ''] = text.slice(16_000_000).split('|');
        classifyTopLevelKey(text.slice(16_000_000, 16_000_000 + entitlement.length), 'entitlements', service.catalog, new Set());
        classifyTopLevelKey(text.slice(text.length - infoPlistKey.length), 'infoPlist', service.catalog, new Set());
      }
      // One text may stay reachable a while longer (V8 keeps the last regular expression match's subject).
      assert.ok(heapMegabytes() - before < 32, 'at most one of the four documents is still in memory');
    });

    it('ownCopy returns an equal string', () => {
      const text = `${'y'.repeat(100)}UIApplicationSceneManifest`;
      assert.equal(ownCopy(text.slice(100)), 'UIApplicationSceneManifest');
      assert.equal(ownCopy(''), '');
    });
  });

  describe('classifyCustomKey', () => {
    const index = createCatalogIndex(catalogOf({
      infoPlist: [
        catalogEntry('CSSupportedContentTypes', { file: 'infoPlist' }),
        catalogEntry('QLSupportsSearchableItems', { file: 'infoPlist' }),
        catalogEntry('NSCameraUsageDescription', { file: 'infoPlist' }),
        catalogEntry('NSMicrophoneUsageDescription', { file: 'infoPlist' }),
      ],
    }));
    const candidates = index.infoPlistKeys;
    const classifyCustom = (key: string) => summary(classifyCustomKey(key, candidates, index));

    it('flags a near miss in an Apple namespace', () => {
      assert.equal(classifyCustom('NSCameraUsageDescriptions'), 'unknown [NSCameraUsageDescription]');
      assert.equal(classifyCustom('NSCameraUsageDesription'), 'unknown [NSCameraUsageDescription]');
    });

    it('suggests the same key ignoring case first', () => {
      assert.equal(classifyCustom('NSCameraUSAGEDescription'), 'unknown [NSCameraUsageDescription]');
    });

    it('stays in the namespace: a QL key is not a typo of a CS key', () => {
      assert.equal(classifyCustom('QLSupportedContentTypes'), 'custom');
    });

    it('leaves keys outside Apple namespaces and far-off keys alone', () => {
      assert.equal(classifyCustom('MyCameraUsageDescription'), 'custom');
      assert.equal(classifyCustom('NSSomethingOfMyOwn'), 'custom');
      assert.equal(classifyCustom('XYCameraUsageDescription'), 'custom');
    });
  });
});
