import * as assert from 'node:assert/strict';
import { catalogEntryOfKey, documentModel, entryEndAt, topLevelEntriesByKey } from '../../../../server/src/service/model/documentModel';
import { keyPathOf, type DictNode, type KeyNode, type ValueNode } from '../../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { stripDeviceSuffix } from '../../../../server/src/service/model/keyClassification';
import { context, plist, service } from '../../helpers';

describe('documentModel', () => {
  const text = plist(`
<key>NSAppTransportSecurity~ipad</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict>
<key>UISupportedInterfaceOrientations~ipad</key><array><string>UIInterfaceOrientationPortrait</string></array>
<key>NSAppTransportSecurity</key><dict>
  <key>NSExceptionDomains</key><dict>
    <key>example.com</key><dict><key>NSIncludesSubdomains</key><true/><key>NSIncludesSubdomains</key><false/></dict>
  </dict>
</dict>
<key>MyAppSetting</key><dict><key>Nested</key><true/><key>Nested</key><true/></dict>
<key>CFBundleName</key><string>A</string>
<key>CFBundleName</key><string>B</string>
`);
  const document = parsePlist(text);
  const infoPlist = context({ fileKind: 'infoPlist' });

  it('is made once per validation: the same context gives the same model, a new one a new model', () => {
    const model = documentModel(document, service.catalog, infoPlist);
    assert.equal(documentModel(document, service.catalog, infoPlist), model);
    assert.notEqual(documentModel(document, service.catalog, context({ fileKind: 'infoPlist' })), model);
  });

  it('gives the top level with classes and key ranges', () => {
    const topLevel = documentModel(document, service.catalog, infoPlist).topLevel;
    assert.deepEqual(topLevel.map((entry) => entry.key), ['NSAppTransportSecurity~ipad', 'UISupportedInterfaceOrientations~ipad', 'NSAppTransportSecurity', 'MyAppSetting', 'CFBundleName', 'CFBundleName']);
    for (const entry of topLevel) assert.equal(text.slice(entry.keyRange.offset, entry.keyRange.offset + entry.keyRange.length), entry.key);
    assert.equal(topLevel[3]?.keyClass.kind, 'custom');
    assert.equal(topLevel[1]?.keyClass.kind, 'real');
  });

  it('finds duplicates in every dict, the app\'s own included, with where the first is', () => {
    const duplicates = documentModel(document, service.catalog, infoPlist).duplicateKeys();
    assert.deepEqual(duplicates.map((duplicate) => duplicate.key), ['NSIncludesSubdomains', 'Nested', 'CFBundleName']);
    for (const { key, keyRange, firstRange } of duplicates) {
      assert.ok(firstRange.offset < keyRange.offset);
      assert.equal(text.slice(firstRange.offset, firstRange.offset + firstRange.length), key);
    }
  });

  it('visits the entries the catalog may know, with the written and the suffix-stripped entry', () => {
    const seen: string[] = [];
    documentModel(document, service.catalog, infoPlist).forEachCatalogKey((entry) => {
      seen.push(`${entry.key}:${entry.writtenEntry?.key ?? '-'}:${entry.catalogEntry?.key ?? '-'}:${entry.isTopLevel ? 'top' : 'nested'}`);
    });
    assert.ok(seen.includes('NSAllowsArbitraryLoads:-:NSAllowsArbitraryLoads:nested'));
    assert.ok(seen.includes('UISupportedInterfaceOrientations~ipad:-:UISupportedInterfaceOrientations:top'));
    assert.ok(!seen.some((line) => line.startsWith('Nested:')), 'nothing inside an app\'s own dict');
  });

  it('looks every key up as the key path with device suffixes stripped would', () => {
    const keys: KeyNode[] = [];
    const visit = (node: ValueNode | undefined): void => {
      if (node?.kind === 'dict') {
        for (const entry of node.entries) {
          keys.push(entry.key);
          visit(entry.value);
        }
      } else if (node?.kind === 'array') node.items.forEach(visit);
    };
    visit(document.root);
    assert.equal(keys.length, 13);
    for (const key of keys) {
      const path = keyPathOf(key).map(stripDeviceSuffix);
      assert.equal(catalogEntryOfKey(document, key, service.catalog, 'infoPlist'), service.catalog.infoPlistEntryAt(path), path.join(' > '));
    }
  });

  it('looks entitlements up at the top level only', () => {
    const entitlements = parsePlist(plist('<key>aps-environment</key><string>development</string><key>x</key><dict><key>aps-environment</key><string>development</string></dict>'));
    const top = (entitlements.root as DictNode).entries[0];
    const nested = ((entitlements.root as DictNode).entries[1]?.value as DictNode).entries[0];
    assert.equal(catalogEntryOfKey(entitlements, top!.key, service.catalog, 'entitlements')?.key, 'aps-environment');
    assert.equal(catalogEntryOfKey(entitlements, nested!.key, service.catalog, 'entitlements'), undefined);
  });

  it('gives the end of an entry from its key\'s start, and the top level by key', () => {
    const first = topLevelEntriesByKey(document).get('CFBundleName');
    assert.ok(first?.value !== undefined);
    assert.equal(entryEndAt(document, first.key.offset), first.value.end);
    assert.equal(entryEndAt(document, first.key.offset + 1), -1);
    assert.ok(first.value.kind === 'string' && first.value.text === 'A', 'the first of a duplicate');
  });
});
