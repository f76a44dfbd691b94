import * as assert from 'node:assert/strict';
import { createScanner, createTokenCursor, type Token, type TokenType } from '../../../../server/src/service/plist/scanner';

/** Every token up to and including `eof`. */
function scanAll(text: string): Token[] {
  const scanner = createScanner(text);
  const result: Token[] = [];
  for (;;) {
    const token = scanner.scan();
    result.push(token);
    if (token.type === 'eof') return result;
    assert.ok(result.length <= text.length + 1, 'the scanner makes progress on every call');
  }
}

function tokens(text: string): Array<{ offset: number; type: TokenType }> {
  return scanAll(text).map(({ offset, type }) => ({ offset, type }));
}

describe('scanner', () => {
  it('gives only eof for an empty text', () => {
    assert.deepEqual(tokens(''), [{ offset: 0, type: 'eof' }]);
  });

  it('splits tags and text with their offsets', () => {
    assert.deepEqual(tokens('<key>a</key>\n<true/>'), [
      { offset: 0, type: 'start-tag' },
      { offset: 5, type: 'text' },
      { offset: 6, type: 'end-tag' },
      { offset: 12, type: 'text' },
      { offset: 13, type: 'start-tag' },
      { offset: 20, type: 'eof' },
    ]);
  });

  it('gives tag names, name offsets and self-closing flags', () => {
    const [start, , end, , selfClosing, spaced] = scanAll('<key>a</key> <true/><dict />');
    assert.deepEqual([start?.name, start?.nameOffset, start?.isSelfClosing, start?.end], ['key', 1, false, 5]);
    assert.deepEqual([end?.name, end?.nameOffset, end?.isSelfClosing, end?.end], ['key', 8, false, 12]);
    assert.deepEqual([selfClosing?.name, selfClosing?.isSelfClosing], ['true', true]);
    assert.deepEqual([spaced?.name, spaced?.isSelfClosing], ['dict', true]);
  });

  it('scans the prolog: processing instruction, DOCTYPE, comment and CDATA', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE plist PUBLIC "x" "y"><!-- c --><![CDATA[<a>]]>';
    assert.deepEqual(tokens(text), [
      { offset: 0, type: 'processing-instruction' },
      { offset: 21, type: 'doctype' },
      { offset: 52, type: 'comment' },
      { offset: 62, type: 'cdata' },
      { offset: text.length, type: 'eof' },
    ]);
  });

  it('keeps a DOCTYPE internal subset in one token, even with > inside brackets and quotes', () => {
    const doctype = '<!DOCTYPE lolz [\n <!ENTITY lol "a>b">\n <!ENTITY lol2 \'&lol;]>\'>\n]>';
    const text = `${doctype}<plist/>`;
    const all = scanAll(text);
    assert.deepEqual(all.map(({ offset, type }) => ({ offset, type })), [
      { offset: 0, type: 'doctype' },
      { offset: doctype.length, type: 'start-tag' },
      { offset: text.length, type: 'eof' },
    ]);
    assert.equal(all[0]?.end, doctype.length);
    assert.equal(all[0]?.error, undefined);
  });

  it('does not end a tag at a > inside an attribute value', () => {
    const all = scanAll('<plist version="1>0">x');
    assert.deepEqual(all.map(({ offset, type }) => ({ offset, type })), [
      { offset: 0, type: 'start-tag' },
      { offset: 21, type: 'text' },
      { offset: 22, type: 'eof' },
    ]);
  });

  it('skips a leading byte-order mark without shifting offsets', () => {
    assert.deepEqual(tokens('\ufeff<plist/>'), [
      { offset: 1, type: 'start-tag' },
      { offset: 9, type: 'eof' },
    ]);
  });

  it('counts offsets in UTF-16 code units across CRLF line ends', () => {
    assert.deepEqual(tokens('<key>\u00e9\r\n</key>\r\n<true/>'), [
      { offset: 0, type: 'start-tag' },
      { offset: 5, type: 'text' },
      { offset: 8, type: 'end-tag' },
      { offset: 14, type: 'text' },
      { offset: 16, type: 'start-tag' },
      { offset: 23, type: 'eof' },
    ]);
  });

  it('recognises the plist element names exactly, not their prefixes or extensions', () => {
    const names = scanAll('<key><keys><ke><dict><dicts><data><date><dat><true/><truex/><plist><plistx>').filter((token) => token.type === 'start-tag').map((token) => token.name);
    assert.deepEqual(names, ['key', 'keys', 'ke', 'dict', 'dicts', 'data', 'date', 'dat', 'true', 'truex', 'plist', 'plistx']);
  });

  it('gives the same tokens through the cursor as through scan()', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE x [ <!ENTITY a "b"> ]><plist version="1.0"><dict><key>a &amp; b</key><stri\n<true/><!-- c --><![CDATA[x]]>< </dict';
    const cursor = createTokenCursor(text);
    const viaCursor: Token[] = [];
    for (;;) {
      const type = cursor.advance();
      const token: Token = { type, offset: cursor.offset, end: cursor.end, name: cursor.name, nameOffset: cursor.nameOffset, isSelfClosing: cursor.isSelfClosing };
      viaCursor.push(cursor.error === undefined ? token : { ...token, error: cursor.error });
      if (type === 'eof') break;
    }
    assert.deepEqual(viaCursor, scanAll(text));
  });

  describe('broken input', () => {
    it('stops a half-typed tag at the end of the file and says so', () => {
      const all = scanAll('<key>a</key><stri');
      const halfTyped = all[3];
      assert.deepEqual([halfTyped?.type, halfTyped?.name, halfTyped?.offset, halfTyped?.end], ['start-tag', 'stri', 12, 17]);
      assert.match(halfTyped?.error ?? '', /<stri>/);
    });

    it('stops a half-typed tag before the next tag, so that tag still scans', () => {
      const text = '<stri\n<key>b</key>';
      assert.deepEqual(tokens(text), [
        { offset: 0, type: 'start-tag' },
        { offset: 5, type: 'text' },
        { offset: 6, type: 'start-tag' },
        { offset: 11, type: 'text' },
        { offset: 12, type: 'end-tag' },
        { offset: 18, type: 'eof' },
      ]);
      assert.equal(scanAll(text)[0]?.error !== undefined, true);
    });

    it('reports an unterminated end tag', () => {
      const [endTag] = scanAll('</dict');
      assert.deepEqual([endTag?.type, endTag?.name, endTag?.end], ['end-tag', 'dict', 6]);
      assert.ok(endTag?.error !== undefined);
    });

    for (const [name, text, type] of [
      ['comment', '<!-- never closed', 'comment'],
      ['CDATA section', '<![CDATA[never closed', 'cdata'],
      ['processing instruction', '<?xml never closed', 'processing-instruction'],
      ['declaration', '<!DOCTYPE plist [ <!ENTITY a "b">', 'doctype'],
    ] as const) {
      it(`runs an unterminated ${name} to the end of the file with an error`, () => {
        const all = scanAll(text);
        assert.deepEqual(all.map(({ offset, type: tokenType }) => ({ offset, type: tokenType })), [
          { offset: 0, type },
          { offset: text.length, type: 'eof' },
        ]);
        assert.ok(all[0]?.error !== undefined);
      });
    }

    it('turns a < that starts no markup into text with an error', () => {
      const all = scanAll('a < b<true/>');
      assert.deepEqual(all.map(({ offset, type }) => ({ offset, type })), [
        { offset: 0, type: 'text' },
        { offset: 2, type: 'text' },
        { offset: 5, type: 'start-tag' },
        { offset: 12, type: 'eof' },
      ]);
      assert.equal(all[0]?.error, undefined);
      assert.ok(all[1]?.error !== undefined);
    });

    it('does not take a digit for a tag name', () => {
      const [first] = scanAll('<1>');
      assert.equal(first?.type, 'text');
      assert.ok(first?.error !== undefined);
    });
  });
});
