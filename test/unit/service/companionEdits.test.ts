import * as assert from 'node:assert/strict';
import type { CompanionEdit } from '../../../shared/src/diagnosticCodes';
import { insertEntryEdit } from '../../../server/src/service/companionEdits';
import { parsePlist } from '../../../server/src/service/plist/parser';
import { toValue } from '../../../server/src/service/plist/value';
import { COMPANION_URI, PLIST_HEADER, applyEdits, companionOf } from '../helpers';

/** Plain JSON data, so `deepEqual` ignores the prototype-less records of `toValue`. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The companion text after the edit. */
function applied(text: string, edit: CompanionEdit): string {
  return applyEdits(text, [{ range: { start: edit.position, end: edit.end ?? edit.position }, newText: edit.newText }]);
}

/** Inserts `key` with `valueXml` into `text` and checks the result is well-formed and gained exactly that entry. */
function insertAndCheck(text: string, key: string, valueXml: string, expectedValue: unknown): string {
  const edit = insertEntryEdit(companionOf(text, 'infoPlist'), key, valueXml);
  assert.ok(edit !== undefined, 'expected an edit');
  const result = applied(text, edit);
  const parsed = parsePlist(result);
  assert.deepEqual(parsed.problems, [], result);
  assert.deepEqual(plain(toValue(parsed)), { ...(plain(toValue(parsePlist(text))) as object), [key]: expectedValue });
  return result;
}

const TABS = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n</dict>\n</plist>\n`;

describe('insertEntryEdit', () => {
  it('inserts before the root </dict> with the tab indentation of the file', () => {
    const result = insertAndCheck(TABS, 'NSCameraUsageDescription', '<string>Scan codes</string>', 'Scan codes');
    assert.equal(result, TABS.replace('</dict>', '\t<key>NSCameraUsageDescription</key>\n\t<string>Scan codes</string>\n</dict>'));
  });

  it('uses the file\'s space indentation', () => {
    for (const indent of ['  ', '    ']) {
      const text = `${PLIST_HEADER}<dict>\n${indent}<key>CFBundleName</key>\n${indent}<string>App</string>\n</dict>\n</plist>\n`;
      const result = insertAndCheck(text, 'NSHomeKitUsageDescription', '<string></string>', '');
      assert.ok(result.includes(`\n${indent}<key>NSHomeKitUsageDescription</key>\n${indent}<string></string>\n</dict>`), result);
    }
  });

  it('names the companion and the key, and points at the line of </dict>', () => {
    const edit = insertEntryEdit(companionOf(TABS, 'infoPlist'), 'NFCReaderUsageDescription', '<string></string>');
    assert.equal(edit?.uri, COMPANION_URI);
    assert.equal(edit?.fileName, 'Info.plist');
    assert.equal(edit?.key, 'NFCReaderUsageDescription');
    assert.deepEqual(edit?.position, { line: TABS.split('\n').indexOf('</dict>'), character: 0 });
  });

  it('inserts on a new line when </dict> follows content on its line', () => {
    const text = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string></dict>\n</plist>\n`;
    const result = insertAndCheck(text, 'NSCameraUsageDescription', '<string>x</string>', 'x');
    assert.ok(result.includes('<string>App</string>\n\t<key>NSCameraUsageDescription</key>\n\t<string>x</string>\n</dict>'), result);
  });

  it('handles a whole plist on one line', () => {
    insertAndCheck('<plist version="1.0"><dict><key>a</key><string>b</string></dict></plist>', 'NSCameraUsageDescription', '<true/>', true);
  });

  it('inserts into an empty root dict', () => {
    const text = `${PLIST_HEADER}<dict>\n</dict>\n</plist>\n`;
    const result = insertAndCheck(text, 'aps-environment', '<string>development</string>', 'development');
    assert.ok(result.includes('<dict>\n\t<key>aps-environment</key>\n\t<string>development</string>\n</dict>'), result);
  });

  it('inserts into the root dict, not into a nested dict that ends just before it', () => {
    const text = `${PLIST_HEADER}<dict>\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t</dict>\n</dict>\n</plist>\n`;
    insertAndCheck(text, 'NSCameraUsageDescription', '<string>x</string>', 'x');
  });

  it('copies a multi-line value as given', () => {
    insertAndCheck(TABS, 'UIBackgroundModes', '<array>\n\t\t<string>remote-notification</string>\n\t</array>', ['remote-notification']);
  });

  it('escapes the key', () => {
    insertAndCheck(TABS, 'Odd & <key>', '<true/>', true);
  });

  it('keeps a CRLF file CRLF', () => {
    const text = TABS.replace(/\n/g, '\r\n');
    const result = insertAndCheck(text, 'NSCameraUsageDescription', '<string>x</string>', 'x');
    assert.doesNotMatch(result, /[^\r]\n/, 'no bare LF was introduced');
  });

  it('adds to an empty self-closed root <dict/>, as Xcode writes a new property list', () => {
    insertAndCheck(`${PLIST_HEADER}<dict/>\n</plist>\n`, 'aps-environment', '<string>development</string>', 'development');
  });

  it('gives no edit when the root dict is not closed, not a dict, or missing', () => {
    const cases = [
      `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n`,
      `${PLIST_HEADER}<dict>\n\t<key>a</key>\n\t<dict>\n\t\t<key>b</key>\n\t\t<true/>\n\t</dict>\n`,
      `${PLIST_HEADER}<array>\n\t<string>a</string>\n</array>\n</plist>\n`,
      '',
      'not xml at all',
    ];
    for (const text of cases) assert.equal(insertEntryEdit(companionOf(text, 'infoPlist'), 'K', '<true/>'), undefined, JSON.stringify(text));
  });
});
