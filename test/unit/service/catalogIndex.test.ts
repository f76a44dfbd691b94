import * as assert from 'node:assert/strict';
import { createCatalogIndex, namespacePrefixOf } from '../../../server/src/service/catalogIndex';
import { CATALOG } from '../../../shared/src/catalogData';
import { catalogEntry, catalogOf } from '../helpers';

const domainKeys = [catalogEntry('NSIncludesSubdomains', { file: 'infoPlist' })];
const catalog = catalogOf({
  entitlements: [catalogEntry('aps-environment', { type: 'string' }), catalogEntry('com.apple.security.app-sandbox')],
  infoPlist: [
    catalogEntry('NSCameraUsageDescription', { file: 'infoPlist', type: 'string' }),
    catalogEntry('NSAppTransportSecurity', {
      file: 'infoPlist',
      type: 'dictionary',
      children: [
        catalogEntry('NSAllowsArbitraryLoads', { file: 'infoPlist' }),
        catalogEntry('NSExceptionDomains', { file: 'infoPlist', type: 'dictionary', keyPattern: '<domain name>', children: domainKeys }),
      ],
    }),
    catalogEntry('UIBackgroundModes', { file: 'infoPlist', type: 'array' }),
    catalogEntry('CFBundleIdentifier', { file: 'infoPlist', type: 'string' }),
    catalogEntry('LSApplicationCategoryType', { file: 'infoPlist', type: 'string' }),
    catalogEntry('GKGameCenterBadgingDisabled', { file: 'infoPlist' }),
    catalogEntry('ABCDXyz', { file: 'infoPlist' }),
  ],
  hallucinations: [
    { key: 'com.apple.developer.push-notifications', kind: 'wrong-name', replacements: ['aps-environment'], advice: 'Use aps-environment', details: [], confidence: 'high', source: 'test' },
  ],
  privateKeyPatterns: [{ prefix: 'com.apple.private.', note: 'Apple only.' }],
});
const index = createCatalogIndex(catalog);

