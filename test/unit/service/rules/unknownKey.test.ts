import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { unknownKey } from '../../../../server/src/service/rules/unknownKey';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Platform } from '../../../../shared/src/catalog';
import { applyAction, assertMentions, diagnose, findings, plist, PLIST_HEADER, quickFixes, type DiagnoseOptions } from '../../helpers';

function unknown(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === unknownKey.code);
}

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'e2e-workspace', 'App');

describe('unknown-key', () => {
  describe('in an .entitlements file', () => {
    it('reports a typo as an error and suggests the real key', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n');
      const diagnostics = unknown(text, { fileKind: 'entitlements' });
      assert.deepEqual(findings(text, diagnostics), [{ code: 'unknown-key', covered: 'com.apple.security.app-sandbx' }]);
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
      assert.deepEqual(diagnostic?.data, { replacements: ['com.apple.security.app-sandbox'], canRemove: true });
      assertMentions(diagnostic, "'com.apple.security.app-sandbx'", "'com.apple.security.app-sandbox'");
    });

    it('recognises a key pasted twice and suggests it once', () => {
      const doubled = 'com.apple.security.files.user-selected.read-onlycom.apple.security.files.user-selected.read-only';
      const text = plist(`<key>${doubled}</key><true/>`);
      const [diagnostic] = unknown(text, { fileKind: 'entitlements' });
      assert.deepEqual(findings(text, diagnostic === undefined ? [] : [diagnostic]), [{ code: 'unknown-key', covered: doubled }]);
      assert.deepEqual((diagnostic?.data as DiagnosticData).replacements, ['com.apple.security.files.user-selected.read-only']);
    });

    it('recognises two different real keys run together', () => {
      const text = plist('<key>com.apple.security.network.clientcom.apple.security.network.server</key><true/>');
      const [diagnostic] = unknown(text, { fileKind: 'entitlements' });
      assert.deepEqual((diagnostic?.data as DiagnosticData).replacements, ['com.apple.security.network.client']);
    });

    it('reports a key with nothing near it, with no suggestion', () => {
      const text = plist('<key>org.example.custom-flag</key><true/>');
      const [diagnostic] = unknown(text, { fileKind: 'entitlements' });
      assert.deepEqual(diagnostic?.data, { replacements: [], canRemove: true });
      assertMentions(diagnostic, 'org.example.custom-flag');
    });

    it('suggests the real key for a shifted namespace, a capability name and a joined name, and fixes it', () => {
      for (const [invented, real] of [
        ['com.apple.developer.multicast', 'com.apple.developer.networking.multicast'],
        ['com.apple.developer.notification-filtering', 'com.apple.developer.usernotifications.filtering'],
        ['com.apple.developer.signinwithapple', 'com.apple.developer.applesignin'],
      ] as const) {
        const text = plist(`<key>${invented}</key><true/>`);
        const diagnostics = unknown(text, { fileKind: 'entitlements' });
        assertMentions(diagnostics[0], `'${invented}'`, `'${real}'`);
        assert.equal(applyAction(text, quickFixes(text, diagnostics)[0] as CodeAction), plist(`<key>${real}</key><true/>`));
      }
    });

    it('offers nothing for an unrelated key rather than a wrong neighbour', () => {
      const [diagnostic] = unknown(plist('<key>com.apple.developer.foo-bar</key><true/>'), { fileKind: 'entitlements' });
      assert.deepEqual(diagnostic?.data, { replacements: [], canRemove: true });
    });

    it("puts the target's form of a key first", () => {
      const text = plist('<key>com.apple.security.aps-environment</key><string>development</string>');
      const first = (platform: Platform) => (unknown(text, { fileKind: 'entitlements', platform })[0]?.data as DiagnosticData).replacements?.[0];
      assert.equal(first('iOS'), 'aps-environment');
      assert.equal(first('macOS'), 'com.apple.developer.aps-environment');
    });

    describe('while a key is being typed', () => {
      it('stays quiet about an empty key', () => {
        assert.deepEqual(unknown(plist('<key></key><true/>'), { fileKind: 'entitlements' }), []);
        assert.deepEqual(unknown(plist('<key> </key><true/>'), { fileKind: 'entitlements' }), []);
      });

      it('stays quiet about a key whose </key> is not typed yet, which the parser reports', () => {
        const text = plist('\n\t<key>com.apple.developer.netw\n\t<key>aps-environment</key><string>development</string>');
        assert.deepEqual(unknown(text, { fileKind: 'entitlements' }), []);
        assert.ok(diagnose(text, { fileKind: 'entitlements' }).some((diagnostic) => diagnostic.code === 'plist-syntax'));
        const atEnd = `${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.netw`;
        assert.deepEqual(unknown(atEnd, { fileKind: 'entitlements' }), []);
      });

      it('reports the key once it is closed', () => {
        const text = plist('<key>com.apple.developer.netw</key><true/>');
        assert.deepEqual(findings(text, unknown(text, { fileKind: 'entitlements' })), [{ code: 'unknown-key', covered: 'com.apple.developer.netw' }]);
      });

      it('stays quiet in Info.plist too, at any depth', () => {
        const text = `${PLIST_HEADER}<dict>\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoad`;
        assert.deepEqual(unknown(text, { fileKind: 'infoPlist' }), []);
        assert.deepEqual(unknown(plist('<key></key><string>x</string>'), { fileKind: 'infoPlist' }), []);
      });
    });

    it('links the code docs, as there is no Apple page for an unknown key', () => {
      const [diagnostic] = unknown(plist('<key>org.example.custom-flag</key><true/>'), { fileKind: 'entitlements' });
      assert.match(diagnostic?.codeDescription?.href ?? '', /^https:\/\/.*#unknown-key$/);
    });

    it('checks top-level keys only: dict values of entitlements hold free-form keys', () => {
      const text = plist('<key>com.apple.security.temporary-exception.sbpl</key><dict><key>anything</key><true/></dict>');
      assert.deepEqual(unknown(text, { fileKind: 'entitlements' }), []);
    });

    it('is silenced by allowedKeys', () => {
      const text = plist('<key>org.example.custom-flag</key><true/>');
      assert.deepEqual(unknown(text, { fileKind: 'entitlements', allowedKeys: ['org.example.custom-flag'] }), []);
    });

    it('is silent on a realistic file', () => {
      const text = plist(`
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
\t<key>com.apple.security.network.client</key>
\t<true/>
\t<key>com.apple.developer.associated-domains</key>
\t<array>
\t\t<string>applinks:example.com</string>
\t</array>
\t<key>keychain-access-groups</key>
\t<array>
\t\t<string>$(AppIdentifierPrefix)com.example.shared</string>
\t</array>
`);
      assert.deepEqual(diagnose(text, { fileKind: 'entitlements' }), []);
    });
  });

  describe('in Info.plist', () => {
    it('reports a near miss of a real key as a warning, without offering to remove it', () => {
      const text = plist('\n\t<key>NSCameraUsageDescriptions</key>\n\t<string>Scan codes</string>\n');
      const diagnostics = unknown(text, { fileKind: 'infoPlist' });
      assert.deepEqual(findings(text, diagnostics), [{ code: 'unknown-key', covered: 'NSCameraUsageDescriptions' }]);
      assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(diagnostics[0]?.data, { replacements: ['NSCameraUsageDescription'], canRemove: false });
      assertMentions(diagnostics[0], "'NSCameraUsageDescription'");
    });

    it('leaves custom keys, third-party keys and device suffixes alone', () => {
      const text = plist(`
\t<key>MyAppSetting</key>
\t<string>x</string>
\t<key>SUFeedURL</key>
\t<string>https://example.com/appcast.xml</string>
\t<key>FirebaseAppDelegateProxyEnabled</key>
\t<false/>
\t<key>UISupportedInterfaceOrientations~ipad</key>
\t<array>
\t\t<string>UIInterfaceOrientationPortrait</string>
\t</array>
\t<key>NSCameraUsageDescription~iphone</key>
\t<string>x</string>
`);
      assert.deepEqual(diagnose(text, { fileKind: 'infoPlist' }), []);
    });

    it('reports a near miss among the documented keys of a nested dict', () => {
      const text = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSAllowsArbitraryLoad</key>
\t\t<true/>
\t</dict>
`);
      const diagnostics = unknown(text, { fileKind: 'infoPlist' });
      assert.deepEqual(findings(text, diagnostics), [{ code: 'unknown-key', covered: 'NSAllowsArbitraryLoad' }]);
      assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
      assert.deepEqual((diagnostics[0]?.data as DiagnosticData).replacements, ['NSAllowsArbitraryLoads']);
    });

    it('leaves free-form keys (domain names) and custom nested keys alone', () => {
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
\t\t<key>MyOwnATSNote</key>
\t\t<string>x</string>
\t</dict>
\t<key>MyAppSettings</key>
\t<dict>
\t\t<key>NSAllowsArbitraryLoad</key>
\t\t<true/>
\t</dict>
`);
      assert.deepEqual(unknown(text, { fileKind: 'infoPlist' }), []);
    });

    it('reports a near miss inside a dict under a free-form key (an exception domain), as found in the corpus', () => {
      // Sequel-Ace wrote NSIncludeSubdomains and Pocket Casts NSExceptionAllowInsecureHTTPLoads: ATS ignores both.
      const text = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSExceptionDomains</key>
\t\t<dict>
\t\t\t<key>example.com</key>
\t\t\t<dict>
\t\t\t\t<key>NSIncludeSubdomains</key>
\t\t\t\t<true/>
\t\t\t\t<key>NSExceptionAllowInsecureHTTPLoads</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t</dict>
\t</dict>
`);
      const diagnostics = unknown(text, { fileKind: 'infoPlist' });
      assert.deepEqual(findings(text, diagnostics), [
        { code: 'unknown-key', covered: 'NSIncludeSubdomains' },
        { code: 'unknown-key', covered: 'NSExceptionAllowInsecureHTTPLoads' },
      ]);
      assert.deepEqual(diagnostics.map((diagnostic) => (diagnostic.data as DiagnosticData).replacements), [['NSIncludesSubdomains'], ['NSExceptionAllowsInsecureHTTPLoads']]);
    });

    describe('purpose strings, a closed set', () => {
      it('reports a purpose string Apple never defined, with the real one near it, and fixes it', () => {
        for (const [invented, real] of [
          ['NSPhotosUsageDescription', 'NSPhotoLibraryUsageDescription'],
          ['NSContactUsageDescription', 'NSContactsUsageDescription'],
          ['NSBluetoothUsageDescription', 'NSBluetoothAlwaysUsageDescription'],
          ['NSLocationAlwaysWhenInUseUsageDescription', 'NSLocationAlwaysAndWhenInUseUsageDescription'],
        ] as const) {
          const text = plist(`<key>${invented}</key><string>To scan receipts</string>`);
          const diagnostics = unknown(text, { fileKind: 'infoPlist' });
          assert.deepEqual(findings(text, diagnostics), [{ code: 'unknown-key', covered: invented }], invented);
          assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
          assert.equal(applyAction(text, quickFixes(text, diagnostics)[0] as CodeAction), plist(`<key>${real}</key><string>To scan receipts</string>`));
        }
      });

      it('leaves a purpose string with no real one near it alone, as the catalog lacks some that frameworks read', () => {
        // WebKit reads NSCrossWebsiteTrackingUsageDescription (home-assistant's Info.plist in the corpus has it).
        const text = plist('<key>NSCrossWebsiteTrackingUsageDescription</key><string>x</string><key>NSScreenCaptureUsageDescription</key><string>x</string>');
        assert.deepEqual(unknown(text, { fileKind: 'infoPlist' }), []);
      });

      it('leaves a documented nested purpose string alone at the top level', () => {
        const text = plist('<key>NSApplicationServiceUsageDescription</key><string>Import profiles</string>');
        assert.deepEqual(unknown(text, { fileKind: 'infoPlist' }), []);
      });
    });

    describe("slips in Apple's prefixes", () => {
      it('reports CB for CF and a swapped prefix, and fixes them', () => {
        for (const [slipped, real] of [
          ['CBBundleVersion', 'CFBundleVersion'],
          ['FCBundleShortVersionString', 'CFBundleShortVersionString'],
          ['UKLaunchStoryboardName', 'UILaunchStoryboardName'],
        ] as const) {
          const text = plist(`<key>${slipped}</key><string>1</string>`);
          const diagnostics = unknown(text, { fileKind: 'infoPlist' });
          assertMentions(diagnostics[0], `'${slipped}'`, `'${real}'`);
          assert.equal(applyAction(text, quickFixes(text, diagnostics)[0] as CodeAction), plist(`<key>${real}</key><string>1</string>`));
        }
      });

      it('leaves third-party prefixes and short rests alone', () => {
        const text = plist('<key>XYBundleVersion</key><string>1</string><key>FBAppID</key><string>1</string><key>GADApplicationIdentifier</key><string>x</string>');
        assert.deepEqual(unknown(text, { fileKind: 'infoPlist' }), []);
      });
    });

    it('is silenced by allowedKeys at any depth', () => {
      const text = plist('<key>NSCameraUsageDescriptions</key><string>x</string><key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoad</key><true/></dict>');
      assert.deepEqual(unknown(text, { fileKind: 'infoPlist', allowedKeys: ['NSCameraUsageDescriptions', 'NSAllowsArbitraryLoad'] }), []);
    });

    it('is silent on the example workspace Info.plist', () => {
      const text = readFileSync(path.join(FIXTURES, 'Info.plist'), 'utf8');
      assert.deepEqual(diagnose(text, { fileKind: 'infoPlist' }), []);
    });
  });
});
