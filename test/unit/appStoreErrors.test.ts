/**
 * docs/app-store-errors.md, proven: for every error the table says a code catches (fully or in part), a file that
 * makes the error, and the finding the checker gives on it. A caught row without its case here fails the test.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentContext } from '../../server/src/service/types';
import { diagnoseWithProfile, OTHER_TEAM, profileData } from '../builders/signedProfiles';
import { companionOf, diagnose, plist, targetOf, type DiagnoseOptions } from './helpers';

interface ErrorCase {
  readonly text: string;
  readonly options?: DiagnoseOptions;
  /** The case is checked against a provisioning profile (entitlements only). */
  readonly profile?: ReturnType<typeof profileData>;
  readonly extra?: Partial<DocumentContext>;
}

const ENTITLEMENTS: DiagnoseOptions = { fileKind: 'entitlements' };
const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist' };
const APP_CLIP: DiagnoseOptions = { fileKind: 'entitlements', target: targetOf(['iOS'], { productType: 'app-clip' }) };
const DEVELOPMENT = profileData({ entitlements: { ...profileData().entitlements, 'aps-environment': 'development' } });
/** A complete Info.plist names its bundle; checks between its own keys stay quiet on the part Xcode completes. */
const BUNDLE = '<key>CFBundleIdentifier</key><string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>';
/** UIDeviceFamily with iPad: the app runs on iPad (the project's TARGETED_DEVICE_FAMILY says it too). */
const IPAD_FAMILY = '<key>UIDeviceFamily</key><array><integer>1</integer><integer>2</integer></array>';
const array = (key: string, ...values: string[]) => `<key>${key}</key><array>${values.map((value) => `<string>${value}</string>`).join('')}</array>`;

