import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Platform } from '../../../../shared/src/catalog';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { missingCompanion } from '../../../../server/src/service/rules/missingCompanion';
import { toValue } from '../../../../server/src/service/plist/value';
import { COMPANION_URI, PLIST_HEADER, applyActionTo, assertMentions, companionOf, diagnose, findings, plist, quickFixes, service, targetOf, type DiagnoseOptions } from '../../helpers';

const ENTITLEMENTS_URI = 'file:///workspace/App/MyApp.entitlements';

/** A companion as Xcode writes it: tab-indented, one element of `lines` per line of its root dict. */
function fileWith(...lines: string[]): string {
  return `${PLIST_HEADER}<dict>\n${lines.map((line) => `\t${line}\n`).join('')}</dict>\n</plist>\n`;
}

const INFO = fileWith('<key>CFBundleIdentifier</key>', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>');
const EMPTY_ENTITLEMENTS = fileWith();

/** Options for an .entitlements file whose Info.plist is `infoText`. */
function withInfoPlist(infoText: string, extra: Partial<DiagnoseOptions> = {}): DiagnoseOptions {
  return { fileKind: 'entitlements', companion: companionOf(infoText, 'infoPlist'), ...extra };
}

/** Options for an Info.plist whose .entitlements file is `entitlementsText`. */
function withEntitlements(entitlementsText: string, extra: Partial<DiagnoseOptions> = {}): DiagnoseOptions {
  return { fileKind: 'infoPlist', companion: companionOf(entitlementsText, 'entitlements', ENTITLEMENTS_URI), ...extra };
}

function missing(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === missingCompanion.code);
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Applies the only `Add '<key>' to ...` fix to the companion, checks it stays well-formed, and returns its value. */
function fixCompanion(text: string, options: DiagnoseOptions, companionUri: string, companionText: string): { key: string; value: Record<string, unknown> } {
  const diagnostics = missing(text, options);
  assert.equal(diagnostics.length, 1);
  const actions = quickFixes(text, diagnostics);
  assert.equal(actions.length, 1, actions.map((action) => action.title).join(', '));
  const action = actions[0]!;
  assert.equal(action.isPreferred, true);
  assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [companionUri], 'the fix edits only the companion');
  const key = (diagnostics[0]?.data as DiagnosticData).companionEdit?.key ?? '';
  assert.ok(action.title.includes(key), action.title);
  const fixed = applyActionTo(companionUri, companionText, action);
  const parsed = service.parse(fixed);
  assert.deepEqual(parsed.problems, [], fixed);
  return { key, value: plain(toValue(parsed)) as Record<string, unknown> };
}

