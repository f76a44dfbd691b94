import * as assert from 'node:assert/strict';
import { decodeText, escapeText } from '../../../../server/src/service/plist/entities';

/** Decodes all of `text` and returns the result with the covered text of each reported problem. */
function decode(text: string, from = 0, to = text.length): { decoded: string; problems: string[] } {
  const problems: string[] = [];
  const decoded = decodeText(text, from, to, (offset, length) => problems.push(text.slice(offset, offset + length)));
  return { decoded, problems };
}

describe('entities', () => {
  describe('decodeText', () => {
    it('returns text without entities unchanged', () => {
      assert.deepEqual(decode('group.com.example'), { decoded: 'group.com.example', problems: [] });
    });

    it('decodes the five predefined entities', () => {
      assert.deepEqual(decode('&amp;&lt;&gt;&quot;&apos;'), { decoded: '&<>"\'', problems: [] });
    });

    it('decodes decimal and hexadecimal character references, including astral ones', () => {
      assert.deepEqual(decode('&#65;&#x42;&#X43;&#x1F600;'), { decoded: 'ABC\u{1F600}', problems: [] });
    });

    it('reports an unknown entity and keeps it as written', () => {
      assert.deepEqual(decode('a&custom;b'), { decoded: 'a&custom;b', problems: ['&custom;'] });
    });

    it('knows only the five XML entities: HTML ones and Object.prototype names are reported and kept', () => {
      for (const name of ['nbsp', 'copy', 'eacute', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
        assert.deepEqual(decode(`a&${name};b`), { decoded: `a&${name};b`, problems: [`&${name};`] }, name);
      }
    });

    it('reports invalid character references', () => {
      for (const reference of ['&#0;', '&#x110000;', '&#;', '&#xZZ;', '&#12a;']) {
        assert.deepEqual(decode(`x${reference}`), { decoded: `x${reference}`, problems: [reference] }, reference);
      }
    });

    it('reports a bare & at the ampersand alone', () => {
      assert.deepEqual(decode('AT&T'), { decoded: 'AT&T', problems: ['&'] });
      assert.deepEqual(decode('a & b; c'), { decoded: 'a & b; c', problems: ['& b;'] });
    });

    it('does not look for a semicolon far away', () => {
      const text = `a&${'x'.repeat(100)};`;
      assert.deepEqual(decode(text).problems, ['&']);
    });

    it('stays inside [from, to)', () => {
      const text = '&amp;x&lt;y&gt;';
      assert.deepEqual(decode(text, 5, 11), { decoded: 'x<y', problems: [] });
      // The semicolon of the last entity lies beyond `to`, so the ampersand is bare.
      assert.deepEqual(decode(text, 0, 14), { decoded: '&x<y&gt', problems: ['&'] });
    });
  });

  describe('escapeText', () => {
    it('escapes &, < and >', () => {
      assert.equal(escapeText('a&b<c>d'), 'a&amp;b&lt;c&gt;d');
    });

    it('round-trips through decodeText', () => {
      for (const value of ['plain', 'a&b', '<tag>', '&amp;', 'x & y < z']) {
        const escaped = escapeText(value);
        assert.deepEqual(decode(escaped), { decoded: value, problems: [] }, value);
      }
    });
  });
});
