import * as assert from 'node:assert/strict';
import type { ArrayNode, DictNode } from '../../../../server/src/service/plist/nodes';
import { entryOf, keyPathOf, nodeAt } from '../../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { treeRootOf, valueViewOf } from '../../../../server/src/service/plist/tree';
import { plist } from '../../helpers';

const TEXT = plist('<key>a</key><dict><key>b</key><array><string>x</string><dict><key>c</key><integer>1</integer></dict></array></dict><key>d</key><true/>');

describe('tree', () => {
  it('is made once: reading a level twice gives the same nodes, with parents that are the nodes above', () => {
    const document = parsePlist(TEXT);
    const root = document.root as DictNode;
    assert.equal(document.root, root);
    const [a] = root.entries;
    assert.ok(a !== undefined);
    assert.equal(root.entries[0], a);
    assert.equal(a.key.parent, root);
    const inner = a.value as DictNode;
    assert.equal(inner.parent, root);
    const array = inner.entries[0]?.value as ArrayNode;
    assert.equal(array.parent, inner);
    assert.equal(array.items[1]?.parent, array);
    assert.equal(array.items, array.items);
  });

  it('serves nodeAt, entryOf and keyPathOf as a tree of objects did', () => {
    const document = parsePlist(TEXT);
    const node = nodeAt(document, TEXT.indexOf('<key>c') + 6);
    assert.ok(node?.kind === 'key');
    assert.equal(node.text, 'c');
    assert.deepEqual(keyPathOf(node), ['a', 'b', 'c']);
    assert.equal(entryOf(node)?.value?.kind, 'integer');
  });

  it('gives no root for an empty or rootless document', () => {
    assert.equal(treeRootOf(parsePlist('').table), undefined);
    assert.equal(parsePlist('<plist></plist>').root, undefined);
  });

  describe('valueViewOf', () => {
    it('views one value outside the tree, with its children and its parents made on demand', () => {
      const document = parsePlist(TEXT);
      const { table } = document;
      const c = document.entryList.keys[2] as number;
      const view = valueViewOf(table, table.valueOf(c));
      assert.ok(view.kind === 'integer');
      assert.equal(view.text, '1');
      assert.equal(TEXT.slice(view.offset, view.end), '<integer>1</integer>');
      const dict = view.parent as DictNode;
      assert.equal(dict.kind, 'dict');
      assert.equal(dict.entries[0]?.key.text, 'c');
      assert.equal(dict.parent?.kind, 'array');
      assert.deepEqual(keyPathOf(view), ['a', 'b', 'c']);
      assert.equal(view.parent, dict, 'a parent is made once per view');
    });

    it('leaves the document\'s tree alone: a view is a new object, equal by offsets', () => {
      const document = parsePlist(TEXT);
      const { table } = document;
      const a = document.entryList.keys[0] as number;
      const view = valueViewOf(table, table.valueOf(a));
      const treeNode = (document.root as DictNode).entries[0]?.value;
      assert.notEqual(view, treeNode);
      assert.equal(view.offset, treeNode?.offset);
      assert.equal(view.end, treeNode?.end);
    });
  });
});
