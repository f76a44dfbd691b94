import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { plistSyntax } from '../../../../server/src/service/rules/plistSyntax';
import { PLIST_HEADER, diagnose, findings, plist, problemTexts } from '../../helpers';

function syntaxFindings(text: string, severity = {}) {
  return findings(text, diagnose(text, { fileKind: 'entitlements', severity })).filter((finding) => finding.code === plistSyntax.code);
}

describe('plist-syntax', () => {
  it('is silent on a well-formed file', () => {
    assert.deepEqual(syntaxFindings(plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n')), []);
  });

  it('reports every parser problem at its exact range', () => {
    const text = `${PLIST_HEADER}<dict>\n\t<key>a</key>\n\t<string>x&custom;</string>\n\t<bool/>\n\t<key>com.apple.developer.`;
    const expected = problemTexts(text, parsePlist(text).problems);
    assert.deepEqual(syntaxFindings(text).map((finding) => finding.covered), expected);
    assert.deepEqual(expected, ['<plist', '<dict', '&custom;', '<bool', 'com.apple.developer.']);
  });

  it('is an error by default', () => {
    const text = plist('<key>a</key>');
    const [diagnostic] = diagnose(text, { fileKind: 'infoPlist' }).filter((d) => d.code === 'plist-syntax');
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
  });

  it('says only one thing about a binary plist', () => {
    const text = 'bplist00\u00d1\u0001\u0002';
    assert.deepEqual(findings(text, diagnose(text, { fileKind: 'entitlements' })), [{ code: 'plist-syntax', covered: 'bplist' }]);
  });

  it('can be turned off', () => {
    assert.deepEqual(syntaxFindings(plist('<key>a</key>'), { 'plist-syntax': 'off' }), []);
  });
});
