import * as assert from 'node:assert/strict';
import { entryOf, isContainer, keyPathOf, nodeAt, type ArrayNode, type DictNode, type PlistNode } from '../../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { PLIST_HEADER, plist, withCursor } from '../../helpers';

/** The node at the `$0` marker, described by its kind and source text. */
function nodeAtCursor(textWithCursor: string): { kind: string; source: string } | undefined {
  const { text, offset } = withCursor(textWithCursor);
  const node = nodeAt(parsePlist(text), offset);
  return node === undefined ? undefined : { kind: node.kind, source: text.slice(node.offset, node.end) };
}

const ATS = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSExceptionDomains</key>
\t\t<dict>
\t\t\t<key>example.com</key>
\t\t\t<dict>
\t\t\t\t<key>NSIncludesSubdomains</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t</dict>
\t</dict>
\t<key>UIBackgroundModes</key>
\t<array>
\t\t<string>audio</string>
\t</array>
`);

describe('nodes', () => {
  describe('nodeAt', () => {
    it('finds a key from its first to just past its last character', () => {
      assert.deepEqual(nodeAtCursor(plist('<key>$0a</key><true/>')), { kind: 'key', source: '<key>a</key>' });
      assert.deepEqual(nodeAtCursor(plist('<key>a</key>$0<true/>')), { kind: 'key', source: '<key>a</key>' });
      assert.deepEqual(nodeAtCursor(plist('$0<key>a</key><true/>')), { kind: 'key', source: '<key>a</key>' });
    });

    it('finds a scalar value, and an item inside an array', () => {
      assert.deepEqual(nodeAtCursor(plist('<key>a</key> <tr$0ue/>')), { kind: 'boolean', source: '<true/>' });
      assert.deepEqual(nodeAtCursor(plist('<key>a</key><array><string>x</string><string>y$0</string></array>')), { kind: 'string', source: '<string>y</string>' });
    });

    it('finds the innermost container when the offset is between children', () => {
      assert.deepEqual(nodeAtCursor(plist('<key>a</key><array> $0 </array>')), { kind: 'array', source: '<array>  </array>' });
      assert.equal(nodeAtCursor(plist('<key>a</key><true/> $0 <key>b</key><true/>'))?.kind, 'dict');
    });

    it('finds nothing outside the root value or without one', () => {
      assert.equal(nodeAtCursor(`${PLIST_HEADER}$0<dict/></plist>`)?.kind, 'dict');
      assert.equal(nodeAtCursor(`<?xml version="1.0"?>$0\n${PLIST_HEADER}<dict/></plist>`), undefined);
      assert.equal(nodeAtCursor('$0'), undefined);
    });

    it('finds the key being typed at the end of a half-typed file', () => {
      assert.deepEqual(nodeAtCursor(`${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.$0`), { kind: 'key', source: '<key>com.apple.developer.' });
    });

    it('prefers the earlier of two touching elements, as a scan from the first would', () => {
      assert.deepEqual(nodeAtCursor(plist('<key>a</key><string>x</string>$0<key>b</key><true/>')), { kind: 'string', source: '<string>x</string>' });
      assert.deepEqual(nodeAtCursor(plist('<key>a</key>$0<key>b</key><true/>')), { kind: 'key', source: '<key>a</key>' });
      assert.deepEqual(nodeAtCursor(plist('<key>a</key><array><true/>$0<false/></array>')), { kind: 'boolean', source: '<true/>' });
    });

    it('finds the last of 10,000 keys', () => {
      const body = Array.from({ length: 10_000 }, (_, index) => `<key>k${index}</key><true/>`).join('');
      assert.deepEqual(nodeAtCursor(plist(`${body}<key>la$0st</key><true/>`)), { kind: 'key', source: '<key>last</key>' });
    });

    it('walks down deeply nested dicts', () => {
      assert.deepEqual(nodeAtCursor(ATS.replace('NSIncludesSubdomains', 'NSIncludes$0Subdomains')), { kind: 'key', source: '<key>NSIncludesSubdomains</key>' });
    });
  });

  describe('keyPathOf', () => {
    const document = parsePlist(ATS);
    const at = (needle: string): PlistNode => {
      const node = nodeAt(document, ATS.indexOf(needle) + 1);
      assert.ok(node !== undefined, needle);
      return node;
    };

    it('lists the keys from the root down to a key', () => {
      assert.deepEqual(keyPathOf(at('NSIncludesSubdomains')), ['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomains']);
      assert.deepEqual(keyPathOf(at('UIBackgroundModes')), ['UIBackgroundModes']);
    });

    it('lists the keys down to a value, skipping array levels', () => {
      assert.deepEqual(keyPathOf(at('<true/>')), ['NSAppTransportSecurity', 'NSExceptionDomains', 'example.com', 'NSIncludesSubdomains']);
      assert.deepEqual(keyPathOf(at('<string>audio')), ['UIBackgroundModes']);
    });

    it('is empty for the root', () => {
      assert.deepEqual(keyPathOf(document.root as DictNode), []);
    });
  });

  describe('entryOf and isContainer', () => {
    const parseOneArray = () => {
      const document = parsePlist(plist('<key>a</key><array><string>x</string></array>'));
      const root = document.root as DictNode;
      const entry = root.entries[0];
      assert.ok(entry !== undefined);
      return { root, entry, array: entry.value as ArrayNode };
    };

    it('finds the entry of a key and of its value', () => {
      const { entry, array } = parseOneArray();
      assert.equal(entryOf(entry.key), entry);
      assert.equal(entryOf(array), entry);
    });

    it('finds no entry for an array item or the root', () => {
      const { root, array } = parseOneArray();
      assert.equal(entryOf(array.items[0] as PlistNode), undefined);
      assert.equal(entryOf(root), undefined);
    });

    it('tells containers from keys and scalars', () => {
      const { root, entry, array } = parseOneArray();
      assert.deepEqual([isContainer(root), isContainer(array), isContainer(entry.key), isContainer(array.items[0] as PlistNode)], [true, true, false, false]);
    });
  });
});
