import * as assert from 'node:assert/strict';
import { parseAsciiPlist, type AsciiPlistValue } from '../../../../server/src/service/project/asciiPlist';
import { assertLinearOverTenfold } from '../../scaling';
import { bracketKey } from '../../hostileInputs';

/** The reader's value as plain JSON data (its dicts have no prototype, which `deepEqual` would compare). */
function read(text: string): unknown {
  const value = parseAsciiPlist(text);
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** How many dicts or arrays deep a value goes along its first child. */
function depthOf(value: AsciiPlistValue | undefined): number {
  let depth = 0;
  for (let current = value; typeof current === 'object'; depth++) {
    current = Array.isArray(current) ? current[0] : Object.values(current)[0];
  }
  return depth;
}

describe('parseAsciiPlist', () => {
  describe('well-formed input', () => {
    it('reads dicts, nested dicts and the `;` after each value', () => {
      assert.deepEqual(read('{ a = b; c = { d = e; }; }'), { a: 'b', c: { d: 'e' } });
    });

    it('reads arrays, with or without a trailing comma, and empty ones', () => {
      assert.deepEqual(read('{ a = (x, y, ); b = (x, y); c = ( ); d = ({ e = f; }, (g)); }'), {
        a: ['x', 'y'],
        b: ['x', 'y'],
        c: [],
        d: [{ e: 'f' }, ['g']],
      });
    });

    it('reads a root that is an array or a single string', () => {
      assert.deepEqual(read('(a, "b c")'), ['a', 'b c']);
      assert.equal(parseAsciiPlist('"just text"'), 'just text');
    });

    it('reads quoted strings with spaces and punctuation verbatim', () => {
      assert.deepEqual(read('{ a = "Scan receipts; then (maybe) = go, {ok}"; }'), { a: 'Scan receipts; then (maybe) = go, {ok}' });
    });

    it('decodes the escapes in quoted strings', () => {
      assert.deepEqual(read(String.raw`{ a = "say \"hi\""; b = "back\\slash"; c = "line\nbreak\ttab"; d = 'single \' quote'; }`), {
        a: 'say "hi"',
        b: 'back\\slash',
        c: 'line\nbreak\ttab',
        d: "single ' quote",
      });
    });

    it('decodes the less common escapes of the format: \\r, \\U with hex digits, octal', () => {
      assert.deepEqual(read(String.raw`{ a = "cr\rlf"; b = "caf\U00e9"; c = "\101\102"; d = "\a\b\f\v"; }`), {
        a: 'cr\rlf',
        b: 'café',
        c: 'AB',
        d: '\x07\b\f\v',
      });
    });

    it('reads bare strings with the characters project files use', () => {
      assert.deepEqual(read('{ path = MyApp/Info.plist; id = com.example.app-1; n = 5.0; v = A1B2_C3; x = a+b:c; }'), {
        path: 'MyApp/Info.plist',
        id: 'com.example.app-1',
        n: '5.0',
        v: 'A1B2_C3',
        x: 'a+b:c',
      });
    });

    it('reads a bare build-setting reference such as $(SRCROOT)/x, and goes on after it', () => {
      assert.deepEqual(read('{ INFOPLIST_FILE = $(SRCROOT)/x; b = c; }'), { INFOPLIST_FILE: '$(SRCROOT)/x', b: 'c' });
      assert.deepEqual(read('{ a = ${PROJECT_DIR}/$(TARGET_NAME).entitlements; b = ($(inherited), x); }'), {
        a: '${PROJECT_DIR}/$(TARGET_NAME).entitlements',
        b: ['$(inherited)', 'x'],
      });
    });

    it('reads a conditional setting name, quoted or bare, as one key', () => {
      assert.deepEqual(read('{ "CODE_SIGN_ENTITLEMENTS[sdk=macosx*]" = a.entitlements; b = c; }'), {
        'CODE_SIGN_ENTITLEMENTS[sdk=macosx*]': 'a.entitlements',
        b: 'c',
      });
      assert.deepEqual(read('{ CODE_SIGN_ENTITLEMENTS[sdk=macosx*] = a.entitlements; INFOPLIST_FILE[sdk=iphoneos*][arch=*]=x; }'), {
        'CODE_SIGN_ENTITLEMENTS[sdk=macosx*]': 'a.entitlements',
        'INFOPLIST_FILE[sdk=iphoneos*][arch=*]': 'x',
      });
    });

    it('ends a bare key at `=` even without spaces', () => {
      assert.deepEqual(read('{a=b;c=(d);}'), { a: 'b', c: ['d'] });
    });

    it('skips block and line comments anywhere, and the UTF-8 marker line', () => {
      const text = '// !$*UTF8*$!\n{\n\t/* Begin */ a /* name */ = /* value */ b /* after */;\n\t// a line comment = x;\n\tc = (d /* one */, /* two */ e);\n}\n';
      assert.deepEqual(read(text), { a: 'b', c: ['d', 'e'] });
    });

    it('keeps comment markers inside quoted strings', () => {
      assert.deepEqual(read('{ a = "x /* not a comment */ // nor this"; }'), { a: 'x /* not a comment */ // nor this' });
    });

    it('reads <data> as its hex text and goes on after it', () => {
      const value = parseAsciiPlist('{ a = <0fbd777f 1c>; b = c; }');
      assert.ok(typeof value === 'object' && !Array.isArray(value));
      assert.equal(typeof value.a === 'string' ? value.a.replace(/\s/g, '') : value.a, '0fbd777f1c');
      assert.equal(value.b, 'c');
    });

    it('treats a later duplicate key as winning', () => {
      assert.deepEqual(read('{ a = 1; a = 2; }'), { a: '2' });
    });

    it('does not let a key named __proto__ change the prototype', () => {
      const value = parseAsciiPlist('{ __proto__ = x; constructor = y; }');
      assert.ok(typeof value === 'object' && !Array.isArray(value));
      assert.equal(value.__proto__, 'x');
      assert.equal(value.constructor, 'y');
    });
  });

  describe('broken input', () => {
    it('returns undefined for empty text, trivia only and garbage', () => {
      for (const text of ['', '   \n', '/* only a comment */', ')))', ';', '=']) {
        assert.equal(parseAsciiPlist(text), undefined, JSON.stringify(text));
      }
    });

    it('returns the entries before a truncation', () => {
      assert.deepEqual(read('{ a = b; c = (d, '), { a: 'b', c: ['d'] });
      assert.deepEqual(read('{ a = b; c = { d = e; f ='), { a: 'b', c: { d: 'e' } });
      assert.deepEqual(read('{ a = b; c = "unterminated'), { a: 'b' });
      assert.deepEqual(read('{ a = b; c = <0fbd'), { a: 'b' });
      assert.deepEqual(read('{ a = b; /* unclosed comment'), { a: 'b' });
    });

    it('returns the entries before a git conflict marker, and never throws', () => {
      const text = '{\n\ta = b;\n<<<<<<< HEAD\n\tc = d;\n=======\n\tc = e;\n>>>>>>> branch\n}\n';
      assert.deepEqual(read(text), { a: 'b' });
    });

    it('returns what it read when a key has no `=`', () => {
      assert.deepEqual(read('{ a = b; c; d = e; }'), { a: 'b' });
    });

    it('never throws on arbitrary bytes', () => {
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const alphabet = '{}()<>=;,"\'\\/*$ \nabcU07[]';
      for (let run = 0; run < 500; run++) {
        let text = '';
        for (let index = 0; index < 40; index++) text += alphabet.charAt(Math.floor(random() * alphabet.length));
        assert.doesNotThrow(() => parseAsciiPlist(text), JSON.stringify(text));
      }
    });

    it('bounds 1,000-deep nesting of dicts and arrays, returning the outer levels', () => {
      const dicts = `${'{ a = '.repeat(1000)}x${' ; }'.repeat(1000)}`;
      const arrays = `${'('.repeat(1000)}x${')'.repeat(1000)}`;
      for (const text of [dicts, arrays]) {
        const value = parseAsciiPlist(text);
        assert.ok(typeof value === 'object', 'the outer levels are returned');
        const depth = depthOf(value);
        assert.ok(depth > 8 && depth < 1000, `depth ${depth}`);
      }
    });

    it('survives much deeper nesting without overflowing the stack', () => {
      assert.doesNotThrow(() => parseAsciiPlist('('.repeat(200_000)));
      assert.doesNotThrow(() => parseAsciiPlist('{a='.repeat(200_000)));
    });
  });

  describe('time linear in the input', () => {

    it('reads a key of 320,000 "=" inside brackets once, not again at each "=", and ten times that in ten times the time', function () {
      this.timeout(60_000);
      const value = parseAsciiPlist(bracketKey(320_000, true));
      assert.ok(typeof value === 'object' && !Array.isArray(value));
      const objects = value.objects;
      assert.ok(typeof objects === 'object' && !Array.isArray(objects));
      assert.deepEqual(Object.values(objects), ['x']);
      assert.equal(Object.keys(objects)[0]?.length, 320_003);
      assertLinearOverTenfold(() => parseAsciiPlist(bracketKey(320_000, true)), () => parseAsciiPlist(bracketKey(3_200_000, true)));
      assertLinearOverTenfold(() => parseAsciiPlist(bracketKey(320_000, false)), () => parseAsciiPlist(bracketKey(3_200_000, false)));
    });

    it('keeps "=" inside brackets that a build-setting reference opens, as before', () => {
      assert.deepEqual(read('{ A$(B[)=C = x; }'), { 'A$(B[)=C': 'x' });
      assert.deepEqual(read('{ A[x]$(B) = y; }'), { 'A[x]$(B)': 'y' });
    });

    it('reads nested unclosed references in time linear in their length', () => {
      const references = (count: number) => `{ a = (${'$('.repeat(count)}); }`;
      assertLinearOverTenfold(() => parseAsciiPlist(references(50_000)), () => parseAsciiPlist(references(500_000)));
    });
  });
});
