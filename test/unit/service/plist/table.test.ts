import * as assert from 'node:assert/strict';
import type { PlistNode, ValueNode } from '../../../../server/src/service/plist/nodes';
import { keyPathOf } from '../../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { KIND_ARRAY, KIND_DICT, KIND_FALSE, KIND_INTEGER, KIND_KEY, KIND_STRING, KIND_TRUE, NODE_KIND, type PlistTable } from '../../../../server/src/service/plist/table';
import { keyPathOfElement, plist, reachableDicts } from '../../helpers';

/** Every element of the tree under `root` with its row id, found by walking the rows in parallel. */
function pairs(table: PlistTable, root: ValueNode | undefined): Array<{ id: number; node: PlistNode }> {
  const found: Array<{ id: number; node: PlistNode }> = [];
  const stack: Array<{ id: number; node: ValueNode }> = root === undefined ? [] : [{ id: table.root, node: root }];
  while (stack.length > 0) {
    const { id, node } = stack.pop() as { id: number; node: ValueNode };
    found.push({ id, node });
    if (node.kind === 'dict') {
      let key = table.firstChild(id);
      for (const entry of node.entries) {
        found.push({ id: key, node: entry.key });
        const value = table.valueOf(key);
        assert.equal(value < 0, entry.value === undefined);
        if (entry.value !== undefined) stack.push({ id: value, node: entry.value });
        key = table.nextSibling(key);
      }
      assert.equal(key, -1, 'as many key rows as entries');
    } else if (node.kind === 'array') {
      let item = table.firstChild(id);
      for (const child of node.items) {
        stack.push({ id: item, node: child });
        item = table.nextSibling(item);
      }
      assert.equal(item, -1, 'as many item rows as items');
    }
  }
  return found;
}