const CASES: Readonly<Record<string, ErrorCase>> = {
  'ITMS-90683': { text: plist('<key>com.apple.developer.healthkit</key><true/>'), options: { fileKind: 'entitlements', platform: 'iOS', companion: companionOf(plist('<key>CFBundleName</key><string>App</string>'), 'infoPlist') } },
  'ITMS-90164': { text: plist('<key>aps-environment</key><string>development</string><key>com.apple.developer.healthkit</key><true/>'), profile: DEVELOPMENT },
  'ITMS-90046': { text: plist('<key>aps-environment</key><string>prod</string>'), options: ENTITLEMENTS },
  'ITMS-90045': { text: plist('<key>com.apple.private.security.no-sandbox</key><true/>'), options: ENTITLEMENTS },
  'ITMS-90296': { text: plist('<key>com.apple.security.app-sandbox</key><string>YES</string>'), options: ENTITLEMENTS },
  'ITMS-90109': { text: plist(array('UIRequiredDeviceCapabilities', 'armv7', 'magnetometr')), options: INFO_PLIST },
  'ITMS-90036': { text: plist('<key>CFBundleName</key><key>CFBundleVersion</key><string>1</string>'), options: INFO_PLIST },
  'ITMS-90164 (keychain-access-groups)': { text: plist(array('keychain-access-groups', `${OTHER_TEAM}.com.example.shared`)), profile: profileData() },
  "Xcode: profile doesn't include entitlement": { text: plist('<key>com.apple.developer.homekit</key><true/>'), profile: profileData() },
  "Xcode: profile doesn't match entitlement value": { text: plist('<key>aps-environment</key><string>production</string>'), profile: DEVELOPMENT },
  '0xE8008016': { text: plist('<key>aps-environment</key><string>production</string>'), profile: DEVELOPMENT },
  '0xE8008015': { text: plist('<key>get-task-allow</key><true/>'), profile: profileData({ expirationDate: new Date('2026-01-01T00:00:00Z') }) },
  'codesign: duplicate dictionary key': { text: plist('<key>com.apple.security.app-sandbox</key><true/><key>com.apple.security.app-sandbox</key><true/>'), options: ENTITLEMENTS },
  'App Clip: Info.plist key not allowed': { text: plist('<key>com.apple.developer.healthkit</key><true/>'), options: APP_CLIP },
  'ITMS-90876': { text: plist('<key>com.apple.developer.associated-appclip-app-identifiers</key><array/>'), options: ENTITLEMENTS },
  'App Clip: parent-application-identifiers': { text: plist('<key>com.apple.developer.parent-application-identifiers</key><array/>'), options: APP_CLIP },
  'ITMS-90502': { text: plist(array('UIRequiredDeviceCapabilities', 'arm64', 'accelerometr')), options: INFO_PLIST },
  'ITMS-90112': { text: plist(array('UIBackgroundModes', 'remote-notifications')), options: INFO_PLIST },
  'ITMS-90158': { text: plist('<key>CFBundleURLTypes</key><array><dict><key>CFBundleURLSchemes</key><array><string>myapp://</string></array></dict></array>'), options: INFO_PLIST },
  'ITMS-90046 (associated-domains)': { text: plist(array('com.apple.developer.associated-domains', 'example.com')), options: ENTITLEMENTS },
  'ITMS-90286': { text: plist(array('com.apple.security.application-groups', 'com.example.shared')), options: { fileKind: 'entitlements', platform: 'macOS' } },
  'ITMS-90738': { text: plist('<key>NSCameraUsageDescription</key><string></string>'), options: INFO_PLIST },
  'ITMS-90771': { text: plist(BUNDLE + array('UIBackgroundModes', 'processing')), options: INFO_PLIST },
  'ITMS-90683 (Bluetooth)': { text: plist(BUNDLE + array('UIBackgroundModes', 'bluetooth-central')), options: INFO_PLIST },
  'ITMS-90683 (location pair)': { text: plist(`${BUNDLE}<key>NSLocationAlwaysAndWhenInUseUsageDescription</key><string>Tracks your trips.</string>`), options: INFO_PLIST },
  'ITMS-90737': { text: plist(`${BUNDLE}<key>CFBundleDocumentTypes</key><array><dict><key>LSItemContentTypes</key><array><string>public.text</string></array></dict></array>`), options: { fileKind: 'infoPlist', target: targetOf(['iOS']) } },
  'ITMS-90339': { text: plist(`${BUNDLE}<key>CFBundleResourceSpecification</key><string>ResourceRules.plist</string>`), options: INFO_PLIST },
  'ITMS-90542': { text: plist(array('CFBundleSupportedPlatforms', 'iPhoneSimulator')), options: INFO_PLIST },
  'ITMS-90475': { text: plist(BUNDLE + IPAD_FAMILY + array('UISupportedInterfaceOrientations~ipad', 'UIInterfaceOrientationPortrait', 'UIInterfaceOrientationPortraitUpsideDown', 'UIInterfaceOrientationLandscapeLeft', 'UIInterfaceOrientationLandscapeRight')), options: INFO_PLIST },
  'ITMS-90474': { text: plist(BUNDLE + IPAD_FAMILY + array('UISupportedInterfaceOrientations~ipad', 'UIInterfaceOrientationPortrait', 'UIInterfaceOrientationPortraitUpsideDown')), options: INFO_PLIST },
  'ITMS-90788': { text: plist('<key>CFBundleDocumentTypes</key><array><dict><key>CFBundleTypeName</key><string>Text</string><key>LSHandlerRank</key><string>Defualt</string></dict></array>'), options: INFO_PLIST },
  'ITMS-90242': { text: plist('<key>LSApplicationCategoryType</key><string>public.app-category.utility</string>'), options: { fileKind: 'infoPlist', platform: 'macOS' } },
  'Xcode: no matching profile for entitlements': { text: plist('<key>com.apple.developer.icloud-container-identifiers</key><array><string>iCloud.com.example.app</string></array>'), profile: profileData() },
  'Installer: unknown NSExtensionPointIdentifier': { text: plist('<key>NSExtension</key><dict><key>NSExtensionPointIdentifier</key><string>com.apple.share-service</string></dict>'), options: INFO_PLIST },
};

/** The table's rows that name a code in their "caught by" column: the error and the code. */
function caughtRows(): Array<{ error: string; code: string }> {
  const table = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'app-store-errors.md'), 'utf8');
  return table.split('\n').flatMap((line) => {
    const match = /^\| \[([^\]]+)\]\([^)]*\) \|.*\| `([a-z-]+)` \|[^|]*\|$/.exec(line);
    return match === null ? [] : [{ error: (match[1] ?? '').replace(/\\\|/g, '|'), code: match[2] ?? '' }];
  });
}

describe('Apple\'s upload and signing errors (docs/app-store-errors.md)', () => {
  const rows = caughtRows();

  it('reads the caught rows of the table', () => {
    assert.ok(rows.length >= 20, `${rows.length} caught rows`);
    assert.deepEqual(rows.map((row) => row.error).filter((error) => CASES[error] === undefined), [], 'caught rows without a case');
  });

  for (const { error, code } of rows) {
    it(`${error}: ${code} reports it`, () => {
      const errorCase = CASES[error];
      assert.ok(errorCase !== undefined);
      const diagnostics = errorCase.profile === undefined ? diagnose(errorCase.text, errorCase.options ?? ENTITLEMENTS) : diagnoseWithProfile(errorCase.text, errorCase.profile, errorCase.extra);
      const codes = diagnostics.filter((diagnostic) => (diagnostic.severity ?? 1) <= 3).map((diagnostic) => String(diagnostic.code));
      assert.ok(codes.includes(code), `${error}: got ${codes.join(', ') || 'nothing'}`);
    });
  }
});
