import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { CatalogEntry, Confidence, FileKind, Platform, ValueType } from '../../../shared/src/catalog';
import { CATALOG } from '../../../shared/src/catalogData';
import { PLATFORMS } from '../../../shared/src/settings';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

const VALUE_TYPES: ReadonlySet<ValueType> = new Set(['string', 'boolean', 'integer', 'real', 'date', 'data', 'array', 'dictionary']);
const KNOWN_PLATFORMS: ReadonlySet<Platform> = new Set(PLATFORMS);
const CONFIDENCES: ReadonlySet<Confidence> = new Set(['high', 'medium', 'low']);

/** Every entry with where it sits (`NSAppTransportSecurity/NSExceptionDomains`), children included. */
function allEntries(entries: readonly CatalogEntry[], parentPath = ''): Array<{ path: string; entry: CatalogEntry }> {
  const result: Array<{ path: string; entry: CatalogEntry }> = [];
  for (const entry of entries) {
    const entryPath = parentPath === '' ? entry.key : `${parentPath}/${entry.key}`;
    result.push({ path: entryPath, entry }, ...allEntries(entry.children ?? [], entryPath));
  }
  return result;
}

function duplicatesOf(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((key) => (seen.has(key) ? true : (seen.add(key), false)));
}

const FILES: ReadonlyArray<{ fileKind: FileKind; entries: readonly CatalogEntry[] }> = [
  { fileKind: 'entitlements', entries: CATALOG.entitlements },
  { fileKind: 'infoPlist', entries: CATALOG.infoPlist },
];

