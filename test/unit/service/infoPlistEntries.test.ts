import * as assert from 'node:assert/strict';
import { infoPlistEntriesOf } from '../../../server/src/service/infoPlistEntries';
import { keyPathOf, type KeyNode, type ValueNode } from '../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../server/src/service/plist/parser';
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

describe('infoPlistEntriesOf', () => {
  const document = parsePlist(TEXT);
  const list = infoPlistEntriesOf(document, service.catalog);

  it('lists every entry in source order with its dict', () => {
    assert.deepEqual(list.keys.map((key) => list.table.textOf(key)), ['UISupportedInterfaceOrientations~ipad', 'NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomains', 'MyAppSetting']);
  });

  it('looks each key up where it sits, as written and without device suffixes', () => {
    const exact = list.exactEntries.map((entry) => entry?.key);
    const stripped = list.catalogEntries.map((entry) => entry?.key);
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
      assert.equal(list.exactEntries[index], service.catalog.infoPlistEntryAt(keyPathOf(key)));
    });
  });

  it('is computed once per document and catalog', () => {
    assert.equal(infoPlistEntriesOf(document, service.catalog), list);
  });
});
