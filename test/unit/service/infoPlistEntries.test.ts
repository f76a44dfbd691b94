import * as assert from 'node:assert/strict';
import { infoPlistEntriesOf } from '../../../server/src/service/infoPlistEntries';
import { keyPathOf, type KeyNode, type ValueNode } from '../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../server/src/service/plist/parser';
import { KIND_DICT, type PlistTable } from '../../../server/src/service/plist/table';
import { plist, service } from '../helpers';

const TEXT = plist(`
<key>UISupportedInterfaceOrientations~ipad</key><array><string>UIInterfaceOrientationPortrait</string></array>
<key>NSAppTransportSecurity</key><dict>
  <key>NSExceptionDomains</key><dict>
    <key>example.com</key><dict><key>NSIncludesSubdomains</key><true/></dict>
  </dict>
</dict>
<key>MyAppSetting</key><string>x</string>
`);

/** The element of the dict that starts at `offset`. */
function dictElementAt(table: PlistTable, offset: number): number {
  for (let id = 0; id < table.count; id++) if (table.kind(id) === KIND_DICT && table.offset(id) === offset) return id;
  throw new Error(`no dict at ${offset}`);
}

describe('infoPlistEntriesOf', () => {
  const document = parsePlist(TEXT);
  const list = infoPlistEntriesOf(document, service.catalog);

  it('lists every entry in source order with its dict', () => {
    assert.deepEqual(Array.from(list.keys, (key) => list.table.textOf(key)), ['UISupportedInterfaceOrientations~ipad', 'NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomains', 'MyAppSetting']);
  });

  it('looks each key up where it sits, as written and without device suffixes', () => {
    const exact = Array.from({ length: list.exactEntries.length }, (_, index) => list.exactEntries.at(index)?.key);
    const stripped = Array.from({ length: list.catalogEntries.length }, (_, index) => list.catalogEntries.at(index)?.key);
    assert.deepEqual(exact, [undefined, 'NSAppTransportSecurity', 'NSExceptionDomains', undefined, 'NSIncludesSubdomains', undefined]);
    assert.deepEqual(stripped, ['UISupportedInterfaceOrientations', 'NSAppTransportSecurity', 'NSExceptionDomains', undefined, 'NSIncludesSubdomains', undefined]);
  });

  it('agrees with infoPlistEntryAt(keyPathOf(key)) for every entry of the tree', () => {
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
    assert.equal(treeKeys.length, list.keys.length);
    treeKeys.forEach((key, index) => {
      assert.equal(key.offset, list.table.offset(list.keys[index] as number));
      assert.equal(list.exactEntries.at(index), service.catalog.infoPlistEntryAt(keyPathOf(key)));
    });
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
