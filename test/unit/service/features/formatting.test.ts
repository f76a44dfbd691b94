import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { toValue } from '../../../../server/src/service/plist/value';
import { PLIST_HEADER, applyEdits, coveredText, service, textDocument } from '../../helpers';

function editsOf(text: string): TextEdit[] {
  return service.format(textDocument(text), service.parse(text));
}

function format(text: string): string {
  return applyEdits(text, editsOf(text));
}

/** A document as Xcode writes it, from lines without their tabs: `>` marks one level of indentation. */
function xcode(...lines: string[]): string {
  return `${PLIST_HEADER}${lines.map((line) => line.replace(/^>+/, (marks) => '\t'.repeat(marks.length))).join('\n')}\n</plist>\n`;
}

const CANONICAL = xcode(
  '<dict>',
  '><key>com.apple.security.app-sandbox</key>',
  '><true/>',
  '><key>com.apple.security.application-groups</key>',
  '><array>',
  '>><string>group.com.example</string>',
  '></array>',
  '><key>com.apple.developer.icloud-container-identifiers</key>',
  '><array/>',
  '><key>Nested</key>',
  '><dict>',
  '>><key>Deep</key>',
  '>><dict/>',
  '></dict>',
  '</dict>',
);

describe('formatting', () => {
  it('leaves a file in Xcode’s layout alone', () => {
    assert.deepEqual(editsOf(CANONICAL), []);
  });

  it('indents with one tab per level, the root dict at the margin', () => {
    const spaced = CANONICAL.replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length)).replace('<dict>\n', '  <dict>\n');
    assert.equal(format(spaced), CANONICAL);
  });

  it('puts one element on each line', () => {
    const packed = `${PLIST_HEADER}<dict><key>com.apple.security.app-sandbox</key><true/><key>com.apple.security.application-groups</key><array><string>group.com.example</string></array><key>com.apple.developer.icloud-container-identifiers</key><array/><key>Nested</key><dict><key>Deep</key><dict/></dict></dict></plist>`;
    assert.equal(format(packed), CANONICAL);
  });

  it('writes booleans and empty containers in their short form', () => {
    const long = CANONICAL.replace('<true/>', '<true></true>').replace('<array/>', '<array>\n\t</array>').replace('>\t\t<dict/>', '>\t\t<dict></dict>');
    assert.equal(format(long), CANONICAL);
    assert.equal(format(xcode('<dict>', '><key>A</key>', '><false />', '</dict>')), xcode('<dict>', '><key>A</key>', '><false/>', '</dict>'));
  });

  it('keeps the text of keys and strings byte for byte', () => {
    const text = `${PLIST_HEADER}<dict>\n  <key>A &amp; B</key>\n     <string>  two\n   lines &lt;here&gt;  </string>\n <key>C</key><string><![CDATA[<raw>]]></string>\n<key>D</key><string/>\n</dict>\n</plist>\n`;
    assert.equal(format(text), xcode('<dict>', '><key>A &amp; B</key>', '><string>  two\n   lines &lt;here&gt;  </string>', '><key>C</key>', '><string><![CDATA[<raw>]]></string>', '><key>D</key>', '><string/>', '</dict>'));
  });

  it('keeps the XML declaration and DOCTYPE as written', () => {
    const header = "<?xml version='1.0' encoding='utf-8' ?>\n<!DOCTYPE plist  PUBLIC \"-//Apple Computer//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n";
    assert.equal(format(`${header}<dict>\n<key>A</key>\n<true/>\n</dict>\n</plist>`), `${header}<dict>\n\t<key>A</key>\n\t<true/>\n</dict>\n</plist>\n`);
  });

  it('keeps comments, on their own line or after an element', () => {
    const text = `${PLIST_HEADER}<dict>\n<!-- Push -->\n    <key>aps-environment</key> <!-- the real key -->\n  <string>production</string>\n</dict>\n</plist>\n`;
    assert.equal(format(text), xcode('<dict>', '><!-- Push -->', '><key>aps-environment</key> <!-- the real key -->', '><string>production</string>', '</dict>'));
  });

  it('puts preprocessor directives at the start of their line', () => {
    const text = `${PLIST_HEADER}<dict>\n  #ifdef INTUNE\n  <key>A</key>\n  <true/>\n  #endif\n</dict>\n</plist>\n`;
    assert.equal(format(text), xcode('<dict>', '#ifdef INTUNE', '><key>A</key>', '><true/>', '#endif', '</dict>'));
  });

  it('writes the lines of a data block at its indentation', () => {
    const text = xcode('<dict>', '><key>Icon</key>', '><data>', '            AAEC', '   AwQF', '    </data>', '</dict>');
    assert.equal(format(text), xcode('<dict>', '><key>Icon</key>', '><data>', '>AAEC', '>AwQF', '></data>', '</dict>'));
  });

  it('keeps CRLF line breaks and a byte-order mark', () => {
    const crlf = CANONICAL.replace(/\n/g, '\r\n');
    assert.deepEqual(editsOf(crlf), []);
    assert.equal(format(crlf.replace('\t<true/>', '<true/>')), crlf);
    assert.equal(format(`\ufeff${CANONICAL.replace('\t<true/>', '<true/>')}`), `\ufeff${CANONICAL}`);
  });

  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`keeps ${name} line breaks everywhere it writes one`, () => {
      const canonical = CANONICAL.replace('\t<true/>', '\t<true/>\n\t<key>Blob</key>\n\t<data>\n\tAAAA\n\tBBBB\n\t</data>').replace(/\n/g, eol);
      assert.deepEqual(editsOf(canonical), [], 'a canonical file is left alone');
      const messy = canonical.replace(`${eol}\t<true/>`, '<true/>').replace(`${eol}\t<key>Nested`, ' <!-- c -->\t\t<key>Nested').replace('<array/>', `<array>${eol}</array>`);
      const formatted = format(messy);
      assert.equal(formatted.replace(/\r\n|\r|\n/g, eol), formatted, `only ${name} breaks`);
      assert.deepEqual(toValue(service.parse(formatted)), toValue(service.parse(canonical)));
      assert.deepEqual(editsOf(formatted), [], 'formatting twice changes nothing more');
    });
  }

  it('ends the file with exactly one line break', () => {
    assert.equal(format(CANONICAL.trimEnd()), CANONICAL);
    assert.equal(format(`${CANONICAL}\n\n  \n`), CANONICAL);
  });

  it('edits only what changes', () => {
    const text = CANONICAL.replace('\t<true/>', '    <true/>');
    const edits = editsOf(text);
    assert.equal(edits.length, 1);
    assert.equal(coveredText(text, edits[0] as TextEdit), '\n    ');
    assert.equal(edits[0]?.newText, '\n\t');
  });

  it('never changes the value, and formatting twice changes nothing more', () => {
    const messy = `${PLIST_HEADER}  <dict><key>A</key>\n\n<array>   <integer> 7 </integer><real>1.5</real><date>2024-01-02T03:04:05Z</date>\n<false></false></array>\n</dict></plist>`;
    const formatted = format(messy);
    assert.deepEqual(toValue(service.parse(formatted)), toValue(service.parse(messy)));
    assert.deepEqual(service.parse(formatted).problems, []);
    assert.deepEqual(editsOf(formatted), []);
  });

  it('refuses a document with syntax problems', () => {
    assert.deepEqual(editsOf(`${PLIST_HEADER}<dict>\n    <key>A</key>\n</dict>\n</plist>\n`), []);
    assert.deepEqual(editsOf(`${PLIST_HEADER}<dict>\n    <key>A</key>\n    <true/>\n`), []);
    assert.deepEqual(editsOf('<dict><key>A</key><true/></dict>'), [], 'no <plist> element');
    assert.deepEqual(editsOf(''), []);
  });
});