describe('missing-companion', () => {
  describe('an entitlement that needs a purpose string', () => {
    const HEALTHKIT = plist('\n\t<key>com.apple.developer.healthkit</key>\n\t<true/>\n');

    it('reports HealthKit without a HealthKit purpose string as a warning at the key', () => {
      const diagnostics = diagnose(HEALTHKIT, withInfoPlist(INFO));
      assert.deepEqual(findings(HEALTHKIT, diagnostics), [{ code: 'missing-companion', covered: 'com.apple.developer.healthkit' }]);
      assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
      assertMentions(diagnostics[0], 'com.apple.developer.healthkit', 'NSHealthShareUsageDescription', 'NSHealthUpdateUsageDescription');
    });

    it('is satisfied by either key of anyOf', () => {
      for (const key of ['NSHealthShareUsageDescription', 'NSHealthUpdateUsageDescription']) {
        assert.deepEqual(missing(HEALTHKIT, withInfoPlist(fileWith(`<key>${key}</key>`, '<string>Steps</string>'))), [], key);
      }
    });

    it('adds the first key of anyOf to Info.plist, and only there', () => {
      const { key, value } = fixCompanion(HEALTHKIT, withInfoPlist(INFO), COMPANION_URI, INFO);
      assert.equal(key, 'NSHealthShareUsageDescription');
      assert.deepEqual(value, { ...(plain(toValue(service.parse(INFO))) as object), NSHealthShareUsageDescription: '' });
    });

    it('reports HomeKit and Core NFC the same way', () => {
      const table: ReadonlyArray<[string, string]> = [
        ['<key>com.apple.developer.homekit</key><true/>', 'NSHomeKitUsageDescription'],
        ['<key>com.apple.developer.nfc.readersession.formats</key><array><string>TAG</string></array>', 'NFCReaderUsageDescription'],
      ];
      for (const [body, wanted] of table) {
        const text = plist(body);
        const diagnostics = missing(text, withInfoPlist(INFO));
        assert.equal(diagnostics.length, 1, body);
        assertMentions(diagnostics[0], wanted);
        assert.equal((diagnostics[0]?.data as DiagnosticData).companionEdit?.key, wanted);
        assert.deepEqual(missing(text, withInfoPlist(fileWith(`<key>${wanted}</key>`, '<string>x</string>'))), [], body);
      }
    });

    it('counts Info.plist keys generated from INFOPLIST_KEY_ build settings as present', () => {
      assert.deepEqual(missing(HEALTHKIT, withInfoPlist(INFO, { generatedInfoPlistKeys: ['NSHealthUpdateUsageDescription'] })), []);
      assert.equal(missing(HEALTHKIT, withInfoPlist(INFO, { generatedInfoPlistKeys: ['NSCameraUsageDescription'] })).length, 1);
    });

    it('ignores an entitlement set to false', () => {
      assert.deepEqual(missing(plist('<key>com.apple.developer.healthkit</key><false/>'), withInfoPlist(INFO)), []);
    });

    it('ignores a purpose string nested deeper than the root dict', () => {
      const nested = fileWith('<key>Extra</key>', '<dict><key>NSHealthShareUsageDescription</key><string>x</string></dict>');
      assert.equal(missing(HEALTHKIT, withInfoPlist(nested)).length, 1);
    });

    it('says nothing without a companion, or with a companion of the wrong kind', () => {
      assert.deepEqual(missing(HEALTHKIT, { fileKind: 'entitlements' }), []);
      assert.deepEqual(missing(HEALTHKIT, { fileKind: 'entitlements', companion: companionOf(INFO, 'entitlements') }), []);
    });

    it('still reports, without a fix, when the companion cannot take an insertion', () => {
      const unclosed = `${PLIST_HEADER}<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>x</string>\n`;
      const diagnostics = missing(HEALTHKIT, withInfoPlist(unclosed));
      assert.equal(diagnostics.length, 1);
      assert.equal((diagnostics[0]?.data as DiagnosticData | undefined)?.companionEdit, undefined);
      assert.deepEqual(quickFixes(HEALTHKIT, diagnostics), []);
    });
  });

  describe('the Mac camera entitlement', () => {
    const CAMERA = plist('\n\t<key>com.apple.security.device.camera</key>\n\t<true/>\n');

    it('needs NSCameraUsageDescription on macOS, Mac Catalyst, or an unknown platform', () => {
      const targets: ReadonlyArray<readonly Platform[]> = [['macOS'], ['MacCatalyst'], ['iOS', 'macOS'], []];
      for (const platforms of targets) {
        const diagnostics = missing(CAMERA, withInfoPlist(INFO, { target: targetOf(platforms) }));
        assert.deepEqual(findings(CAMERA, diagnostics), [{ code: 'missing-companion', covered: 'com.apple.security.device.camera' }], platforms.join());
        assertMentions(diagnostics[0], 'NSCameraUsageDescription');
      }
    });

    it('is not checked on device platforms', () => {
      assert.deepEqual(missing(CAMERA, withInfoPlist(INFO, { target: targetOf(['iOS', 'iPadOS']) })), []);
    });

    it('is satisfied by the key in Info.plist or generated by the build settings', () => {
      const options = { target: targetOf(['macOS']) };
      assert.deepEqual(missing(CAMERA, withInfoPlist(fileWith('<key>NSCameraUsageDescription</key>', '<string>Scan</string>'), options)), []);
      assert.deepEqual(missing(CAMERA, withInfoPlist(INFO, { ...options, generatedInfoPlistKeys: ['NSCameraUsageDescription'] })), []);
    });
  });

  describe('a background mode that needs an entitlement', () => {
    const REMOTE = plist('\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>fetch</string>\n\t\t<string>remote-notification</string>\n\t</array>\n');

    it('reports remote-notification without aps-environment, at the value text', () => {
      const diagnostics = diagnose(REMOTE, withEntitlements(EMPTY_ENTITLEMENTS));
      assert.deepEqual(findings(REMOTE, diagnostics), [{ code: 'missing-companion', covered: 'remote-notification' }]);
      assertMentions(diagnostics[0], 'aps-environment');
    });

    it('is satisfied by either form of the push entitlement', () => {
      for (const key of ['aps-environment', 'com.apple.developer.aps-environment']) {
        assert.deepEqual(missing(REMOTE, withEntitlements(fileWith(`<key>${key}</key>`, '<string>production</string>'))), [], key);
      }
    });

    it('does not count INFOPLIST_KEY_ settings as entitlements', () => {
      assert.equal(missing(REMOTE, withEntitlements(EMPTY_ENTITLEMENTS, { generatedInfoPlistKeys: ['aps-environment'] })).length, 1);
    });

    it('ignores other background modes', () => {
      assert.deepEqual(missing(plist('<key>UIBackgroundModes</key><array><string>fetch</string><string>audio</string></array>'), withEntitlements(EMPTY_ENTITLEMENTS)), []);
    });

    it('adds aps-environment with a development value to the entitlements file', () => {
      const { key, value } = fixCompanion(REMOTE, withEntitlements(EMPTY_ENTITLEMENTS), ENTITLEMENTS_URI, EMPTY_ENTITLEMENTS);
      assert.equal(key, 'aps-environment');
      assert.deepEqual(value, { 'aps-environment': 'development' });
    });
  });

  describe('a key that needs another key of the same Info.plist', () => {
    const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist', fileName: 'Info.plist' };
    const IOS: DiagnoseOptions = { ...INFO_PLIST, target: targetOf(['iOS']) };
    /** A complete Info.plist (it names its bundle) holding `lines` after CFBundleIdentifier. */
    const complete = (...lines: string[]) => fileWith('<key>CFBundleIdentifier</key>', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>', ...lines);
    const modes = (...values: string[]) => ['<key>UIBackgroundModes</key>', `<array>${values.map((value) => `<string>${value}</string>`).join('')}</array>`];

    /** Applies the only fix to the file itself and returns the fixed file's value. */
    function fixItself(text: string, options: DiagnoseOptions): { key: string; value: Record<string, unknown> } {
      const diagnostics = missing(text, options);
      assert.equal(diagnostics.length, 1);
      const actions = quickFixes(text, diagnostics);
      assert.equal(actions.length, 1, actions.map((action) => action.title).join(', '));
      const action = actions[0]!;
      const key = (diagnostics[0]?.data as DiagnosticData).companionEdit?.key ?? '';
      assert.equal(action.title, `Add '${key}' to Info.plist`);
      assert.equal(Object.keys(action.edit?.changes ?? {}).length, 1, 'the fix edits only the file itself');
      const fixed = applyActionTo(Object.keys(action.edit?.changes ?? {})[0] ?? '', text, action);
      const parsed = service.parse(fixed);
      assert.deepEqual(parsed.problems, [], fixed);
      assert.deepEqual(missing(fixed, options), [], 'the fix answers the finding');
      return { key, value: plain(toValue(parsed)) as Record<string, unknown> };
    }

    it('reports the processing background mode without BGTaskSchedulerPermittedIdentifiers at the value (ITMS-90771), and adds the list', () => {
      const text = complete(...modes('audio', 'processing'));
      const diagnostics = missing(text, INFO_PLIST);
      assert.deepEqual(findings(text, diagnostics), [{ code: 'missing-companion', covered: 'processing' }]);
      assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
      assertMentions(diagnostics[0], 'BGTaskSchedulerPermittedIdentifiers', 'Info.plist', 'ITMS-90771');
      const { key, value } = fixItself(text, INFO_PLIST);
      assert.equal(key, 'BGTaskSchedulerPermittedIdentifiers');
      assert.deepEqual(value.BGTaskSchedulerPermittedIdentifiers, []);
      assert.deepEqual(value.UIBackgroundModes, ['audio', 'processing']);
    });

    it('is quiet when the identifiers are listed, or when only fetch is used (BGTaskScheduler use is in the code)', () => {
      assert.deepEqual(missing(complete(...modes('processing'), '<key>BGTaskSchedulerPermittedIdentifiers</key>', '<array><string>com.example.refresh</string></array>'), INFO_PLIST), []);
      assert.deepEqual(missing(complete(...modes('fetch')), INFO_PLIST), []);
    });

    it('reports both Bluetooth background modes without NSBluetoothAlwaysUsageDescription, and adds an empty purpose string to fill in', () => {
      const text = complete(...modes('bluetooth-central', 'bluetooth-peripheral'));
      assert.deepEqual(findings(text, missing(text, INFO_PLIST)), [
        { code: 'missing-companion', covered: 'bluetooth-central' },
        { code: 'missing-companion', covered: 'bluetooth-peripheral' },
      ]);
      const single = complete(...modes('bluetooth-central'));
      const { key, value } = fixItself(single, INFO_PLIST);
      assert.equal(key, 'NSBluetoothAlwaysUsageDescription');
      assert.equal(value.NSBluetoothAlwaysUsageDescription, '');
      assert.deepEqual(missing(complete(...modes('bluetooth-central'), '<key>NSBluetoothAlwaysUsageDescription</key>', '<string>Talks to your sensor.</string>'), INFO_PLIST), []);
    });

    it('reports the Always-and-when-in-use location purpose string without the when-in-use one', () => {
      const always = ['<key>NSLocationAlwaysAndWhenInUseUsageDescription</key>', '<string>Tracks your trips.</string>'];
      const text = complete(...always);
      assert.deepEqual(findings(text, missing(text, INFO_PLIST)), [{ code: 'missing-companion', covered: 'NSLocationAlwaysAndWhenInUseUsageDescription' }]);
      assert.equal(fixItself(text, INFO_PLIST).key, 'NSLocationWhenInUseUsageDescription');
      assert.deepEqual(missing(complete(...always, '<key>NSLocationWhenInUseUsageDescription</key>', '<string>Shows where you are.</string>'), INFO_PLIST), []);
    });

    it('reports document types of an iOS app that says neither how it opens documents nor that it browses them (ITMS-90737), and adds open-in-place', () => {
      const types = ['<key>CFBundleDocumentTypes</key>', '<array><dict><key>CFBundleTypeName</key><string>Text</string><key>LSItemContentTypes</key><array><string>public.text</string></array></dict></array>'];
      const text = complete(...types);
      assert.deepEqual(findings(text, missing(text, IOS)), [{ code: 'missing-companion', covered: 'CFBundleDocumentTypes' }]);
      const { key, value } = fixItself(text, IOS);
      assert.equal(key, 'LSSupportsOpeningDocumentsInPlace');
      assert.equal(value.LSSupportsOpeningDocumentsInPlace, true);
      assert.deepEqual(missing(complete(...types, '<key>UISupportsDocumentBrowser</key>', '<true/>'), IOS), []);
      assert.deepEqual(missing(complete(...types, '<key>LSSupportsOpeningDocumentsInPlace</key>', '<false/>'), IOS), [], 'either answer counts');
      assert.deepEqual(missing(text, { ...INFO_PLIST, target: targetOf(['macOS']) }), [], 'a Mac app declares document types without either');
      assert.deepEqual(missing(text, INFO_PLIST), [], 'unknown platforms: a Mac app is as likely');
    });

    it('leaves an Info.plist that Xcode completes from build settings (no CFBundleIdentifier) alone', () => {
      assert.deepEqual(missing(fileWith(...modes('processing', 'bluetooth-central')), INFO_PLIST), []);
    });
  });
});
