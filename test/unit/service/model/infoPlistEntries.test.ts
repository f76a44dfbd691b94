import * as assert from 'node:assert/strict';
import { infoPlistEntriesOf } from '../../../../server/src/service/model/infoPlistEntries';
import { keyPathOf, type KeyNode, type ValueNode } from '../../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { KIND_DICT, type PlistTable } from '../../../../server/src/service/plist/table';
import { plist, service } from '../../helpers';

const TEXT = plist(`
<key>UISupportedInterfaceOrientations~ipad</key><array><string>UIInterfaceOrientationPortrait</string></array>
<key>NSAppTransportSecurity</key><dict>
  <key>NSExceptionDomains</key><dict>
    <key>example.com</key><dict><key>NSIncludesSubdomains</key><true/></dict>
    <key>cdn~ipad.example.com</key><dict><key>NSIncludesSubdomains</key><true/><key>NSExceptionMinimumTLSVersion</key><string>TLSv1.2</string></dict>
    <key>media.example.com</key><dict><key>NS&#73;ncludesSubdomains</key><true/><key>NSIncludesSubdomainz</key><true/><key><![CDATA[NSExceptionMinimumTLSVersion]]></key><string>TLSv1.2</string></dict>
  </dict>
</dict>
<key>MyAppSetting</key><string>x</string>
<key>MyAppSettings</key><dict>
  <key>Nested</key><dict><key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict></dict>
  <key>Items</key><array><dict><key>Name</key><string>a</string></dict></array>
</dict>
<key>CFBundleIdentifier</key><string>com.example.app</string>
`);

/** The element of the dict that starts at `offset`. */
function dictElementAt(table: PlistTable, offset: number): number {
  for (let id = 0; id < table.count; id++) if (table.kind(id) === KIND_DICT && table.offset(id) === offset) return id;
  throw new Error(`no dict at ${offset}`);
}

describe('infoPlistEntriesOf', () => {
  const document = parsePlist(TEXT);
  const list = infoPlistEntriesOf(document, service.catalog);

  it('lists the entries of documented dicts in source order, and none inside an app\'s own dicts', () => {
    assert.deepEqual(Array.from(list.keys, (key) => list.table.textOf(key)), [
      'UISupportedInterfaceOrientations~ipad',
      'NSAppTransportSecurity',
      'NSExceptionDomains',
      // `example.com` is a free-form name (its dict is documented, it is not), and MyAppSettings' dict is the app's own.
      'NSIncludesSubdomains',
      'NSIncludesSubdomains',
      'NSExceptionMinimumTLSVersion',
      'NSIncludesSubdomains',
      'NSIncludesSubdomainz',
      'NSExceptionMinimumTLSVersion',
      'MyAppSetting',
      'MyAppSettings',
      'CFBundleIdentifier',
    ]);
  });

  it('looks each key up where it sits, as written and without device suffixes', () => {
    const exact = Array.from({ length: list.exactEntries.length }, (_, index) => list.exactEntries.at(index)?.key);
    const stripped = Array.from({ length: list.catalogEntries.length }, (_, index) => list.catalogEntries.at(index)?.key);
    // A domain's keys are found as written whatever the domain's name, and whether written plainly, with an entity
    // or in CDATA; a near miss (`NSIncludesSubdomainz`) is not.
    const domainKeys = ['NSIncludesSubdomains', 'NSIncludesSubdomains', 'NSExceptionMinimumTLSVersion', 'NSIncludesSubdomains', undefined, 'NSExceptionMinimumTLSVersion'];
    assert.deepEqual(exact, [undefined, 'NSAppTransportSecurity', 'NSExceptionDomains', ...domainKeys, undefined, undefined, 'CFBundleIdentifier']);
    assert.deepEqual(stripped, ['UISupportedInterfaceOrientations', 'NSAppTransportSecurity', 'NSExceptionDomains', ...domainKeys, undefined, undefined, 'CFBundleIdentifier']);
  });

  it('agrees with infoPlistEntryAt(keyPathOf(key)) for every entry of the tree, and leaves out only entries the catalog cannot know', () => {
    const treeKeys: KeyNode[] = [];
    const visit = (node: ValueNode | undefined): void => {
      if (node?.kind === 'dict') {
        for (const entry of node.entries) {
          treeKeys.push(entry.key);
          visit(entry.value);
        }
      } else if (node?.kind === 'array') {
        node.items.forEach(visit);
      }
    };
    visit(document.root);
    const listed = new Map(Array.from(list.keys, (key, index) => [list.table.offset(key), index]));
    let leftOut = 0;
    for (const key of treeKeys) {
      const index = listed.get(key.offset);
      const path = keyPathOf(key);
      if (index === undefined) {
        leftOut++;
        assert.equal(service.catalog.infoPlistKeysIn(path.slice(0, -1)), undefined, `${path.join(' > ')} is in a documented dict`);
        assert.equal(service.catalog.infoPlistEntryAt(path), undefined);
      } else {
        assert.equal(list.exactEntries.at(index), service.catalog.infoPlistEntryAt(path), path.join(' > '));
      }
    }
    assert.equal(leftOut, 8, 'the three domain names and the five keys inside MyAppSettings');
    assert.equal(listed.size + leftOut, treeKeys.length);
  });

  it('gives each dict the documented keys of its key path, through arrays and device suffixes', () => {
    const text = plist(`
<key>NSAppTransportSecurity~ipad</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict>
<key>UIApplicationShortcutItems</key><array><dict><key>UIApplicationShortcutItemType</key><string>a</string></dict></array>
<key>NSAppTransportSecurity</key><dict>
  <key>NSExceptionDomains</key><dict>
    <key>example.com</key><dict><key>NSIncludesSubdomains</key><true/></dict>
  </dict>
</dict>
<key>MyAppSetting</key><dict><key>Nested</key><dict><key>Deeper</key><false/></dict></dict>
`);
    const parsed = parsePlist(text);
    const entries = infoPlistEntriesOf(parsed, service.catalog);
    const dicts: Array<{ dict: number; path: readonly string[] }> = [];
    const visit = (node: ValueNode | undefined): void => {
      if (node?.kind === 'dict') {
        dicts.push({ dict: dictElementAt(entries.table, node.offset), path: keyPathOf(node) });
        for (const entry of node.entries) visit(entry.value);
      } else if (node?.kind === 'array') {
        node.items.forEach(visit);
      }
    };
    visit(parsed.root);
    assert.equal(dicts.length, 8);
    for (const { dict, path } of dicts) {
      assert.equal(entries.documentedKeysIn(dict), service.catalog.infoPlistKeysIn(path), path.join(' > '));
    }
    const [, suffixed, shortcut] = dicts;
    assert.equal(entries.documentedKeysIn(suffixed?.dict as number), undefined, 'as written, a suffixed key documents nothing');
    assert.ok(entries.documentedKeysIn(shortcut?.dict as number)?.has('UIApplicationShortcutItemType'), 'an array passes its level to its items');
    const arbitraryLoads = Array.from(entries.keys).findIndex((key) => entries.table.textOf(key) === 'NSAllowsArbitraryLoads');
    assert.equal(entries.catalogEntries.at(arbitraryLoads)?.key, 'NSAllowsArbitraryLoads', 'found under the key without its suffix');
    assert.equal(entries.exactEntries.at(arbitraryLoads), undefined);
  });

  it('is computed once per document and catalog', () => {
    assert.equal(infoPlistEntriesOf(document, service.catalog), list);
  });
});
