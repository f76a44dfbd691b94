import * as assert from 'node:assert/strict';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { entryListOf, keyTextRange, topLevelEntries } from '../../../../server/src/service/plist/walk';
import type { DictNode } from '../../../../server/src/service/plist/nodes';
import { plist } from '../../helpers';

describe('walk', () => {
  describe('entryListOf', () => {
    it('lists every entry in source order, through arrays, each with its dict as the key\'s parent', () => {
      const document = parsePlist(plist(`
<key>a</key><dict><key>a1</key><true/><key>a2</key><dict><key>a21</key><true/></dict></dict>
<key>b</key><array><dict><key>b1</key><true/></dict><string>x</string><dict><key>b2</key><true/></dict></array>
<key>c</key><true/>
`));
      const { entries, dictNodes } = entryListOf(document);
      assert.deepEqual(entries.map((entry) => entry.key.text), ['a', 'a1', 'a2', 'a21', 'b', 'b1', 'b2', 'c']);
      for (const entry of entries) assert.ok(dictNodes.includes(entry.key.parent));
    });

    it('lists nothing without a root', () => {
      assert.equal(entryListOf(parsePlist('')).entries.length, 0);
    });

    it('gives each dict its key path, arrays skipped, one array shared by a dict\'s entries', () => {
      const document = parsePlist(plist('<key>a</key><dict><key>a1</key><true/><key>a2</key><true/></dict><key>b</key><array><dict><key>b1</key><true/></dict></array>'));
      const { entries, dictPaths } = entryListOf(document);
      const visited = entries.map((entry, index) => `${(dictPaths[index] as readonly string[]).join('/')}:${entry.key.text}`);
      assert.deepEqual(visited, [':a', 'a:a1', 'a:a2', ':b', 'b:b1']);
      assert.equal(dictPaths[1], dictPaths[2]);
    });

    it('is the list the parser made for the document', () => {
      const document = parsePlist(plist('<key>a</key><true/>'));
      assert.equal(entryListOf(document), entryListOf(document));
      assert.deepEqual(entryListOf(document).entries.map((entry) => entry.key.text), ['a']);
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

  describe('keyTextRange', () => {
    it('covers the key text', () => {
      const text = plist('<key>com.apple.security.app-sandbox</key><true/>');
      const [entry] = (parsePlist(text).root as DictNode).entries;
      assert.ok(entry !== undefined);
      const { offset, length } = keyTextRange(entry);
      assert.equal(text.slice(offset, offset + length), 'com.apple.security.app-sandbox');
    });

    it('covers the whole element when the key is empty', () => {
      const text = plist('<key></key><true/>');
      const [entry] = (parsePlist(text).root as DictNode).entries;
      assert.ok(entry !== undefined);
      const { offset, length } = keyTextRange(entry);
      assert.equal(text.slice(offset, offset + length), '<key></key>');
    });
  });
});