describe('catalogIndex', () => {
  it('looks up entitlements and top-level Info.plist keys, each in its own file only', () => {
    assert.equal(index.entitlement('aps-environment')?.key, 'aps-environment');
    assert.equal(index.entitlement('NSCameraUsageDescription'), undefined);
    assert.equal(index.infoPlistKey('NSCameraUsageDescription')?.key, 'NSCameraUsageDescription');
    assert.equal(index.infoPlistKey('aps-environment'), undefined);
    assert.equal(index.infoPlistKey('NSAllowsArbitraryLoads'), undefined, 'a nested key is not a top-level key');
  });

  it('looks up by file kind', () => {
    assert.equal(index.entryFor('entitlements', 'aps-environment')?.key, 'aps-environment');
    assert.equal(index.entryFor('infoPlist', 'aps-environment'), undefined);
    assert.equal(index.entryFor('infoPlist', 'UIBackgroundModes')?.key, 'UIBackgroundModes');
  });

  it('follows a key path into documented children', () => {
    assert.equal(index.infoPlistEntryAt(['NSAppTransportSecurity'])?.key, 'NSAppTransportSecurity');
    assert.equal(index.infoPlistEntryAt(['NSAppTransportSecurity', 'NSAllowsArbitraryLoads'])?.key, 'NSAllowsArbitraryLoads');
    assert.equal(index.infoPlistEntryAt(['NSAppTransportSecurity', 'NSAllowsArbitraryLoad']), undefined);
    assert.equal(index.infoPlistEntryAt(['NSCameraUsageDescription', 'anything']), undefined);
    assert.equal(index.infoPlistEntryAt([]), undefined);
  });

  it('passes through a level of free-form keys (a domain name) to the documented keys below it', () => {
    assert.equal(index.infoPlistEntryAt(['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomains'])?.key, 'NSIncludesSubdomains');
    assert.equal(index.infoPlistEntryAt(['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomain']), undefined);
    assert.equal(index.infoPlistEntryAt(['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com']), undefined);
  });

  it('steps down one key at a time to the same documented keys as a key path', () => {
    const paths = [
      [],
      ['NSAppTransportSecurity'],
      ['NSAppTransportSecurity', 'NSExceptionDomains'],
      ['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com'],
      ['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomains'],
      ['NSAppTransportSecurity', 'NSAllowsArbitraryLoad'],
      ['NSAppTransportSecurity', 'NSAllowsArbitraryLoad', 'NSExceptionDomains'],
      ['MyOwnSetting', 'NSAppTransportSecurity'],
    ];
    for (const path of paths) {
      let level = index.infoPlistRoot;
      for (const key of path) level = index.infoPlistLevelBelow(level, key);
      assert.equal(level.keys, index.infoPlistKeysIn(path), path.join(' > '));
    }
    assert.deepEqual([...(index.infoPlistRoot.keys?.keys() ?? [])].slice(0, 2), ['NSCameraUsageDescription', 'NSAppTransportSecurity']);
    const domains = index.infoPlistLevelBelow(index.infoPlistLevelBelow(index.infoPlistRoot, 'NSAppTransportSecurity'), 'NSExceptionDomains');
    assert.equal(domains.keys, undefined, 'a level of free-form names documents no keys of its own');
    assert.deepEqual([...(index.infoPlistLevelBelow(domains, 'any.example.org').keys?.keys() ?? [])], ['NSIncludesSubdomains']);
  });

  it('makes each level once: stepping again gives the same level', () => {
    const below = index.infoPlistLevelBelow(index.infoPlistRoot, 'NSAppTransportSecurity');
    assert.equal(index.infoPlistLevelBelow(index.infoPlistRoot, 'NSAppTransportSecurity'), below);
    const domains = index.infoPlistLevelBelow(below, 'NSExceptionDomains');
    assert.equal(index.infoPlistLevelBelow(domains, 'a.example.com'), index.infoPlistLevelBelow(domains, 'b.example.com'));
    assert.equal(index.infoPlistLevelBelow(index.infoPlistRoot, 'Unknown'), index.infoPlistLevelBelow(index.infoPlistRoot, 'AlsoUnknown'));
  });

  it('gives an unknown level for a level it did not make', () => {
    assert.equal(index.infoPlistLevelBelow({ keys: new Map(), knowsNothing: false, entriesByLength: undefined, belowAnyName: undefined }, 'NSAppTransportSecurity').keys, undefined);
  });

  it('says where it knows nothing, at that level and every level below', () => {
    const root = index.infoPlistRoot;
    const own = index.infoPlistLevelBelow(root, 'MyAppSettings');
    assert.equal(root.knowsNothing, false);
    assert.equal(own.knowsNothing, true);
    assert.equal(index.infoPlistLevelBelow(own, 'NSAppTransportSecurity').knowsNothing, true, 'a catalog key inside an app dict is not that key');
    // A dict keyed by free-form names has no keys of its own, but the dicts it holds do.
    const domains = index.infoPlistLevelBelow(index.infoPlistLevelBelow(root, 'NSAppTransportSecurity'), 'NSExceptionDomains');
    assert.equal(domains.keys, undefined);
    assert.equal(domains.knowsNothing, false);
    const domain = index.infoPlistLevelBelow(domains, 'example.com');
    assert.ok(domain.keys?.has('NSIncludesSubdomains'));
    assert.equal(index.infoPlistLevelBelow(domain, 'NSIncludesSubdomains').knowsNothing, true, 'below a boolean');
  });

  it('lists the entries of each level with few keys by key length, every key once, and none for the root', () => {
    const real = createCatalogIndex(CATALOG);
    assert.equal(real.infoPlistRoot.entriesByLength, undefined, 'the root has hundreds of keys: a map lookup');
    const atsLevel = real.infoPlistLevelBelow(real.infoPlistRoot, 'NSAppTransportSecurity');
    const domainLevel = real.infoPlistLevelBelow(real.infoPlistLevelBelow(atsLevel, 'NSExceptionDomains'), 'example.com');
    for (const level of [atsLevel, domainLevel]) {
      const byLength = level.entriesByLength ?? [];
      const listed = byLength.flatMap((entries, length) => (entries ?? []).map((entry) => [length, entry] as const));
      assert.deepEqual(listed.map(([length, entry]) => length === entry.key.length && level.keys?.get(entry.key) === entry), listed.map(() => true));
      assert.deepEqual(listed.map(([, entry]) => entry.key).sort(), [...(level.keys?.keys() ?? [])].sort());
    }
    assert.equal(real.infoPlistLevelBelow(real.infoPlistRoot, 'MyAppSettings').entriesByLength, undefined, 'no keys, no list');
  });

  it('steps below an entry already found as it steps below its key', () => {
    const real = createCatalogIndex(CATALOG);
    const ats = real.infoPlistLevelBelow(real.infoPlistRoot, 'NSAppTransportSecurity');
    const domains = real.infoPlistLevelBelow(ats, 'NSExceptionDomains');
    const domain = real.infoPlistLevelBelow(domains, 'example.com');
    const own = real.infoPlistLevelBelow(real.infoPlistRoot, 'MyAppSettings');
    for (const [level, keys] of [
      [real.infoPlistRoot, ['NSAppTransportSecurity', 'CFBundleURLTypes', 'UIApplicationSceneManifest', 'CFBundleIdentifier', 'MyAppSettings']],
      [ats, ['NSExceptionDomains', 'NSAllowsArbitraryLoads', 'Mine']],
      [domains, ['example.com', 'NSExceptionDomains']],
      [domain, ['NSIncludesSubdomains', 'Mine']],
      [own, ['Anything']],
    ] as const) {
      for (const key of keys) {
        assert.equal(real.infoPlistLevelBelowEntry(level, level.keys?.get(key)), real.infoPlistLevelBelow(level, key), key);
      }
    }
  });

  it('gives the level below any free-form name without a name, and only at a level of free-form names', () => {
    const ats = index.infoPlistLevelBelow(index.infoPlistRoot, 'NSAppTransportSecurity');
    const domains = index.infoPlistLevelBelow(ats, 'NSExceptionDomains');
    assert.equal(domains.belowAnyName, index.infoPlistLevelBelow(domains, 'example.com'));
    assert.equal(domains.belowAnyName, index.infoPlistLevelBelow(domains, 'NSAllowsArbitraryLoads'), 'a catalog key is just a name here');
    for (const level of [index.infoPlistRoot, ats, index.infoPlistLevelBelow(domains, 'example.com'), index.infoPlistLevelBelow(index.infoPlistRoot, 'Mine')]) {
      assert.equal(level.belowAnyName, undefined);
    }
  });

  it('has no real catalog key with a device suffix, so a key found as written is its own stripped form', () => {
    const work = [...CATALOG.infoPlist];
    for (let entry = work.pop(); entry !== undefined; entry = work.pop()) {
      assert.ok(!entry.key.includes('~'), entry.key);
      work.push(...(entry.children ?? []));
    }
  });

  it('knows Info.plist keys at any depth', () => {
    assert.equal(index.isInfoPlistKeyAnywhere('NSCameraUsageDescription'), true);
    assert.equal(index.isInfoPlistKeyAnywhere('NSIncludesSubdomains'), true);
    assert.equal(index.isInfoPlistKeyAnywhere('aps-environment'), false);
  });

  it('finds hallucinations by exact key', () => {
    assert.deepEqual(index.hallucination('com.apple.developer.push-notifications')?.replacements, ['aps-environment']);
    assert.equal(index.hallucination('com.apple.developer.push-notification'), undefined);
  });

  it('matches private keys by prefix', () => {
    assert.equal(index.privatePattern('com.apple.private.tcc.allow')?.prefix, 'com.apple.private.');
    assert.equal(index.privatePattern('com.apple.privatetcc'), undefined);
  });

  it('lists the keys of each file', () => {
    assert.deepEqual(index.entitlementKeys, ['aps-environment', 'com.apple.security.app-sandbox']);
    assert.equal(index.infoPlistKeys.includes('NSAppTransportSecurity'), true);
    assert.equal(index.infoPlistKeys.includes('NSAllowsArbitraryLoads'), false);
  });

  it('derives the Apple namespaces from the Info.plist keys, two or three letters long', () => {
    assert.deepEqual([...index.appleInfoPlistPrefixes].sort(), ['CF', 'GK', 'LS', 'NS', 'UI']);
  });

  it('keeps the catalog it was built from', () => {
    assert.equal(index.catalog, catalog);
  });

  describe('namespacePrefixOf', () => {
    for (const [key, prefix] of [
      ['NSCameraUsageDescription', 'NS'],
      ['UIBackgroundModes', 'UI'],
      ['CFBundleIdentifier', 'CF'],
      ['SUFeedURL', 'SU'],
      ['MyAppSetting', undefined],
      ['com.apple.security.app-sandbox', undefined],
      ['NS', undefined],
    ] as const) {
      it(`gives ${String(prefix)} for ${key}`, () => {
        assert.equal(namespacePrefixOf(key), prefix);
      });
    }
  });
});