describe('catalog (shared/data/catalog.json)', () => {
  for (const { fileKind, entries } of FILES) {
    describe(fileKind, () => {
      const everyEntry = allEntries(entries);

      it('has entries', () => {
        assert.ok(entries.length > 100, `${entries.length} entries`);
      });

      it('has unique keys at top level and within each dictionary', () => {
        assert.deepEqual(duplicatesOf(entries.map((entry) => entry.key)), []);
        for (const { path: entryPath, entry } of everyEntry) {
          assert.deepEqual(duplicatesOf((entry.children ?? []).map((child) => child.key)), [], entryPath);
        }
      });

      it('files every entry under this file kind', () => {
        for (const { path: entryPath, entry } of everyEntry) assert.equal(entry.file, fileKind, entryPath);
      });

      it('gives every entry a non-empty summary', () => {
        const missing = everyEntry.filter(({ entry }) => typeof entry.summary !== 'string' || entry.summary.trim() === '').map(({ path: entryPath }) => entryPath);
        assert.deepEqual(missing, []);
      });

      it('gives every entry a known value type, item type and alternative types', () => {
        for (const { path: entryPath, entry } of everyEntry) {
          assert.ok(VALUE_TYPES.has(entry.type), `${entryPath}: type '${entry.type}'`);
          if (entry.itemType !== undefined) {
            assert.ok(VALUE_TYPES.has(entry.itemType), `${entryPath}: itemType '${entry.itemType}'`);
            assert.equal(entry.type, 'array', `${entryPath}: only arrays have an item type`);
          }
          for (const altType of entry.altTypes ?? []) assert.ok(VALUE_TYPES.has(altType), `${entryPath}: altType '${altType}'`);
        }
      });

      it('lists only known platforms', () => {
        for (const { path: entryPath, entry } of everyEntry) {
          assert.ok(Array.isArray(entry.platforms), entryPath);
          for (const platform of entry.platforms) assert.ok(KNOWN_PLATFORMS.has(platform), `${entryPath}: platform '${platform}'`);
          for (const value of entry.values ?? []) {
            for (const platform of value.platforms ?? []) assert.ok(KNOWN_PLATFORMS.has(platform), `${entryPath} = ${value.value}: platform '${platform}'`);
          }
        }
      });

      it('states a confidence of high, medium or low', () => {
        for (const { path: entryPath, entry } of everyEntry) assert.ok(CONFIDENCES.has(entry.confidence), `${entryPath}: confidence '${entry.confidence}'`);
      });

      it('links every entry to a well-formed https page', () => {
        for (const { path: entryPath, entry } of everyEntry) {
          let url: URL;
          try {
            url = new URL(entry.docUrl);
          } catch {
            assert.fail(`${entryPath}: docUrl '${entry.docUrl}' is not a URL`);
          }
          assert.equal(url.protocol, 'https:', `${entryPath}: ${entry.docUrl}`);
          assert.ok(url.hostname !== '', `${entryPath}: ${entry.docUrl}`);
        }
      });

      it('links Apple pages for most entries', () => {
        const apple = everyEntry.filter(({ entry }) => new URL(entry.docUrl).hostname === 'developer.apple.com');
        assert.ok(apple.length / everyEntry.length > 0.9, `${apple.length} of ${everyEntry.length}`);
      });

      it('names at least one source for every entry', () => {
        for (const { path: entryPath, entry } of everyEntry) {
          assert.ok(Array.isArray(entry.sources) && entry.sources.length > 0, entryPath);
          for (const source of entry.sources) assert.ok(typeof source === 'string' && source.trim() !== '', entryPath);
        }
      });

      it('documents each enumerated value once', () => {
        for (const { path: entryPath, entry } of everyEntry) {
          assert.deepEqual(duplicatesOf((entry.values ?? []).map((value) => value.value)), [], entryPath);
        }
      });

      it('keeps approval for entitlements only', () => {
        for (const { path: entryPath, entry } of everyEntry) {
          assert.equal(typeof entry.isManaged, 'boolean', entryPath);
          if (fileKind === 'infoPlist') assert.equal(entry.isManaged, false, entryPath);
        }
      });

      it('replaces a deprecated key with real keys, where the replacement is a key at all', () => {
        const topLevel = new Set(entries.map((entry) => entry.key));
        const check = (siblings: readonly CatalogEntry[], parentPath: string) => {
          const keys = new Set(siblings.map((entry) => entry.key));
          for (const entry of siblings) {
            // Some replacements are prose ("Audio Unit extensions (AUv3)"); only key-shaped ones must exist.
            for (const replacement of (entry.replacedBy ?? []).filter((candidate) => /^[A-Za-z0-9._-]+$/.test(candidate))) {
              assert.ok(keys.has(replacement) || topLevel.has(replacement), `${parentPath}${entry.key}: replacedBy '${replacement}'`);
            }
            check(entry.children ?? [], `${parentPath}${entry.key}/`);
          }
        };
        check(entries, '');
      });
    });
  }

  it('keeps every key in one file only', () => {
    const infoPlistKeys = new Set(CATALOG.infoPlist.map((entry) => entry.key));
    assert.deepEqual(CATALOG.entitlements.filter((entry) => infoPlistKeys.has(entry.key)).map((entry) => entry.key), []);
  });

  describe('hallucinations', () => {
    const entitlementKeys = new Set(CATALOG.entitlements.map((entry) => entry.key));
    const realKeys = new Set([...entitlementKeys, ...CATALOG.infoPlist.map((entry) => entry.key)]);

    it('has unique keys', () => {
      assert.deepEqual(duplicatesOf(CATALOG.hallucinations.map((hallucination) => hallucination.key)), []);
    });

    it('never lists a real entitlement', () => {
      assert.deepEqual(CATALOG.hallucinations.filter((hallucination) => entitlementKeys.has(hallucination.key)).map((hallucination) => hallucination.key), []);
    });

    it('offers only real catalog keys as replacements', () => {
      for (const hallucination of CATALOG.hallucinations) {
        for (const replacement of hallucination.replacements) assert.ok(realKeys.has(replacement), `${hallucination.key} -> ${replacement}`);
      }
    });

    it('replaces a wrong entitlement name with real entitlements', () => {
      for (const hallucination of CATALOG.hallucinations.filter((candidate) => candidate.kind === 'wrong-name')) {
        assert.ok(hallucination.replacements.length > 0, hallucination.key);
        for (const replacement of hallucination.replacements) assert.ok(entitlementKeys.has(replacement), `${hallucination.key} -> ${replacement}`);
      }
    });

    it('gives advice and a source for each, and a known confidence', () => {
      for (const hallucination of CATALOG.hallucinations) {
        assert.ok(hallucination.advice.trim() !== '', hallucination.key);
        assert.ok(hallucination.source.trim() !== '', hallucination.key);
        assert.ok(CONFIDENCES.has(hallucination.confidence), hallucination.key);
      }
    });
  });

  describe('private key patterns', () => {
    it('have prefixes that are no real entitlement and a note each', () => {
      for (const pattern of CATALOG.privateKeyPatterns) {
        assert.ok(pattern.prefix.length > 0 && pattern.note.trim() !== '', pattern.prefix);
        assert.deepEqual(CATALOG.entitlements.filter((entry) => entry.key.startsWith(pattern.prefix)).map((entry) => entry.key), [], pattern.prefix);
      }
    });
  });

  describe('features', () => {
    const entitlementKeys = new Map(CATALOG.entitlements.map((entry) => [entry.key, entry]));
    const infoPlistPaths = new Set(allEntries(CATALOG.infoPlist).flatMap(({ path: keyPath, entry }) => [keyPath, entry.key]));

    it('covers at least 200 of Apple\'s frameworks and capabilities, each with its names, platforms and source', () => {
      assert.ok(CATALOG.features.length >= 200, `${CATALOG.features.length} features`);
      assert.deepEqual(duplicatesOf(CATALOG.features.map((feature) => feature.id)), []);
      for (const feature of CATALOG.features) {
        assert.ok(feature.names.length > 0, feature.id);
        assert.ok(feature.platforms.length > 0 && feature.platforms.every((platform) => KNOWN_PLATFORMS.has(platform)), feature.id);
        assert.match(feature.source, /^https:\/\//, feature.id);
        assert.ok(feature.needs.length > 0, feature.id);
      }
    });

    it('names only real gates: catalog keys, documented values, and the catalog\'s own managed status', () => {
      const backgroundModes = new Set(CATALOG.infoPlist.find((entry) => entry.key === 'UIBackgroundModes')?.values?.map((value) => value.value));
      for (const feature of CATALOG.features) {
        for (const need of feature.needs) {
          if (need.kind === 'entitlement') {
            const entry = entitlementKeys.get(need.key);
            assert.ok(entry !== undefined, `${feature.id}: ${need.key}`);
            assert.equal(need.managed, entry.isManaged, `${feature.id}: ${need.key}`);
          } else if (need.kind === 'infoPlistKey' || need.kind === 'purposeString') {
            assert.ok(infoPlistPaths.has(need.key), `${feature.id}: ${need.key}`);
          } else if (need.kind === 'backgroundMode') {
            assert.ok(backgroundModes.has(need.value), `${feature.id}: ${need.value}`);
          }
          if ('platforms' in need && need.platforms !== undefined) assert.ok(need.platforms.every((platform) => KNOWN_PLATFORMS.has(platform)), feature.id);
        }
      }
    });

    it('knows what the features of the invented keys people write really need', () => {
      const needsOf = (id: string) => CATALOG.features.find((feature) => feature.id === id)?.needs.map((need) => ('key' in need ? need.key : need.kind));
      assert.deepEqual(needsOf('foundation-models'), ['nothing']);
      assert.ok(needsOf('live-activities')?.includes('NSSupportsLiveActivities'));
      assert.ok(needsOf('core-nfc')?.includes('NFCReaderUsageDescription'));
      assert.deepEqual(needsOf('family-controls'), ['com.apple.developer.family-controls']);
    });
  });

  it('records where it came from', () => {
    assert.ok(CATALOG.source.generatedFrom.includes('catalog/sources'));
    assert.match(CATALOG.source.referenceDigest, /^[0-9a-f]{16}$/);
  });

  it('is what catalog/generate.mjs generates from catalog/sources', () => {
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'catalog', 'generate.mjs'), '--check'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
});
