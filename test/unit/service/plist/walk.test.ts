import * as assert from 'node:assert/strict';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { elementTextRange, textRange, topLevelEntries } from '../../../../server/src/service/plist/walk';
import type { DictNode } from '../../../../server/src/service/plist/nodes';
import { keyPathOfElement, plist, reachableDicts } from '../../helpers';

describe('walk', () => {
  describe('PlistDocument.entryList', () => {
    const textsOf = (document: ReturnType<typeof parsePlist>) => Array.from(document.entryList.keys, (key) => document.table.textOf(key));

    it('lists every entry in source order, through arrays, each with its dict listed', () => {
      const document = parsePlist(plist(`
<key>a</key><dict><key>a1</key><true/><key>a2</key><dict><key>a21</key><true/></dict></dict>
<key>b</key><array><dict><key>b1</key><true/></dict><string>x</string><dict><key>b2</key><true/></dict></array>
<key>c</key><true/>
`));
      const { table, keys } = document.entryList;
      const dicts = reachableDicts(table);
      assert.deepEqual(textsOf(document), ['a', 'a1', 'a2', 'a21', 'b', 'b1', 'b2', 'c']);
      for (const key of keys) assert.ok(dicts.includes(table.parent(key)));
      assert.equal(dicts.length, 5);
    });

    it('lists nothing without a root', () => {
      assert.equal(parsePlist('').entryList.keys.length, 0);
    });

    it('gives each dict its key path, arrays skipped', () => {
      const document = parsePlist(plist('<key>a</key><dict><key>a1</key><true/><key>a2</key><true/></dict><key>b</key><array><dict><key>b1</key><true/></dict></array>'));
      const { table, keys } = document.entryList;
      const pathOf = (index: number) => keyPathOfElement(table, table.parent(keys[index] as number));
      const visited = Array.from(keys, (key, index) => `${pathOf(index).join('/')}:${table.textOf(key)}`);
      assert.deepEqual(visited, [':a', 'a:a1', 'a:a2', ':b', 'b:b1']);
    });

    it('lists a single entry', () => {
      const document = parsePlist(plist('<key>a</key><true/>'));
      assert.deepEqual(textsOf(document), ['a']);
    });
  });

  describe('elementTextRange', () => {
    it('is textRange of the key without the node, for keys with and without text', () => {
      const text = plist('<key>com.apple.security.app-sandbox</key><true/><key></key><true/><key/><true/>');
      const document = parsePlist(text);
      const { table, keys } = document.entryList;
      const entries = (document.root as DictNode).entries;
      assert.equal(entries.length, 3);
      entries.forEach((entry, index) => assert.deepEqual(elementTextRange(table, keys[index] as number), textRange(entry.key)));
    });

    it('is textRange of the scalar without the node, for scalars with and without text', () => {
      const text = plist('<key>a</key><string>x</string><key>b</key><string/><key>c</key><true/><key>d</key><integer>7</integer>');
      const document = parsePlist(text);
      const { table, keys } = document.entryList;
      const entries = (document.root as DictNode).entries;
      entries.forEach((entry, index) => {
        assert.ok(entry.value !== undefined && entry.value.kind !== 'dict' && entry.value.kind !== 'array');
        assert.deepEqual(elementTextRange(table, table.valueOf(keys[index] as number)), textRange(entry.value));
      });
    });
  });

  describe('topLevelEntries', () => {
    it('gives the root dict entries only', () => {
      const document = parsePlist(plist('<key>a</key><dict><key>inner</key><true/></dict><key>b</key><true/>'));
      assert.deepEqual(topLevelEntries(document).map((entry) => entry.key.text), ['a', 'b']);
    });

    it('gives nothing when the root is not a dict', () => {
      assert.deepEqual(topLevelEntries(parsePlist('<plist><array/></plist>')), []);
      assert.deepEqual(topLevelEntries(parsePlist('')), []);
    });
  });

  describe('textRange', () => {
    it('covers the key text', () => {
      const text = plist('<key>com.apple.security.app-sandbox</key><true/>');
      const [entry] = (parsePlist(text).root as DictNode).entries;
      assert.ok(entry !== undefined);
      const { offset, length } = textRange(entry.key);
      assert.equal(text.slice(offset, offset + length), 'com.apple.security.app-sandbox');
    });

    it('covers the whole element when the key is empty', () => {
      const text = plist('<key></key><true/>');
      const [entry] = (parsePlist(text).root as DictNode).entries;
      assert.ok(entry !== undefined);
      const { offset, length } = textRange(entry.key);
      assert.equal(text.slice(offset, offset + length), '<key></key>');
    });
  });
});
