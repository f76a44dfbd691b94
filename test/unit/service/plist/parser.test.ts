import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { DerivedKey, type ArrayNode, type DictNode, type PlistDocument, type ScalarNode, type ValueNode } from '../../../../server/src/service/plist/nodes';
import { MAX_NESTING_DEPTH, parsePlist, parsePlistByTokens } from '../../../../server/src/service/plist/parser';
import { toValue } from '../../../../server/src/service/plist/value';
import { parseDifference } from '../../../fuzz/sameParse';
import { keyPathOfElement, PLIST_HEADER, plist, problemTexts, reachableDicts } from '../../helpers';
import { syntaxFlood } from '../../../fuzz/hostileInputs';
import { fastestRunOf } from '../../scaling';

function rootDict(document: PlistDocument): DictNode {
  const root = document.root;
  assert.ok(root?.kind === 'dict', 'the root is a dict');
  return root;
}

function problemsOf(text: string): string[] {
  return problemTexts(text, parsePlist(text).problems);
}

function keysOf(dict: DictNode): string[] {
  return dict.entries.map((entry) => entry.key.text);
}

describe('parsePlist', () => {
  describe('well-formed input', () => {
    const text = plist(`
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
\t<key>com.apple.security.application-groups</key>
\t<array>
\t\t<string>group.com.example</string>
\t</array>
`);

    it('builds the tree with exact offsets and no problems', () => {
      const document = parsePlist(text);
      assert.deepEqual(document.problems, []);
      const dict = rootDict(document);
      assert.equal(dict.offset, text.indexOf('<dict>'));
      assert.equal(dict.end, text.indexOf('</dict>') + '</dict>'.length);
      assert.equal(dict.isClosed, true);
      const [sandbox, groups] = dict.entries;
      assert.ok(sandbox !== undefined && groups !== undefined);
      assert.equal(sandbox.key.offset, text.indexOf('<key>com.apple.security.app-sandbox'));
      assert.equal(text.slice(sandbox.key.textOffset, sandbox.key.textEnd), 'com.apple.security.app-sandbox');
      assert.equal(text.slice(sandbox.key.offset, sandbox.key.end), '<key>com.apple.security.app-sandbox</key>');
      assert.equal(text.slice(sandbox.value?.offset, sandbox.value?.end), '<true/>');
      const item = (groups.value as ArrayNode).items[0] as ScalarNode;
      assert.equal(text.slice(item.textOffset, item.textEnd), 'group.com.example');
      assert.equal(item.parent, groups.value);
      assert.equal(sandbox.key.parent, dict);
    });

    it('records the <plist> element', () => {
      const document = parsePlist(text);
      assert.equal(document.plistElement?.offset, text.indexOf('<plist'));
      assert.equal(document.plistElement?.end, text.lastIndexOf('</plist>') + '</plist>'.length);
    });

    it('reads self-closing containers as empty and closed', () => {
      const emptyRoot = `${PLIST_HEADER}<dict/>\n</plist>\n`;
      const document = parsePlist(emptyRoot);
      assert.deepEqual(document.problems, []);
      assert.deepEqual([rootDict(document).entries.length, rootDict(document).isClosed], [0, true]);

      const emptyArray = plist('<key>a</key><array/>');
      assert.deepEqual(parsePlist(emptyArray).problems, []);
      assert.deepEqual(toValue(parsePlist(emptyArray)), { __proto__: null, a: [] });
    });

    it('accepts a root that is not a dict', () => {
      const document = parsePlist('<plist><array><string>a</string></array></plist>');
      assert.deepEqual(document.problems, []);
      assert.deepEqual(toValue(document), ['a']);
    });
  });

  describe('recovery', () => {
    it('returns no tree and no problem for an empty or blank file', () => {
      for (const text of ['', '  \n\t\n']) {
        const document = parsePlist(text);
        assert.equal(document.root, undefined);
        assert.equal(document.plistElement, undefined);
        assert.deepEqual(document.problems, []);
      }
    });

    it('keeps a half-typed key at the end of the file, with its text and exact offsets', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.`;
      const document = parsePlist(text);
      const [entry] = rootDict(document).entries;
      assert.ok(entry !== undefined);
      assert.equal(entry.key.text, 'com.apple.developer.');
      assert.equal(entry.key.offset, text.indexOf('<key>'));
      assert.equal(entry.key.textOffset, text.indexOf('com.apple'));
      assert.equal(entry.key.textEnd, text.length);
      assert.equal(entry.key.isClosed, false);
      assert.equal(entry.value, undefined);
      assert.equal(rootDict(document).isClosed, false);
      // Missing </key>, </dict> and </plist>: each at its own element, none at the end of the file.
      assert.deepEqual(problemTexts(text, document.problems), ['<plist', '<dict', 'com.apple.developer.']);
      assert.match(document.problems[2]?.message ?? '', /<\/key>/);
    });

    it('closes an unclosed <dict> at the end of its parent and keeps its entries', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>a</key>\n\t<string>x</string>\n</plist>\n`;
      const document = parsePlist(text);
      assert.deepEqual(problemsOf(text), ['<dict']);
      assert.match(document.problems[0]?.message ?? '', /<\/dict>/);
      const dict = rootDict(document);
      assert.equal(dict.isClosed, false);
      assert.equal(dict.end, text.indexOf('</plist>'));
      assert.deepEqual(toValue(document), { __proto__: null, a: 'x' });
    });

    it('ends a key with a missing </key> at its text and still pairs it with its value', () => {
      const text = plist('\n\t<key>a\n\t<string>x</string>\n');
      assert.deepEqual(problemsOf(text), ['a']);
      assert.deepEqual(toValue(parsePlist(text)), { __proto__: null, a: 'x' });
    });

    it('reports a key with no value at the key, before another key and before </dict>', () => {
      const text = plist('\n\t<key>a</key>\n\t<key>b</key>\n\t<true/>\n\t<key>c</key>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['a', 'c']);
      assert.match(document.problems[0]?.message ?? '', /'a'/);
      assert.deepEqual(keysOf(rootDict(document)), ['a', 'b', 'c']);
      assert.deepEqual(toValue(document), { __proto__: null, b: true });
    });

    it('reports a key with empty text and no value at the whole <key> element', () => {
      const text = plist('<key></key>');
      assert.deepEqual(problemsOf(text), ['<key></key>']);
    });

    it('reports a value without a key and keeps going', () => {
      const text = plist('\n\t<string>x</string>\n\t<key>b</key>\n\t<true/>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['<string']);
      assert.deepEqual(toValue(document), { __proto__: null, b: true });
    });

    it('keeps the content of a container that has no key, without adding it to the tree', () => {
      const text = plist('\n\t<dict>\n\t\t<key>x</key>\n\t</dict>\n\t<key>b</key>\n\t<true/>\n');
      assert.deepEqual(problemsOf(text), ['<dict', 'x']);
      assert.deepEqual(toValue(parsePlist(text)), { __proto__: null, b: true });
    });

    it('reports a half-typed tag at exactly what was typed, at the end of the file', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>a</key>\n\t<stri`;
      assert.deepEqual(problemsOf(text), ['<plist', '<dict', 'a', '<stri']);
    });

    it('reports a half-typed tag at exactly what was typed, and parses the tags after it', () => {
      const text = plist('\n\t<key>a</key>\n\t<stri\n\t<key>b</key>\n\t<true/>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['a', '<stri']);
      assert.deepEqual(toValue(document), { __proto__: null, b: true });
    });

    it('keeps a half-typed string value at the end of the file', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>produc`;
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['<plist', '<dict', 'produc']);
      assert.deepEqual(toValue(document), { __proto__: null, 'aps-environment': 'produc' });
    });

    it('accepts an end tag missing its > and reports just that tag', () => {
      const text = plist('\n\t<key>a</key\n\t<true/>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['</key']);
      assert.deepEqual(toValue(document), { __proto__: null, a: true });
    });

    it('reports an unknown element at its name, skips it and parses what follows', () => {
      const text = plist('\n\t<key>a</key>\n\t<bool>yes</bool>\n\t<key>b</key>\n\t<true/>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['a', '<bool']);
      assert.deepEqual(toValue(document), { __proto__: null, b: true });
    });

    it('recovers from a misspelt value tag at its matching end tag', () => {
      const text = plist('\n\t<key>a</key>\n\t<strin>x</string>\n\t<key>b</key>\n\t<true/>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['a', '<strin']);
      assert.deepEqual(keysOf(rootDict(document)), ['a', 'b']);
      assert.equal(rootDict(document).isClosed, true);
    });

    it('reports a stray end tag and leaves the tree alone', () => {
      const text = plist('\n\t<key>a</key>\n\t<true/>\n\t</array>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['</array>']);
      assert.equal(rootDict(document).isClosed, true);
      assert.deepEqual(toValue(document), { __proto__: null, a: true });
    });

    it('closes the containers that a mismatched end tag skips over', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>a</key>\n\t<array>\n\t\t<string>x</string>\n\t</dict>\n</plist>\n`;
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['<array']);
      const dict = rootDict(document);
      const array = dict.entries[0]?.value as ArrayNode;
      assert.deepEqual([dict.isClosed, array.isClosed], [true, false]);
      assert.equal(array.end, text.indexOf('</dict>'));
      assert.deepEqual(toValue(document), { __proto__: null, a: ['x'] });
    });

    it('reports an end tag that matches nothing open, then closes the rest normally', () => {
      const text = plist('\n\t<key>a</key>\n\t<array>\n\t</arry>\n');
      assert.deepEqual(problemsOf(text), ['<array', '</arry>']);
    });

    it('reports a <key> outside a dict', () => {
      const text = plist('\n\t<key>a</key>\n\t<array>\n\t\t<key>x</key>\n\t</array>\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['<key']);
      assert.deepEqual(toValue(document), { __proto__: null, a: [] });
    });

    it('reports content inside <true>', () => {
      const text = plist('<key>a</key><true>yes</true>');
      assert.deepEqual(problemsOf(text), ['yes']);
      assert.deepEqual(toValue(parsePlist(text)), { __proto__: null, a: true });
    });

    it('reports stray text at the text, trimmed', () => {
      const text = plist('\n\thello world\n\t<key>a</key><true/>\n');
      assert.deepEqual(problemsOf(text), ['hello world']);
    });

    it('reports a value outside <plist>, a second root value and a nested <plist>', () => {
      assert.deepEqual(problemsOf('<dict><key>a</key><true/></dict>'), ['<dict']);
      assert.deepEqual(toValue(parsePlist('<dict><key>a</key><true/></dict>')), { __proto__: null, a: true });
      assert.deepEqual(problemsOf('<plist><dict/><array/></plist>'), ['<array']);
      assert.deepEqual(problemsOf('<plist><dict/></plist><dict/>'), ['<dict']);
      assert.deepEqual(problemsOf('<plist><array><plist/></array></plist>'), ['<plist']);
    });

    it('says when a file holds no <plist> at all', () => {
      const document = parsePlist('<?xml version="1.0"?>\n<!-- nothing here -->\n');
      assert.equal(document.problems.length, 1);
      assert.equal(document.problems[0]?.offset, 0);
    });

    it('reports at most one problem per offset', () => {
      // The key is both unclosed and without a value; only the first is worth saying.
      const text = `${PLIST_HEADER}<dict><key>a</dict>\n</plist>\n`;
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['a']);
      assert.match(document.problems[0]?.message ?? '', /<\/key>/);
    });

    it('never throws on any prefix of a document, and keeps every problem inside the text', () => {
      const text = plist(`
\t<key>com.apple.developer.associated-domains</key>
\t<array>
\t\t<string>applinks:example.com?mode=developer&amp;x=1</string>
\t</array>
\t<!-- a comment -->
\t<key>n</key>
\t<integer>42</integer>
\t<key>d</key>
\t<data>aGVsbG8=</data>
`);
      for (let length = 0; length <= text.length; length++) {
        const prefix = text.slice(0, length);
        const document = parsePlist(prefix);
        for (const problem of document.problems) {
          assert.ok(problem.offset >= 0 && problem.offset + problem.length <= prefix.length, `problem out of range for prefix ${length}`);
        }
        const offsets = document.problems.map((problem) => problem.offset);
        assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b), 'problems are sorted by offset');
      }
    });
  });

  describe('text content', () => {
    it('ignores comments inside strings and keys, and takes CDATA literally', () => {
      const text = plist('<key>a<!-- note -->b</key><string>x<!-- c -->y<![CDATA[<z>&amp;]]></string>');
      const document = parsePlist(text);
      assert.deepEqual(document.problems, []);
      assert.deepEqual(toValue(document), { __proto__: null, ab: 'xy<z>&amp;' });
    });

    it('decodes the predefined entities and character references', () => {
      const text = plist('<key>a&amp;b</key><string>&lt;&gt;&quot;&apos;&#65;&#x42;</string>');
      const document = parsePlist(text);
      assert.deepEqual(document.problems, []);
      assert.deepEqual(toValue(document), { __proto__: null, 'a&b': '<>"\'AB' });
      const entry = rootDict(document).entries[0];
      assert.equal(text.slice(entry?.key.textOffset, entry?.key.textEnd), 'a&amp;b');
    });

    it('reports an unknown entity at the entity and leaves it as written', () => {
      const text = plist('<key>a</key><string>x&custom;y</string>');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['&custom;']);
      assert.deepEqual(toValue(document), { __proto__: null, a: 'x&custom;y' });
    });

    it('never resolves an HTML entity or an Object.prototype name, in keys or values', () => {
      const text = plist('<key>&constructor;</key><string>&__proto__;&nbsp;&copy;</string>');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['&constructor;', '&__proto__;', '&nbsp;', '&copy;']);
      assert.deepEqual(toValue(document), { __proto__: null, '&constructor;': '&__proto__;&nbsp;&copy;' });
    });

    it('reports an unescaped & and an unescaped <', () => {
      assert.deepEqual(problemsOf(plist('<key>a</key><string>AT&T</string>')), ['&']);
      assert.deepEqual(problemsOf(plist('<key>a</key><string>a < b</string>')), ['< b']);
    });

    it('does not expand entities declared in a DOCTYPE internal subset (billion laughs), and finishes fast', () => {
      const levels = ['<!ENTITY lol0 "lol">'];
      for (let level = 1; level <= 9; level++) {
        levels.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
      }
      const text = `<?xml version="1.0"?>\n<!DOCTYPE plist [\n${levels.join('\n')}\n]>\n<plist><dict><key>a</key><string>&lol9;</string></dict></plist>\n`;
      const started = performance.now();
      const document = parsePlist(text);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
      assert.deepEqual(problemTexts(text, document.problems), ['&lol9;']);
      assert.deepEqual(toValue(document), { __proto__: null, a: '&lol9;' });
    });
  });

  describe('encodings and line ends', () => {
    it('skips a byte-order mark and keeps offsets into the original text', () => {
      const text = `\ufeff${plist('<key>a</key><true/>')}`;
      const document = parsePlist(text);
      assert.deepEqual(document.problems, []);
      const key = rootDict(document).entries[0]?.key;
      assert.equal(key?.offset, text.indexOf('<key>'));
      assert.equal(key?.textOffset, text.indexOf('a</key>'));
    });

    it('keeps exact offsets with CRLF line ends, and never covers the \\r', () => {
      const text = plist('\r\n\t<key>abc</key>\r\n\t<key>def\r\n\t<string>x</string>\r\n').replace(/(?<!\r)\n/g, '\r\n');
      const document = parsePlist(text);
      assert.deepEqual(problemTexts(text, document.problems), ['abc', 'def']);
      const [first, second] = rootDict(document).entries;
      assert.equal(first?.key.textOffset, text.indexOf('abc'));
      assert.equal(second?.key.textEnd, text.indexOf('def') + 3);
      assert.deepEqual(toValue(document), { __proto__: null, def: 'x' });
    });

    it('ignores C preprocessor lines between elements (INFOPLIST_PREPROCESS)', () => {
      const text = plist('\n#ifdef DEBUG\n\t<key>a</key>\n\t<true/>\n#else\n\t<key>a</key>\n\t<false/>\n#endif\n');
      const document = parsePlist(text);
      assert.deepEqual(document.problems, []);
      assert.deepEqual(keysOf(rootDict(document)), ['a', 'a']);
      assert.deepEqual(problemsOf(plist('\n#ifdef DEBUG\nnot a directive\n')), ['#ifdef DEBUG\nnot a directive']);
    });

    it('gives one clear problem for a binary plist', () => {
      const text = 'bplist00\u00d1\u0001\u0002_\u0010\u001fcom.apple.security.app-sandbox\t\b';
      const document = parsePlist(text);
      assert.equal(document.root, undefined);
      assert.equal(document.problems.length, 1);
      assert.match(document.problems[0]?.message ?? '', /binary/);
      assert.equal(document.problems[0]?.offset, 0);
    });
  });

  describe('UTF-16 and UTF-32 files read as UTF-8', () => {
    const xml = plist('<key>com.apple.security.app-sandbox</key><true/>');
    /** The bytes of `xml` in `encoding`, with or without a byte order mark, decoded as UTF-8 the way the CLI reads a file. */
    function asUtf8(encoding: 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be', hasMark: boolean): string {
      const units = [...(hasMark ? '\ufeff' : ''), ...xml].map((char) => char.codePointAt(0) ?? 0);
      const width = encoding.startsWith('utf16') ? 2 : 4;
      const bytes = Buffer.alloc(units.length * width);
      units.forEach((unit, index) => {
        if (encoding.endsWith('le')) bytes.writeUIntLE(unit, index * width, width);
        else bytes.writeUIntBE(unit, index * width, width);
      });
      return new TextDecoder('utf-8').decode(bytes);
    }

    for (const encoding of ['utf16le', 'utf16be', 'utf32le', 'utf32be'] as const) {
      for (const hasMark of [true, false]) {
        it(`gives one clear problem for ${encoding}${hasMark ? ' with a byte order mark' : ''}`, () => {
          const document = parsePlist(asUtf8(encoding, hasMark));
          assert.equal(document.problems.length, 1, document.problems.map((problem) => problem.message).join(' | '));
          assert.match(document.problems[0]?.message ?? '', encoding.startsWith('utf16') ? /UTF-16/ : /UTF-32/);
          assert.equal(document.problems[0]?.offset, 0);
        });
      }
    }

    it('still reads a UTF-8 file with a byte order mark, and a stray NUL is an ordinary problem', () => {
      assert.deepEqual(parsePlist(`\ufeff${xml}`).problems, []);
      assert.doesNotMatch(parsePlist(xml.replace('<true/>', '<true/>\u0000')).problems[0]?.message ?? '', /UTF-16|UTF-32/);
    });
  });

  describe('scalar values', () => {
    it('accepts the forms Apple writes', () => {
      const text = plist(`
<key>i</key><integer>-42</integer>
<key>h</key><integer>0x1F</integer>
<key>r</key><real>-1.5e3</real>
<key>n</key><real>nan</real>
<key>t</key><date>2024-02-29T12:00:00Z</date>
<key>d</key><data>
\taGVs
\tbG8=
</data>
<key>e</key><string/>
`);
      assert.deepEqual(parsePlist(text).problems, []);
    });

    for (const [kind, content] of [
      ['integer', '12x'],
      ['integer', '1.5'],
      ['real', '1.2.3'],
      ['date', '2024-02-29'],
      ['data', 'not base64!'],
    ] as const) {
      it(`reports an invalid <${kind}> '${content}' at its content`, () => {
        const text = plist(`<key>a</key><${kind}>${content}</${kind}><key>b</key><true/>`);
        const document = parsePlist(text);
        assert.deepEqual(problemTexts(text, document.problems), [content]);
        assert.deepEqual(keysOf(rootDict(document)), ['a', 'b']);
      });
    }

    it('reports an empty <integer> at the element', () => {
      const text = plist('<key>a</key><integer></integer>');
      assert.deepEqual(problemsOf(text), ['<integer></integer>']);
    });
  });

  describe('limits', () => {
    it(`stops at ${MAX_NESTING_DEPTH} levels in a 10,000-deep file, without throwing`, () => {
      const depth = 10_000;
      const text = `<plist>${'<array>'.repeat(depth)}${'</array>'.repeat(depth)}</plist>`;
      const started = performance.now();
      const document = parsePlist(text);
      assert.ok(performance.now() - started < 2000);
      assert.equal(document.problems.length, 1);
      // The first container past the limit is the one reported.
      assert.equal(document.problems[0]?.offset, '<plist>'.length + MAX_NESTING_DEPTH * '<array>'.length);
      assert.match(document.problems[0]?.message ?? '', /[Nn]esting/);
      let levels = 0;
      for (let node: ValueNode | undefined = document.root; node !== undefined; node = node.kind === 'array' ? node.items[0] : undefined) levels++;
      assert.equal(levels, MAX_NESTING_DEPTH + 1);
      assert.doesNotThrow(() => toValue(document));
    });

    it('stops deep dicts the same way', () => {
      const depth = 10_000;
      const text = `<plist>${'<dict><key>k</key>'.repeat(depth)}<true/>${'</dict>'.repeat(depth)}</plist>`;
      const document = parsePlist(text);
      assert.equal(document.problems.length, 1);
      assert.match(document.problems[0]?.message ?? '', /[Nn]esting/);
    });
  });

  describe('entry list', () => {
    /** The same lists made by walking the finished tree from the root, as rules did before the parser kept them. */
    function walked(document: PlistDocument): { keys: string[]; paths: string[]; dicts: number } {
      const keys: string[] = [];
      const paths: string[] = [];
      let dicts = 0;
      const visit = (node: ValueNode, path: readonly string[]): void => {
        if (node.kind === 'dict') {
          dicts++;
          for (const entry of node.entries) {
            keys.push(entry.key.text);
            paths.push(path.join('/'));
            if (entry.value !== undefined) visit(entry.value, [...path, entry.key.text]);
          }
        } else if (node.kind === 'array') {
          for (const item of node.items) visit(item, path);
        }
      };
      if (document.root !== undefined) visit(document.root, []);
      return { keys, paths, dicts };
    }

    function listed(document: PlistDocument): { keys: string[]; paths: string[]; dicts: number } {
      const { table, keys } = document.entryList;
      const dicts = reachableDicts(table);
      for (const key of keys) assert.ok(dicts.includes(table.parent(key)), 'the dict of every entry is listed');
      return { keys: Array.from(keys, (key) => table.textOf(key)), paths: Array.from(keys, (key) => keyPathOfElement(table, table.parent(key)).join('/')), dicts: dicts.length };
    }

    it('lists every reachable entry in source order with its dict path, arrays skipped', () => {
      const document = parsePlist(plist('<key>a</key><dict><key>b</key><array><dict><key>c</key><true/></dict></array><key>d</key><true/></dict><key>e</key><dict/>'));
      assert.deepEqual(listed(document), { keys: ['a', 'b', 'c', 'd', 'e'], paths: ['', 'a', 'a/b', 'a', ''], dicts: 4 });
      assert.deepEqual(listed(document), walked(document));
    });

    it('leaves out what hangs from no root: a value without a key, a second root value', () => {
      const text = `${PLIST_HEADER}<plist version="1.0"><dict><dict><key>lost</key><true/></dict><key>kept</key><true/></dict><dict><key>second</key><true/></dict></plist>`;
      const document = parsePlist(text);
      assert.deepEqual(listed(document).keys, ['kept']);
      assert.deepEqual(listed(document), walked(document));
    });

    it('agrees with a walk of the tree on broken and half-typed files', () => {
      const full = plist('<key>a</key><dict><key>b</key><array><dict><key>c</key><string>x</string></dict><string>y</string></array><key>d</key><dict><key>e</key><integer>1</integer></dict></dict><key>f</key><true/>');
      for (let end = 0; end <= full.length; end += 3) {
        const document = parsePlist(full.slice(0, end));
        assert.deepEqual(listed(document), walked(document), `prefix of ${end} characters`);
      }
    });
  });

  describe('common elements read directly', () => {
    // Each input mixes the elements read straight from the text with the cases left to the token loop; the two
    // readings must agree on every row, list and problem.
    const inputs: Record<string, string> = {
      'a well-formed file': plist('<key>A</key><string>x</string><key>B</key><integer>-12</integer><key>C</key><real>1.5</real><key>D</key><true/><key>E</key><false/><key>F</key><array><string>a</string><dict><key>G</key><string/></dict></array>'),
      'entities in keys and strings': plist('<key>A&amp;B</key><string>x &lt; y</string><key>C</key><string>&bogus;</string><key>&#x41;</key><string>&#65;</string>'),
      'numbers the direct reading leaves to the checks': plist('<key>A</key><integer> 12 </integer><key>B</key><integer>0x1F</integer><key>C</key><real>1e5</real><key>D</key><real>.5</real><key>E</key><integer>1.5</integer><key>F</key><real>abc</real><key>G</key><integer></integer><key>H</key><real>-</real><key>I</key><integer>+</integer><key>J</key><real>1.2.3</real><key>K</key><integer>--1</integer>'),
      'empty keys and strings': plist('<key></key><string></string><key>A</key><string/>'),
      'a key with no value, a value with no key': plist('<key>A</key><key>B</key><string>x</string><string>orphan</string><true/>'),
      'values in the wrong place': '<plist><string>root</string><string>second</string></plist><key>outside</key>',
      'booleans with content or spaces': plist('<key>A</key><true></true><key>B</key><false />'),
      'attributes and spaces in tags': plist('<key >A</key ><string x="1">y</string><dict ><key>B</key><true/></dict >'),
      'comments and CDATA inside text': plist('<key>A<!-- c --></key><string><![CDATA[<x>]]></string><!-- between --><key>B</key><string>y</string>'),
      'missing end tags': plist('<key>A</key><string>unclosed<key>B</key><integer>3</integer><key>C</key><dict><key>D</key><array><string>x</string></dict>'),
      'mismatched end tags': plist('<key>A</key><array><string>x</string></dict></array><key>B</key><true/></dict></array>'),
      'self-closed containers': plist('<key>A</key><dict/><key>B</key><array/>'),
      'unknown elements and text': plist('<key>A</key><foo>bar</foo>text<key>B</key><string>y</string>'),
      'a half-typed tail': plist('<key>A</key><string>x</string><key>B</ke'),
      'nesting past the limit': `<plist>${'<array>'.repeat(MAX_NESTING_DEPTH + 20)}<string>x</string>${'</array>'.repeat(MAX_NESTING_DEPTH + 20)}</plist>`,
      'a byte-order mark and preprocessor lines': `\ufeff${plist('#ifdef DEBUG\n<key>A</key><true/>\n#endif\n<key>B</key><false/>')}`,
    };
    for (const [name, text] of Object.entries(inputs)) {
      it(`agrees with the token loop on ${name}`, () => {
        assert.equal(parseDifference(parsePlist(text), parsePlistByTokens(text)), undefined);
      });
    }

    it('notices a difference (the comparison itself can fail)', () => {
      assert.match(parseDifference(parsePlist(plist('<key>A</key><true/>')), parsePlist(plist('<key>A</key><false/>'))) ?? '', /element/);
    });
  });

  describe('derived answers', () => {
    it('keeps what was derived while its inputs are the same, and derives again when one changes', () => {
      const document = parsePlist(plist('<key>a</key><true/>'));
      const key = new DerivedKey<number>('test');
      const catalog = {};
      const settings = new Set<string>();
      let made = 0;
      const derive = (...inputs: unknown[]) => document.derive(key, inputs, () => ++made);
      assert.equal(derive(catalog, settings), 1);
      assert.equal(derive(catalog, settings), 1, 'same inputs: kept');
      assert.equal(derive(catalog, new Set<string>()), 2, 'an equal but different set is a new input');
      assert.equal(derive(catalog), 3, 'fewer inputs');
      assert.equal(derive({}), 4, 'another catalog');
      assert.equal(parsePlist(plist('<key>a</key><true/>')).derive(key, [catalog], () => 10), 10, 'another document keeps its own');
    });
  });
});

describe('parsePlist on many broken elements', () => {
  it('reads 100,000 broken elements (each a syntax problem, past the reported limit) in about the time of as many well-formed ones', function () {
    this.timeout(120_000);
    // Keys read while rows were still being added once grew their list by one row each time (100,000: 8 s).
    const count = 100_000;
    const wellFormed = `${PLIST_HEADER}<dict>\n${'\t<key>a</key>\n\t<string>nope</string>\n'.repeat(count)}</dict>\n</plist>\n`;
    const brokenTime = fastestRunOf(() => parsePlist(syntaxFlood(count)), 1);
    const wellFormedTime = Math.max(fastestRunOf(() => parsePlist(wellFormed), 1), 1);
    assert.ok(brokenTime < 15 * wellFormedTime, `broken ${brokenTime.toFixed(0)} ms, well-formed ${wellFormedTime.toFixed(0)} ms`);
  });
});
