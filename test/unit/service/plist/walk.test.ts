import * as assert from 'node:assert/strict';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { entryListOf, forEachEntry, forEachEntryWithPath, keyTextRange, topLevelEntries } from '../../../../server/src/service/plist/walk';
import type { DictNode } from '../../../../server/src/service/plist/nodes';
import { plist } from '../../helpers';

describe('walk', () => {
  describe('forEachEntry', () => {
    it('visits every entry in source order, through arrays', () => {
      const document = parsePlist(plist(`
<key>a</key><dict><key>a1</key><true/><key>a2</key><dict><key>a21</key><true/></dict></dict>
<key>b</key><array><dict><key>b1</key><true/></dict><string>x</string><dict><key>b2</key><true/></dict></array>
<key>c</key><true/>
`));
      const visited: string[] = [];
      forEachEntry(document, (entry, dict) => {
        assert.equal(entry.key.parent, dict);
        visited.push(entry.key.text);
      });
      assert.deepEqual(visited, ['a', 'a1', 'a2', 'a21', 'b', 'b1', 'b2', 'c']);
    });

    it('visits nothing without a root', () => {
      let count = 0;
      forEachEntry(parsePlist(''), () => count++);
      assert.equal(count, 0);
    });
  });

  describe('forEachEntryWithPath and entryListOf', () => {
    it('gives each dict its key path, arrays skipped, one array shared by a dict\'s entries', () => {
      const document = parsePlist(plist('<key>a</key><dict><key>a1</key><true/><key>a2</key><true/></dict><key>b</key><array><dict><key>b1</key><true/></dict></array>'));
      const visited: string[] = [];
      const paths = new Map<string, readonly string[]>();
      forEachEntryWithPath(document, (entry, _dict, dictPath) => {
        visited.push(`${dictPath.join('/')}:${entry.key.text}`);
        paths.set(entry.key.text, dictPath);
      });
      assert.deepEqual(visited, [':a', 'a:a1', 'a:a2', ':b', 'b:b1']);
      assert.equal(paths.get('a1'), paths.get('a2'));
    });

    it('builds the list once per document', () => {
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
