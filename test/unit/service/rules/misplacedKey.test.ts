import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CATALOG } from '../../../../shared/src/catalogData';
import { misplacedKey } from '../../../../server/src/service/rules/misplacedKey';
import { assertMentions, diagnose, findings, plist, type DiagnoseOptions } from '../../helpers';

function misplaced(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === misplacedKey.code);
}

function docUrlOf(key: string): string | undefined {
  return [...CATALOG.entitlements, ...CATALOG.infoPlist].find((entry) => entry.key === key)?.docUrl;
}

describe('misplaced-key', () => {
  it('reports an Info.plist key in an .entitlements file as an error, linking its page', () => {
    const text = plist('\n\t<key>NSCameraUsageDescription</key>\n\t<string>Scan codes</string>\n');
    const diagnostics = diagnose(text, { fileKind: 'entitlements' });
    assert.deepEqual(findings(text, diagnostics), [{ code: 'misplaced-key', covered: 'NSCameraUsageDescription' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics[0]?.codeDescription?.href, docUrlOf('NSCameraUsageDescription'));
    assertMentions(diagnostics[0], 'NSCameraUsageDescription');
    assert.deepEqual(diagnostics[0]?.data, { canRemove: true });
  });

  it('recognises an Info.plist key with a device suffix', () => {
    const text = plist('<key>UISupportedInterfaceOrientations~ipad</key><array/>');
    assert.deepEqual(findings(text, misplaced(text, { fileKind: 'entitlements' })), [{ code: 'misplaced-key', covered: 'UISupportedInterfaceOrientations~ipad' }]);
  });

  it('reports an entitlement in Info.plist as an error, linking its page', () => {
    const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n');
    const diagnostics = diagnose(text, { fileKind: 'infoPlist' });
    assert.deepEqual(findings(text, diagnostics), [{ code: 'misplaced-key', covered: 'com.apple.security.app-sandbox' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics[0]?.codeDescription?.href, docUrlOf('com.apple.security.app-sandbox'));
  });

  it('accepts the Core NFC keys in Info.plist, where they belong despite their names', () => {
    const text = plist(`
\t<key>com.apple.developer.nfc.readersession.iso7816.select-identifiers</key>
\t<array>
\t\t<string>A0000002471001</string>
\t</array>
\t<key>com.apple.developer.nfc.readersession.felica.systemcodes</key>
\t<array>
\t\t<string>8005</string>
\t</array>
`);
    assert.deepEqual(diagnose(text, { fileKind: 'infoPlist' }), []);
  });

  it('leaves keys in the right file, nested keys and allowed keys alone', () => {
    assert.deepEqual(misplaced(plist('<key>com.apple.security.app-sandbox</key><true/>'), { fileKind: 'entitlements' }), []);
    assert.deepEqual(misplaced(plist('<key>NSCameraUsageDescription</key><string>x</string>'), { fileKind: 'infoPlist' }), []);
    assert.deepEqual(misplaced(plist('<key>MyAppConfig</key><dict><key>com.apple.security.app-sandbox</key><true/></dict>'), { fileKind: 'infoPlist' }), []);
    assert.deepEqual(misplaced(plist('<key>NSCameraUsageDescription</key><string>x</string>'), { fileKind: 'entitlements', allowedKeys: ['NSCameraUsageDescription'] }), []);
  });
});
