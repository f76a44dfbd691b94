import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyAction, diagnose, findings, assertMentions, plist, quickFixes, URI } from '../../helpers';
import type { RequiredReasonUse } from '../../../../server/src/service/privacy/requiredReasonUses';
import { service, textDocument, context } from '../../helpers';

const manifest = (body: string) => plist(body);
const check = (text: string, uses?: readonly RequiredReasonUse[]): Diagnostic[] => {
  if (uses === undefined) return diagnose(text, { fileKind: 'privacyManifest' });
  return service.validate(textDocument(text), service.parse(text), { ...context({ fileKind: 'privacyManifest' }), requiredReasonUses: uses, severity: {} });
};

const API_ENTRY = (category: string, ...reasons: string[]) =>
  `<dict><key>NSPrivacyAccessedAPIType</key><string>${category}</string><key>NSPrivacyAccessedAPITypeReasons</key><array>${reasons.map((reason) => `<string>${reason}</string>`).join('')}</array></dict>`;

const VALID = manifest(
  '<key>NSPrivacyTracking</key><true/>' +
    '<key>NSPrivacyTrackingDomains</key><array><string>ads.example.com</string></array>' +
    '<key>NSPrivacyCollectedDataTypes</key><array><dict>' +
    '<key>NSPrivacyCollectedDataType</key><string>NSPrivacyCollectedDataTypeEmailAddress</string>' +
    '<key>NSPrivacyCollectedDataTypeLinked</key><true/>' +
    '<key>NSPrivacyCollectedDataTypeTracking</key><false/>' +
    '<key>NSPrivacyCollectedDataTypePurposes</key><array><string>NSPrivacyCollectedDataTypePurposeAppFunctionality</string></array>' +
    '</dict></array>' +
    `<key>NSPrivacyAccessedAPITypes</key><array>${API_ENTRY('NSPrivacyAccessedAPICategoryUserDefaults', 'CA92.1')}${API_ENTRY('NSPrivacyAccessedAPICategoryFileTimestamp', 'C617.1', '3B52.1')}</array>`,
);

