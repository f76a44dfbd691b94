import * as assert from 'node:assert/strict';
import type { FoldingRange } from 'vscode-languageserver-types';
import { MAX_FOLDING_RANGES } from '../../../../server/src/service/features/folding';
import { PLIST_HEADER, service, textDocument } from '../../helpers';
import { assertLinearOverTenfold } from '../../scaling';

/** Each range as `start-end` (zero-based lines), with its kind when it has one. */
function foldsOf(text: string): string[] {
  return service.foldingRanges(textDocument(text), service.parse(text)).map((range: FoldingRange) => `${range.startLine}-${range.endLine}${range.kind === undefined ? '' : ` ${range.kind}`}`);
}

describe('folding ranges', () => {
  it('folds dicts and arrays, leaving the closing tag visible', () => {
    const text = `${PLIST_HEADER}<dict>
\t<key>A</key>
\t<array>
\t\t<string>x</string>
\t</array>
</dict>
</plist>
`;
    // Lines: 3 <dict>, 5 <array>, 7 </array>, 8 </dict>.
    assert.deepEqual(foldsOf(text), ['3-7', '5-6']);
  });

  it('does not fold one-line or self-closing containers', () => {
    assert.deepEqual(foldsOf(`${PLIST_HEADER}<dict>\n\t<key>A</key><array><string>x</string></array>\n\t<key>B</key><dict/>\n</dict>\n</plist>\n`), ['3-5']);
  });

  it('folds multi-line strings and data through their last line', () => {
    const text = `${PLIST_HEADER}<dict>
\t<key>A</key>
\t<string>one
two</string>
\t<key>B</key>
\t<data>
\tAAEC
\t</data>
</dict>
</plist>
`;
    assert.deepEqual(foldsOf(text), ['3-10', '5-6', '8-9']);
  });

  it('folds multi-line comments and #region pairs', () => {
    const text = `${PLIST_HEADER}<dict>
\t<!-- #region Push -->
\t<key>aps-environment</key>
\t<string>production</string>
\t<!-- #endregion -->
\t<!-- a note
\t     over two lines -->
\t<!-- one line -->
</dict>
</plist>
`;
    assert.deepEqual(foldsOf(text), ['3-10', '4-7 region', '8-9 comment']);
  });

  it('folds an unclosed dict to the end of the file', () => {
    assert.deepEqual(foldsOf(`${PLIST_HEADER}<dict>\n\t<key>A</key>\n\t<true/>\n`), ['3-6']);
  });

  it('gives nothing for an empty document', () => {
    assert.deepEqual(foldsOf(''), []);
  });

  it(`answers the first ${MAX_FOLDING_RANGES} ranges of a 5 MB array of 250,000 two-line strings, in time linear in the file`, function () {
    this.timeout(60_000);
    const arrayOf = (count: number) => `${PLIST_HEADER}<array>\n${'<string>\nx</string>\n'.repeat(count)}</array>\n</plist>\n`;
    const [small, large] = [arrayOf(25_000), arrayOf(250_000)];
    const [smallParse, largeParse] = [service.parse(small), service.parse(large)];
    const ranges = service.foldingRanges(textDocument(large), largeParse);
    assert.equal(ranges.length, MAX_FOLDING_RANGES);
    assert.deepEqual(ranges.slice(0, 2), [{ startLine: 3, endLine: 250_000 * 2 + 3 }, { startLine: 4, endLine: 5 }]);
    assertLinearOverTenfold(() => service.foldingRanges(textDocument(small), smallParse), () => service.foldingRanges(textDocument(large), largeParse), { runs: 1 });
  });
});
