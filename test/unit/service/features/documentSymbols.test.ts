import * as assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { MAX_DOCUMENT_SYMBOLS } from '../../../../server/src/service/features/documentSymbols';
import { PLIST_HEADER, coveredText, plist, service, textDocument } from '../../helpers';
import { assertLinearOverTenfold } from '../../scaling';

function symbolsOf(text: string): DocumentSymbol[] {
  return service.documentSymbols(textDocument(text), service.parse(text));
}

const KIND_NAMES = new Map<number, string>(Object.entries(SymbolKind).map(([name, kind]) => [kind, name]));

/** Each symbol as `name: kind detail`, children indented: the shape the Outline shows. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [`${'  '.repeat(depth)}${symbol.name}: ${KIND_NAMES.get(symbol.kind) ?? symbol.kind} ${symbol.detail ?? ''}`, ...outline(symbol.children ?? [], depth + 1)]);
}

describe('document symbols', () => {
  const text = plist(`
\t<key>CFBundleName</key>
\t<string>My App</string>
\t<key>LSRequiresIPhoneOS</key>
\t<true/>
\t<key>CFBundleURLTypes</key>
\t<array>
\t\t<dict>
\t\t\t<key>CFBundleURLSchemes</key>
\t\t\t<array>
\t\t\t\t<string>myapp</string>
\t\t\t</array>
\t\t</dict>
\t</array>
\t<key>UIDeviceFamily</key>
\t<array>
\t\t<integer>1</integer>
\t</array>
\t<key>Scale</key>
\t<real>2.5</real>
\t<key>Built</key>
\t<date>2024-01-02T03:04:05Z</date>
\t<key>Icon</key>
\t<data>AAECAw==</data>
`);

  it('shows the plist as a tree of keys with their type and a short value', () => {
    assert.deepEqual(outline(symbolsOf(text)), [
      'CFBundleName: String My App',
      'LSRequiresIPhoneOS: Boolean true',
      'CFBundleURLTypes: Array Array (1 item)',
      '  Item 0: Object Dictionary (1 item)',
      '    CFBundleURLSchemes: Array Array (1 item)',
      '      Item 0: String myapp',
      'UIDeviceFamily: Array Array (1 item)',
      '  Item 0: Number 1',
      'Scale: Number 2.5',
      'Built: Constant 2024-01-02T03:04:05Z',
      'Icon: Constant Data (4 bytes)',
    ]);
  });

  it('selects the key text and spans the key and its value', () => {
    const [first] = symbolsOf(text);
    assert.ok(first !== undefined);
    assert.equal(coveredText(text, { range: first.selectionRange }), 'CFBundleName');
    assert.equal(coveredText(text, { range: first.range }), '<key>CFBundleName</key>\n\t<string>My App</string>');
  });

  it('keeps every selection range inside its range', () => {
    const document = textDocument(text);
    const work = [...symbolsOf(text)];
    for (let symbol = work.pop(); symbol !== undefined; symbol = work.pop()) {
      const [start, end] = [document.offsetAt(symbol.range.start), document.offsetAt(symbol.range.end)];
      const [selectionStart, selectionEnd] = [document.offsetAt(symbol.selectionRange.start), document.offsetAt(symbol.selectionRange.end)];
      assert.ok(start <= selectionStart && selectionEnd <= end, symbol.name);
      work.push(...(symbol.children ?? []));
    }
  });

  it('shortens long and multi-line strings to one line', () => {
    const [symbol] = symbolsOf(plist(`<key>NSCameraUsageDescription</key><string>${'word '.repeat(30)}\nsecond line</string>`));
    assert.equal(symbol?.detail?.length, 60);
    assert.ok(symbol?.detail?.endsWith('…'));
    assert.ok(!symbol?.detail?.includes('\n'));
  });

  it('names an empty key and shows a key still waiting for its value', () => {
    assert.deepEqual(outline(symbolsOf(plist('<key></key><string></string><key>Typing</key>'))), ['(empty key): String String (empty)', 'Typing: Key no value']);
  });

  it('lists the items of an array root, and a scalar root as one symbol', () => {
    assert.deepEqual(outline(symbolsOf(`${PLIST_HEADER}<array><string>a</string><false/></array></plist>`)), ['Item 0: String a', 'Item 1: Boolean false']);
    assert.deepEqual(outline(symbolsOf(`${PLIST_HEADER}<string>only</string></plist>`)), ['Root: String only']);
  });

  it('gives nothing for a document without a root', () => {
    assert.deepEqual(symbolsOf(''), []);
    assert.deepEqual(symbolsOf(PLIST_HEADER), []);
  });

  it('still gives the tree of a half-typed document', () => {
    assert.deepEqual(outline(symbolsOf(`${PLIST_HEADER}<dict>\n\t<key>A</key>\n\t<dict>\n\t\t<key>B</key>\n\t\t<string>x`)), ['A: Object Dictionary (1 item)', '  B: String x']);
  });

  describe('bounded on large files', () => {
    /** Every symbol in the tree, children included. */
    function countOf(symbols: readonly DocumentSymbol[]): number {
      let count = 0;
      const work = [...symbols];
      for (let symbol = work.pop(); symbol !== undefined; symbol = work.pop()) {
        count++;
        for (const child of symbol.children ?? []) work.push(child);
      }
      return count;
    }

    const arrayOf = (count: number, item: string) => `${PLIST_HEADER}<array>\n${item.repeat(count)}</array>\n</plist>\n`;

    it(`answers at most ${MAX_DOCUMENT_SYMBOLS} symbols for a 14 MB array of 2 million items, in time linear in the file`, function () {
      this.timeout(60_000);
      const large = arrayOf(2_000_000, '<true/>');
      const small = arrayOf(200_000, '<true/>');
      const [largeParse, smallParse] = [service.parse(large), service.parse(small)];
      const symbols = symbolsOf(large);
      assert.equal(countOf(symbols), MAX_DOCUMENT_SYMBOLS);
      assert.equal(symbols[0]?.name, 'Item 0');
      assertLinearOverTenfold(() => service.documentSymbols(textDocument(small), smallParse), () => service.documentSymbols(textDocument(large), largeParse), { runs: 1 });
    });

    it('keeps the levels nearest the root when it leaves symbols out', () => {
      const nested = `<dict><key>inner</key><array>${'<true/>'.repeat(10)}</array></dict>`;
      const symbols = symbolsOf(arrayOf(MAX_DOCUMENT_SYMBOLS + 10, nested));
      assert.equal(symbols.length, MAX_DOCUMENT_SYMBOLS);
      assert.equal(countOf(symbols), MAX_DOCUMENT_SYMBOLS);
    });
  });
});