describe('privacy manifest findings', () => {
  it('says nothing about a correct manifest', () => {
    assert.deepEqual(findings(VALID, check(VALID)), []);
  });

  it('says nothing about an empty manifest or an Xcode template with empty arrays', () => {
    const template = manifest('<key>NSPrivacyTracking</key><false/><key>NSPrivacyTrackingDomains</key><array/><key>NSPrivacyCollectedDataTypes</key><array/><key>NSPrivacyAccessedAPITypes</key><array/>');
    assert.deepEqual(findings(template, check(template)), []);
    assert.deepEqual(findings(manifest(''), check(manifest(''))), []);
  });

  it('flags a reason code of another category, naming it, and fixes it to the right code', () => {
    const text = manifest(`<key>NSPrivacyAccessedAPITypes</key><array>${API_ENTRY('NSPrivacyAccessedAPICategoryUserDefaults', 'C617.1')}</array>`);
    const diagnostics = check(text);
    assert.deepEqual(findings(text, diagnostics), [{ code: 'invalid-value', covered: 'C617.1' }]);
    assertMentions(diagnostics[0], 'NSPrivacyAccessedAPICategoryFileTimestamp', 'CA92.1');
    const [first] = quickFixes(text, diagnostics);
    assert.ok(first !== undefined);
    assert.ok(applyAction(text, first).includes('<string>CA92.1</string>'));
  });

  it('fixes a near-miss reason code to the code of its category', () => {
    const text = manifest(`<key>NSPrivacyAccessedAPITypes</key><array>${API_ENTRY('NSPrivacyAccessedAPICategorySystemBootTime', '35F9.2')}</array>`);
    const diagnostics = check(text);
    assert.deepEqual(findings(text, diagnostics), [{ code: 'invalid-value', covered: '35F9.2' }]);
    const titles = quickFixes(text, diagnostics).map((action) => action.title);
    assert.ok(titles.some((title) => title.includes('35F9.1')), titles.join(', '));
    assert.ok(!titles.some((title) => title.includes('CA92.1')));
  });

  it('flags an unknown category, data type and purpose with the near miss', () => {
    const text = manifest(
      `<key>NSPrivacyAccessedAPITypes</key><array>${API_ENTRY('NSPrivacyAccessedAPICategoryUserDefault', 'CA92.1')}</array>` +
        '<key>NSPrivacyCollectedDataTypes</key><array><dict><key>NSPrivacyCollectedDataType</key><string>NSPrivacyCollectedDataTypeEmail</string>' +
        '<key>NSPrivacyCollectedDataTypePurposes</key><array><string>NSPrivacyCollectedDataTypePurposeAnalytic</string></array></dict></array>',
    );
    const diagnostics = check(text);
    assert.deepEqual(findings(text, diagnostics), [
      { code: 'invalid-value', covered: 'NSPrivacyAccessedAPICategoryUserDefault' },
      { code: 'invalid-value', covered: 'NSPrivacyCollectedDataTypeEmail' },
      { code: 'invalid-value', covered: 'NSPrivacyCollectedDataTypePurposeAnalytic' },
    ]);
    const fixed = applyAction(text, quickFixes(text, [diagnostics[0] as Diagnostic])[0]!);
    assert.ok(fixed.includes('<string>NSPrivacyAccessedAPICategoryUserDefaults</string>'));
  });

  it('flags a misspelt key with the near miss, top level and in a dictionary', () => {
    const text = manifest(`<key>NSPrivacyTrackng</key><false/><key>NSPrivacyAccessedAPITypes</key><array><dict><key>NSPrivacyAccessedAPITypeReason</key><array/></dict></array>`);
    const diagnostics = check(text);
    assert.deepEqual(findings(text, diagnostics), [
      { code: 'unknown-key', covered: 'NSPrivacyTrackng' },
      { code: 'unknown-key', covered: 'NSPrivacyAccessedAPITypeReason' },
    ]);
    const fixed = applyAction(text, quickFixes(text, [diagnostics[0] as Diagnostic])[0]!);
    assert.ok(fixed.includes('<key>NSPrivacyTracking</key>'));
  });

  it('flags an Info.plist purpose string or an entitlement in the manifest as misplaced', () => {
    const text = manifest('<key>NSCameraUsageDescription</key><string>Scan</string><key>com.apple.security.app-sandbox</key><true/>');
    assert.deepEqual(findings(text, check(text)), [
      { code: 'misplaced-key', covered: 'NSCameraUsageDescription' },
      { code: 'misplaced-key', covered: 'com.apple.security.app-sandbox' },
    ]);
  });

  it('flags wrong types, with the conversion where the meaning survives', () => {
    const text = manifest('<key>NSPrivacyTracking</key><string>NO</string><key>NSPrivacyTrackingDomains</key><string>ads.example.com</string>');
    const diagnostics = check(text);
    assert.deepEqual(findings(text, diagnostics), [
      { code: 'invalid-value-type', covered: '<string>NO</string>' },
      { code: 'invalid-value-type', covered: '<string>ads.example.com</string>' },
    ]);
    assert.ok(applyAction(text, quickFixes(text, [diagnostics[0] as Diagnostic])[0]!).includes('<key>NSPrivacyTracking</key><false/>'));
  });

  it('flags tracking with no domains, and domains without tracking', () => {
    const tracking = manifest('<key>NSPrivacyTracking</key><true/><key>NSPrivacyTrackingDomains</key><array/>');
    assert.deepEqual(findings(tracking, check(tracking)), [{ code: 'invalid-value', covered: '<true/>' }]);
    const domains = manifest('<key>NSPrivacyTracking</key><false/><key>NSPrivacyTrackingDomains</key><array><string>ads.example.com</string></array>');
    assert.deepEqual(findings(domains, check(domains)), [{ code: 'invalid-value', covered: 'NSPrivacyTrackingDomains' }]);
  });

  it('flags a tracking domain written as a URL and fixes it to the host', () => {
    const text = manifest('<key>NSPrivacyTracking</key><true/><key>NSPrivacyTrackingDomains</key><array><string>https://ads.example.com/track</string></array>');
    const diagnostics = check(text);
    assert.deepEqual(findings(text, diagnostics), [{ code: 'invalid-value', covered: 'https://ads.example.com/track' }]);
    assert.ok(applyAction(text, quickFixes(text, diagnostics)[0]!).includes('<string>ads.example.com</string>'));
  });

  it('flags an accessed API entry with no reason', () => {
    const text = manifest(`<key>NSPrivacyAccessedAPITypes</key><array>${API_ENTRY('NSPrivacyAccessedAPICategoryDiskSpace')}</array>`);
    assert.deepEqual(findings(text, check(text)), [{ code: 'invalid-value', covered: '<array></array>' }]);
  });

  it('does not run the Info.plist and entitlements rules on a manifest', () => {
    const codes = new Set(check(VALID).map((diagnostic) => diagnostic.code));
    assert.equal(codes.size, 0);
    const text = manifest('<key>NSPrivacyTracking</key><false/><key>NSPrivacyTracking</key><false/>');
    assert.deepEqual(findings(text, check(text)).map((finding) => finding.code), ['duplicate-key']);
  });

  describe('missing-api-declaration (ITMS-91053)', () => {
    const use = (category: string, symbol: string, line = 12): RequiredReasonUse => ({ category, symbol, file: 'App/Settings.swift', line });

    it('names the file and line of a used category the manifest does not declare, at NSPrivacyAccessedAPITypes', () => {
      const diagnostics = check(VALID, [use('NSPrivacyAccessedAPICategorySystemBootTime', 'systemUptime'), use('NSPrivacyAccessedAPICategoryUserDefaults', 'UserDefaults')]);
      assert.deepEqual(findings(VALID, diagnostics), [{ code: 'missing-api-declaration', covered: 'NSPrivacyAccessedAPITypes' }]);
      assertMentions(diagnostics[0], 'systemUptime', 'App/Settings.swift:12', 'NSPrivacyAccessedAPICategorySystemBootTime');
    });

    it('adds the category with a placeholder reason to the array', () => {
      const diagnostics = check(VALID, [use('NSPrivacyAccessedAPICategoryDiskSpace', 'volumeAvailableCapacityKey')]);
      const [action] = quickFixes(VALID, diagnostics);
      assert.ok(action !== undefined);
      const fixed = applyAction(VALID, action);
      assert.deepEqual(findings(fixed, check(fixed, [use('NSPrivacyAccessedAPICategoryDiskSpace', 'volumeAvailableCapacityKey')])), []);
      assert.ok(fixed.includes('<string>NSPrivacyAccessedAPICategoryDiskSpace</string>'));
      assert.ok(fixed.includes('<string>85F4.1</string>'));
    });

    it('adds the key when the manifest has none, and into a self-closed array', () => {
      for (const body of ['\n\t<key>NSPrivacyTracking</key>\n\t<false/>\n', '\n\t<key>NSPrivacyAccessedAPITypes</key>\n\t<array/>\n']) {
        const text = `${plist('').replace('<dict></dict>', `<dict>${body}</dict>`)}`;
        const uses = [use('NSPrivacyAccessedAPICategoryUserDefaults', 'UserDefaults')];
        const diagnostics = check(text, uses);
        assert.equal(diagnostics.length, 1);
        const fixed = applyAction(text, quickFixes(text, diagnostics)[0]!);
        assert.deepEqual(findings(fixed, check(fixed, uses)), [], fixed);
        assert.equal(service.parse(fixed).problems.length, 0);
      }
    });

    it('says nothing when every used category is declared', () => {
      assert.deepEqual(check(VALID, [use('NSPrivacyAccessedAPICategoryUserDefaults', 'UserDefaults')]), []);
    });
  });

  it('uses the document URI for the fix of a missing declaration', () => {
    const diagnostics = check(VALID, [{ category: 'NSPrivacyAccessedAPICategoryActiveKeyboards', symbol: 'activeInputModes', file: 'Keyboard.swift', line: 3 }]);
    const [action] = quickFixes(VALID, diagnostics);
    assert.deepEqual(Object.keys(action?.edit?.changes ?? {}), [URI]);
  });
});

describe('privacy manifest keys in the other files', () => {
  it('flags NSPrivacyTracking in Info.plist and in an entitlements file as misplaced, with the removal', () => {
    for (const fileKind of ['infoPlist', 'entitlements'] as const) {
      const text = plist('<key>NSPrivacyTracking</key><false/><key>NSPrivacyAccessedAPITypes</key><array/>');
      const diagnostics = diagnose(text, { fileKind });
      assert.deepEqual(findings(text, diagnostics), [
        { code: 'misplaced-key', covered: 'NSPrivacyTracking' },
        { code: 'misplaced-key', covered: 'NSPrivacyAccessedAPITypes' },
      ], fileKind);
      assertMentions(diagnostics[0], 'PrivacyInfo.xcprivacy');
      assert.ok(quickFixes(text, diagnostics).some((action) => action.title === "Remove 'NSPrivacyTracking'"));
    }
  });
});