describe('PlistTable', () => {
  const text = plist(`
<key>a &amp; b</key><dict><key>n</key><integer>7</integer><key>s</key><string>x&lt;y</string></dict>
<key>list</key><array><true/><false/><string/><string><![CDATA[<raw>]]></string></array>
<key>pending</key>
`);
  const document = parsePlist(text);
  const table = document.table;

  it('has one row per element, in start-tag order, that agrees with the tree on kind, offsets, text and state', () => {
    const found = pairs(table, document.root);
    assert.equal(found.length, table.count);
    assert.deepEqual(found.map(({ id }) => id).sort((a, b) => a - b), [...Array(table.count).keys()]);
    for (let id = 1; id < table.count; id++) assert.ok(table.offset(id) > table.offset(id - 1), 'start-tag order');
    for (const { id, node } of found) {
      assert.equal(NODE_KIND[table.kind(id)], node.kind);
      assert.equal(table.offset(id), node.offset);
      assert.equal(table.end(id), node.end);
      assert.equal(table.isClosed(id), node.isClosed);
      if (node.kind !== 'dict' && node.kind !== 'array') {
        assert.equal(table.textOf(id), node.text);
        assert.equal(table.textOffset(id), node.textOffset);
        assert.equal(table.textEnd(id), node.textEnd);
      }
    }
  });

  it('decodes entities and CDATA, and reads booleans and empty strings', () => {
    const texts = [...Array(table.count).keys()].map((id) => [table.kind(id), table.textOf(id)]);
    assert.deepEqual(texts, [
      [KIND_DICT, ''],
      [KIND_KEY, 'a & b'],
      [KIND_DICT, ''],
      [KIND_KEY, 'n'],
      [KIND_INTEGER, '7'],
      [KIND_KEY, 's'],
      [KIND_STRING, 'x<y'],
      [KIND_KEY, 'list'],
      [KIND_ARRAY, ''],
      [KIND_TRUE, 'true'],
      [KIND_FALSE, 'false'],
      [KIND_STRING, ''],
      [KIND_STRING, '<raw>'],
      [KIND_KEY, 'pending'],
    ]);
  });

  it('keeps a key\'s text as source text when it has no entity, CDATA or comment, and gives the same string on every read', () => {
    const keys = [...Array(table.count).keys()].filter((id) => table.kind(id) === KIND_KEY);
    assert.deepEqual(keys.map((id) => [table.textOf(id), table.isSourceText(id)]), [['a & b', false], ['n', true], ['s', true], ['list', true], ['pending', true]]);
    const fresh = parsePlist(plist('<key>ExampleSettingName</key><true/><key>a<!-- c -->b</key><true/><key/><true/>')).table;
    const freshKeys = [...Array(fresh.count).keys()].filter((id) => fresh.kind(id) === KIND_KEY);
    assert.deepEqual(freshKeys.map((id) => fresh.isSourceText(id)), [true, false, true]);
    assert.deepEqual(freshKeys.map((id) => fresh.textOf(id)), ['ExampleSettingName', 'ab', '']);
    for (const id of freshKeys) assert.equal(fresh.textOf(id), fresh.textOf(id));
  });

  it('compares the texts of keys, in the source or as decoded', () => {
    const source = plist(`
<key>Name</key><true/><key>Name</key><true/><key>Nama</key><true/><key>Names</key><true/>
<key>N&#97;me</key><true/><key><![CDATA[Name]]></key><true/><key>a &amp; b</key><true/><key>a &amp; c</key><true/><key></key><true/><key/><true/>`);
    const parsed = parsePlist(source).table;
    const keys = [...Array(parsed.count).keys()].filter((id) => parsed.kind(id) === KIND_KEY);
    for (const first of keys) {
      for (const second of keys) {
        assert.equal(parsed.sameText(first, second), parsed.textOf(first) === parsed.textOf(second), `${parsed.textOf(first)} / ${parsed.textOf(second)}`);
      }
    }
    const [name, again, nama, names, escaped, cdata] = keys as [number, number, number, number, number, number];
    assert.ok(parsed.sameText(name, again) && parsed.sameText(name, escaped) && parsed.sameText(cdata, name));
    assert.ok(!parsed.sameText(name, nama) && !parsed.sameText(name, names));
  });

  it('tells whether a key\'s text is a given string or holds a character, reading source-text keys where they sit', () => {
    const source = plist(`
<key>Name</key><true/><key>Nam~e</key><true/><key>N&#97;me</key><true/><key><![CDATA[Na~me]]></key><true/><key>a &amp; b</key><true/><key></key><true/><key/><true/>`);
    // Asked of a fresh table before any key is read as a string, and checked against the decoded texts of another.
    const parsed = parsePlist(source).table;
    const decoded = parsePlist(source).table;
    const keys = [...Array(parsed.count).keys()].filter((id) => parsed.kind(id) === KIND_KEY);
    const texts = ['Name', 'Nam~e', 'Nama', 'Names', 'Nam', 'Na~me', 'a & b', 'a &amp; b', ''];
    for (const id of keys) {
      for (const text of texts) assert.equal(parsed.hasText(id, text), decoded.textOf(id) === text, `${decoded.textOf(id)} / ${text}`);
      for (const character of ['~', '&', 'N']) {
        assert.equal(parsed.textHasCharacter(id, character.charCodeAt(0)), decoded.textOf(id).includes(character), `${decoded.textOf(id)} has ${character}`);
      }
    }
    assert.deepEqual(keys.map((id) => parsed.isSourceText(id)), [true, true, false, false, false, true, true]);
  });

  it('adopts an equal string as a key\'s text, and refuses a different one', () => {
    const source = plist('<key>Name</key><true/><key>N&#97;me</key><true/><key>Name</key><true/><key>Other</key><true/>');
    const parsed = parsePlist(source).table;
    const [plain, escaped, again, other] = [...Array(parsed.count).keys()].filter((id) => parsed.kind(id) === KIND_KEY) as [number, number, number, number];
    assert.equal(parsed.adoptText(other, 'Name'), false);
    assert.equal(parsed.adoptText(plain, 'Names'), false);
    assert.equal(parsed.adoptText(plain, 'Name'), true);
    assert.equal(parsed.adoptText(escaped, 'Name'), true, 'a decoded key is compared by its text');
    assert.equal(parsed.adoptText(again, 'Nam'), false);
    assert.deepEqual([plain, escaped, again, other].map((id) => parsed.textOf(id)), ['Name', 'Name', 'Name', 'Other']);
    assert.equal(parsed.adoptText(plain, 'Other'), false, 'a key read once keeps its text');
  });

  it('links keys and values both ways, and items to their array', () => {
    const [, outerKey, inner, innerKey, innerValue] = [0, 1, 2, 3, 4];
    assert.equal(table.valueOf(outerKey), inner);
    assert.equal(table.keyOf(inner), outerKey);
    assert.equal(table.parent(inner), table.root);
    assert.equal(table.parent(innerKey), inner);
    assert.equal(table.parent(innerValue), inner);
    assert.equal(table.valueOf(13), -1, 'a key still waiting for its value');
    assert.equal(table.keyOf(9), -1, 'array items have no key');
    assert.equal(table.parent(9), 8);
    assert.equal(table.valueOf(4), -1, 'only keys have values');
  });

  it('finds children, siblings and values past what hangs from nothing, in broken files', () => {
    // Elements by id: 0 root dict, 1 orphan string (no key yet), 2 key a, 3 its dict, 4 key b (no value), 5 key c,
    // 6 its array, 7 item, 8 orphan string after the array's value, 9 key d, 10 its unclosed dict, 11 key e.
    const broken = parsePlist(plist('<string>orphan</string><key>a</key><dict><key>b</key></dict><key>c</key><array><string>x</string></array><string>orphan 2</string><key>d</key><dict><key>e</key>'));
    const rows = broken.table;
    const texts = [...Array(rows.count).keys()].map((id) => `${NODE_KIND[rows.kind(id)]}:${rows.textOf(id)}`);
    assert.deepEqual(texts, ['dict:', 'string:orphan', 'key:a', 'dict:', 'key:b', 'key:c', 'array:', 'string:x', 'string:orphan 2', 'key:d', 'dict:', 'key:e']);
    assert.equal(rows.firstChild(0), 2, 'the orphan before the first key is skipped');
    assert.deepEqual([rows.nextSibling(2), rows.nextSibling(5), rows.nextSibling(9)], [5, 9, -1], 'values and orphans are skipped with what they hold');
    assert.deepEqual([rows.valueOf(2), rows.valueOf(4), rows.valueOf(5), rows.valueOf(9), rows.valueOf(11)], [3, -1, 6, 10, -1]);
    assert.deepEqual([rows.keyOf(3), rows.keyOf(6), rows.keyOf(10), rows.keyOf(1), rows.keyOf(8), rows.keyOf(7)], [2, 5, 9, -1, -1, -1]);
    assert.deepEqual([rows.parent(1), rows.parent(8)], [-1, -1], 'values with no key hang from nothing');
    assert.deepEqual([rows.firstChild(3), rows.firstChild(6), rows.firstChild(10), rows.nextSibling(7)], [4, 7, 11, -1]);
    assert.deepEqual([rows.nextSibling(3), rows.nextSibling(0), rows.nextSibling(1)], [-1, -1, -1], 'a value, the root and an orphan have no siblings');
    assert.deepEqual([rows.firstChild(2), rows.firstChild(7)], [-1, -1], 'keys and scalars have no children');
  });

  it('links each container to the key above it, so its key path is as keyPathOf gives, arrays skipped', () => {
    const document = parsePlist(plist('<key>a</key><dict><key>b</key><array><dict><key>c</key><true/></dict></array></dict>'));
    const { table } = document;
    const keys = document.entryList.keys;
    const c = keys[2] as number;
    assert.deepEqual(keyPathOfElement(table, table.parent(c)), ['a', 'b']);
    assert.deepEqual(keyPathOfElement(table, table.root), []);
    assert.deepEqual(keyPathOfElement(table, -1), []);
    const root = document.root;
    assert.ok(root?.kind === 'dict');
    const innerDict = ((root.entries[0]?.value as { entries: Array<{ value: { items: ValueNode[] } }> }).entries[0]?.value.items[0]) as ValueNode;
    assert.deepEqual(keyPathOfElement(table, table.parent(c)), keyPathOf(innerDict));
  });

  it('links containers at the parser\'s depth bound', () => {
    const depth = 500;
    const text = plist(`${'<key>k</key><dict>'.repeat(depth)}<key>leaf</key><true/>${'</dict>'.repeat(depth)}`);
    const document = parsePlist(text);
    const keys = document.entryList.keys;
    const leaf = keys[keys.length - 1] as number;
    assert.equal(document.table.textOf(leaf), 'leaf');
    assert.equal(keyPathOfElement(document.table, document.table.parent(leaf)).length, depth);
  });

  it('keeps its rows when later parses reuse the scratch space and share slabs', () => {
    // Small tables share slabs and every parse writes into one scratch buffer: a table must own its rows once sealed.
    const small = Array.from({ length: 3000 }, (_, index) => plist(`<key>k${index}</key><string>v${index}</string>`));
    const large = Array.from({ length: 2 }, (_, round) => plist(Array.from({ length: 4000 }, (_, index) => `<key>r${round}k${index}</key><integer>${index}</integer>`).join('')));
    const documents = [...small, ...large].map((text) => ({ text, document: parsePlist(text) }));
    for (const { text, document } of documents) {
      const { table } = document;
      const keys = document.entryList.keys;
      // The entry keys are written into scratch space too, and must be the table's own as well.
      assert.equal(keys.length, (text.match(/<key>/g) ?? []).length);
      assert.deepEqual(reachableDicts(table), [table.root]);
      for (const key of keys) {
        assert.equal(text.slice(table.textOffset(key), table.textEnd(key)), table.textOf(key));
        const value = table.valueOf(key);
        assert.equal(NODE_KIND[table.kind(value)], text.startsWith('<string>', table.offset(value)) ? 'string' : 'integer');
        assert.equal(table.parent(value), table.root);
      }
    }
    assert.equal(documents[3000]?.document.table.textOf(documents[3000]?.document.entryList.keys[3999] as number), 'r0k3999');
  });

  it('reads the same after a huge parse gave its scratch space back', () => {
    const huge = plist(Array.from({ length: 60_000 }, (_, index) => `<key>h${index}</key><true/>`).join(''));
    const first = parsePlist(huge);
    const second = parsePlist(huge);
    for (const document of [first, second]) {
      assert.equal(document.table.count, 120_001);
      assert.equal(document.table.textOf(document.entryList.keys[59_999] as number), 'h59999');
      assert.equal(NODE_KIND[document.table.kind(document.table.valueOf(document.entryList.keys[59_999] as number))], 'boolean');
    }
  });

  it('grows past its first guess of the element count', () => {
    const text = plist(Array.from({ length: 3000 }, (_, index) => `<key>k${index}</key><true/>`).join(''));
    const document = parsePlist(text);
    assert.equal(document.table.count, 6001);
    assert.equal(document.table.textOf(document.entryList.keys[2999] as number), 'k2999');
  });
});
