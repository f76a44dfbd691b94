import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CATALOG } from '../../../../shared/src/catalogData';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { misplacedKey } from '../../../../server/src/service/rules/misplacedKey';
import { toValue } from '../../../../server/src/service/plist/value';
import { PLIST_HEADER, URI, applyAction, applyActionTo, assertMentions, companionOf, diagnose, findings, plist, quickFixes, service, type DiagnoseOptions } from '../../helpers';

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

  describe('with the other file known', () => {
    const INFO = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n</dict>\n</plist>\n`;
    const ENTITLEMENTS_URI = 'file:///workspace/App/MyApp.entitlements';
    const ENTITLEMENTS = `${PLIST_HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>production</string>\n</dict>\n</plist>\n`;

    function plainValue(text: string): Record<string, unknown> {
      const parsed = service.parse(text);
      assert.deepEqual(parsed.problems, [], text);
      return JSON.parse(JSON.stringify(toValue(parsed))) as Record<string, unknown>;
    }

    /** Applies the move fix to both files and checks the entry left one and arrived, intact, in the other. */
    function assertMoved(text: string, options: DiagnoseOptions, companionText: string, key: string): void {
      const diagnostics = misplaced(text, options);
      assert.equal(diagnostics.length, 1);
      const actions = quickFixes(text, diagnostics);
      const move = actions.find((action) => action.title.startsWith('Move') && action.title.includes(key));
      assert.ok(move !== undefined, actions.map((action) => action.title).join(', '));
      assert.equal(move.isPreferred, true);
      const companionUri = options.companion?.uri ?? '';
      assert.deepEqual(Object.keys(move.edit?.changes ?? {}).sort(), [URI, companionUri].sort());
      const remove = actions.find((action) => action.title.startsWith('Remove'));
      assert.ok(remove !== undefined && remove.isPreferred !== true, 'removal stays offered, second');

      const before = plainValue(text);
      const after = plainValue(applyAction(text, move));
      const companionBefore = plainValue(companionText);
      const companionAfter = plainValue(applyActionTo(companionUri, companionText, move));
      const { [key]: moved, ...rest } = before;
      assert.deepEqual(after, rest, 'the entry left this file and nothing else changed');
      assert.deepEqual(companionAfter, { ...companionBefore, [key]: moved }, 'the entry arrived in the other file, value intact');
    }

    it('moves an Info.plist key out of the .entitlements file, with its escaped value', () => {
      const text = plist('\n\t<key>aps-environment</key>\n\t<string>production</string>\n\t<key>NSCameraUsageDescription</key>\n\t<string>Scan &amp; go &lt;now&gt;</string>\n');
      assertMoved(text, { fileKind: 'entitlements', companion: companionOf(INFO, 'infoPlist') }, INFO, 'NSCameraUsageDescription');
    });

    it('names the target file in the fix title', () => {
      const text = plist('<key>NSCameraUsageDescription</key><string>x</string>');
      const diagnostics = misplaced(text, { fileKind: 'entitlements', companion: companionOf(INFO, 'infoPlist') });
      assert.ok(quickFixes(text, diagnostics).some((action) => action.title.includes('NSCameraUsageDescription') && action.title.includes('Info.plist')));
    });

    it('moves a nested multi-line value intact', () => {
      const text = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSExceptionDomains</key>
\t\t<dict>
\t\t\t<key>example.com</key>
\t\t\t<dict>
\t\t\t\t<key>NSIncludesSubdomains</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t</dict>
\t</dict>
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
`);
      assertMoved(text, { fileKind: 'entitlements', companion: companionOf(INFO, 'infoPlist') }, INFO, 'NSAppTransportSecurity');
    });

    it('moves an entitlement out of Info.plist into the .entitlements file', () => {
      const text = plist('\n\t<key>CFBundleName</key>\n\t<string>App</string>\n\t<key>com.apple.security.application-groups</key>\n\t<array>\n\t\t<string>group.com.example</string>\n\t</array>\n');
      assertMoved(text, { fileKind: 'infoPlist', companion: companionOf(ENTITLEMENTS, 'entitlements', ENTITLEMENTS_URI) }, ENTITLEMENTS, 'com.apple.security.application-groups');
    });

    it('offers only removal when the companion is of the wrong kind or cannot take an insertion', () => {
      const text = plist('<key>NSCameraUsageDescription</key><string>x</string>');
      const unclosed = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n`;
      for (const companion of [companionOf(ENTITLEMENTS, 'entitlements', ENTITLEMENTS_URI), companionOf(unclosed, 'infoPlist')]) {
        const diagnostics = misplaced(text, { fileKind: 'entitlements', companion });
        assert.deepEqual(diagnostics[0]?.data as DiagnosticData, { canRemove: true });
        assert.deepEqual(quickFixes(text, diagnostics).map((action) => Object.keys(action.edit?.changes ?? {})), [[URI]]);
      }
    });
  });
});
