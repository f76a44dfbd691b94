import * as assert from 'node:assert/strict';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue, valueOf } from '../../../../server/src/service/plist/value';
import type { DictNode, ValueNode } from '../../../../server/src/service/plist/nodes';
import { PLIST_HEADER, plist } from '../../helpers';

function valueOfText(text: string): unknown {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the test input is well-formed');
  return toValue(document);
}

describe('value', () => {
  it('converts every scalar type', () => {
    const value = valueOfText(plist(`
<key>s</key><string>text &amp; more</string>
<key>yes</key><true/>
<key>no</key><false/>
<key>i</key><integer> -42 </integer>
<key>h</key><integer>0x1F</integer>
<key>r</key><real>2.5e1</real>
<key>t</key><date>2024-02-29T12:00:00Z</date>
<key>d</key><data>
\taGVs
\tbG8=
</data>
`));
    assert.deepEqual(value, {
      __proto__: null,
      s: 'text & more',
      yes: true,
      no: false,
      i: -42,
      h: 31,
      r: 25,
      t: new Date(Date.UTC(2024, 1, 29, 12)),
      d: new Uint8Array(Buffer.from('hello')),
    });
  });

  it('converts nested containers in source order', () => {
    const value = valueOfText(plist('<key>a</key><array><dict><key>b</key><array><integer>1</integer><integer>2</integer></array></dict><string/></array>'));
    assert.deepEqual(value, { __proto__: null, a: [{ __proto__: null, b: [1, 2] }, ''] });
  });

  it('lets a later duplicate key win, as the plist package does', () => {
    assert.deepEqual(valueOfText(plist('<key>a</key><true/><key>a</key><false/>')), { __proto__: null, a: false });
  });

  it('uses objects without a prototype, so keys like __proto__ are plain keys', () => {
    const value = valueOfText(plist('<key>__proto__</key><string>x</string><key>constructor</key><true/>')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), null);
    assert.deepEqual(Object.keys(value), ['__proto__', 'constructor']);
  });

  it('leaves out keys that have no value yet', () => {
    assert.deepEqual(toValue(parsePlist(plist('<key>a</key><key>b</key><true/>'))), { __proto__: null, b: true });
  });

  it('is undefined without a root value', () => {
    assert.equal(toValue(parsePlist('')), undefined);
    assert.equal(toValue(parsePlist(`${PLIST_HEADER}</plist>`)), undefined);
  });

  it('converts one subtree with valueOf', () => {
    const document = parsePlist(plist('<key>a</key><array><string>x</string></array>'));
    const array = (document.root as DictNode).entries[0]?.value as ValueNode;
    assert.deepEqual(valueOf(array), ['x']);
  });

  it('handles the deepest tree the parser builds without recursion', () => {
    const depth = 500;
    const document = parsePlist(`<plist>${'<array>'.repeat(depth)}${'</array>'.repeat(depth)}</plist>`);
    let value = toValue(document);
    let levels = 0;
    while (Array.isArray(value)) {
      levels++;
      value = value[0];
    }
    assert.equal(levels, depth);
  });
});
