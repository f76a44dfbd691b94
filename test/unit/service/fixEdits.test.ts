import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../../shared/src/diagnosticCodes';
import { invalidValueTypeFixes } from '../../../server/src/service/rules/invalidValueType.fix';
import { valueReplacementFixes } from '../../../server/src/service/fixEdits';
import { parsePlist } from '../../../server/src/service/plist/parser';
import { toValue } from '../../../server/src/service/plist/value';
import { PLIST_HEADER, applyAction, diagnose, plist, quickFixes } from '../helpers';
import { action, fixesAt, fixesFor, rootValue, without } from '../fixHelpers';

const valueFixesAt = (text: string, marker: string, data: DiagnosticData) => fixesAt(text, marker, data, invalidValueTypeFixes, valueReplacementFixes);

describe('fix edits', () => {
  describe('removal', () => {
    it('removes a multi-line value with its key', () => {
      const text = plist(`
\t<key>NSCameraUsageDescription</key>
\t<string>Scan codes</string>
\t<key>com.apple.security.application-groups</key>
\t<array>
\t\t<string>group.com.example</string>
\t</array>
`);
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Remove 'NSCameraUsageDescription'"));
      assert.equal(result, text.replace('\t<key>NSCameraUsageDescription</key>\n\t<string>Scan codes</string>\n', ''));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'NSCameraUsageDescription'));
    });

    it('removes an entry whose value spans lines', () => {
      const text = plist(`
\t<key>com.apple.private.tcc.allow</key>
\t<array>
\t\t<string>kTCCServiceCamera</string>
\t</array>
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
`);
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Remove 'com.apple.private.tcc.allow'"));
      assert.equal(result, plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'com.apple.private.tcc.allow'));
    });

    it('removes whole CRLF lines without leaving a blank line or a stray \\r', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n\t<key>com.apple.security.network.client</key>\n\t<true/>\n').replace(/\n/g, '\r\n');
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Remove 'com.apple.security.app-sandbx'"));
      assert.equal(result, text.replace('\t<key>com.apple.security.app-sandbx</key>\r\n\t<true/>\r\n', ''));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'com.apple.security.app-sandbx'));
    });

    it('removes only the elements when other entries share the line', () => {
      const text = plist('\n\t<key>a.b</key><true/> <key>com.apple.security.app-sandbx</key><true/> <key>c.d</key><true/>\n');
      const diagnostics = diagnose(text, { fileKind: 'entitlements', allowedKeys: ['a.b', 'c.d'] });
      const result = applyAction(text, action(quickFixes(text, diagnostics), "Remove 'com.apple.security.app-sandbx'"));
      assert.equal(result, plist('\n\t<key>a.b</key><true/>  <key>c.d</key><true/>\n'));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'com.apple.security.app-sandbx'));
    });

    it('removes the later duplicate and keeps the first', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.security.app-sandbox</key>\n\t<false/>\n');
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      assert.deepEqual(actions.map((candidate) => [candidate.title, candidate.isPreferred]), [["Remove 'com.apple.security.app-sandbox'", true]]);
      const result = applyAction(text, actions[0] as CodeAction);
      assert.equal(result, plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      // The value tree loses exactly the duplicate: what remains is the first occurrence's value.
      assert.deepEqual(rootValue(result), { __proto__: null, 'com.apple.security.app-sandbox': true });
    });

    it('removes a key that has no value yet', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>org.example.flag</key>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n`;
      const diagnostics = diagnose(text, { fileKind: 'entitlements' }).filter((diagnostic) => diagnostic.code === 'unknown-key');
      const result = applyAction(text, action(quickFixes(text, diagnostics), "Remove 'org.example.flag'"));
      assert.equal(result, text.replace('\t<key>org.example.flag</key>\n', ''));
      // The key had no value, so the value tree does not change at all.
      assert.deepEqual(rootValue(result), toValue(parsePlist(text)));
    });
  });

  describe('values', () => {
    it('finds the value by its element or its text, even right after a sibling', () => {
      const text = plist('<key>k</key><array><string>a</string><string>b</string></array>');
      assert.equal(valueFixesAt(text, '<string>b', { convertTo: 'boolean' }).length, 0, 'b is no boolean word');
      assert.deepEqual(valueFixesAt(text, 'b<', { valueReplacements: ['c'] }).map((fix) => fix.result), [plist('<key>k</key><array><string>a</string><string>c</string></array>')]);
      assert.deepEqual(valueFixesAt(text, '<string>b', { valueReplacements: ['c'] }).map((fix) => fix.result), [plist('<key>k</key><array><string>a</string><string>c</string></array>')]);
    });

    it('prefers the first replacement and escapes each', () => {
      const text = plist('<key>k</key><string>x</string>');
      assert.deepEqual(valueFixesAt(text, 'x<', { valueReplacements: ['a<b', 'c'] }), [
        { title: "Change to 'a<b'", result: plist('<key>k</key><string>a&lt;b</string>'), isPreferred: true },
        { title: "Change to 'c'", result: plist('<key>k</key><string>c</string>'), isPreferred: false },
      ]);
    });

    it('fills an empty element', () => {
      const text = plist('<key>k</key><string/>');
      assert.deepEqual(valueFixesAt(text, '<string/>', { valueReplacements: ['v'] }).map((fix) => fix.result), [plist('<key>k</key><string>v</string>')]);
    });

    it('offers nothing for a position that starts no value, or for containers', () => {
      const text = plist('<key>k</key><array><string>a</string></array>');
      assert.deepEqual(valueFixesAt(text, 'k<', { valueReplacements: ['x'] }), []);
      assert.deepEqual(valueFixesAt(text, '<array>', { convertTo: 'string' }), []);
      assert.deepEqual(valueFixesAt(text, '<string>', {}), []);
    });
  });
});
