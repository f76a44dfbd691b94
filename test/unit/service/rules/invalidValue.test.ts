import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { CatalogEntry } from '../../../../shared/src/catalog';
import { CATALOG } from '../../../../shared/src/catalogData';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../../../server/src/service/plist/value';
import { createLanguageService } from '../../../../server/src/service/languageService';
import { PLIST_HEADER, applyAction, assertMentions, catalogEntry, catalogOf, context, diagnose, findings, plist, quickFixes, targetOf, textDocument, type DiagnoseOptions } from '../../helpers';

type Dict = { [key: string]: PlistValue };

const ENTITLEMENTS: DiagnoseOptions = { fileKind: 'entitlements' };
const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist' };

function valueProblems(text: string, options: DiagnoseOptions): Diagnostic[] {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === 'invalid-value');
}

function rootValue(text: string): Dict {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the result is well-formed');
  return JSON.parse(JSON.stringify(toValue(document))) as Dict;
}

/** The titles of the fixes for the one invalid-value in `text`, and the document after the preferred one. */
function fixesOf(text: string, options: DiagnoseOptions): { titles: string[]; result: string | undefined } {
  const problems = valueProblems(text, options);
  assert.equal(problems.length, 1, 'exactly one invalid-value');
  const actions = quickFixes(text, problems);
  const preferred = actions.filter((action) => action.isPreferred === true);
  assert.ok(preferred.length <= 1, 'at most one preferred fix');
  return { titles: actions.map((action) => action.title), result: preferred[0] === undefined ? undefined : applyAction(text, preferred[0]) };
}

/** An entitlements file holding one key with `values` as an array of strings. */
function stringArray(key: string, ...values: string[]): string {
  return plist(`\n\t<key>${key}</key>\n\t<array>\n${values.map((value) => `\t\t<string>${value}</string>\n`).join('')}\t</array>\n`);
}

describe('invalid-value', () => {
  describe('enumerations', () => {
    it('reports an entitlement value outside its list as an error and offers the nearest value', () => {
      const text = plist('\n\t<key>aps-environment</key>\n\t<string>prod</string>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n');
      const problems = valueProblems(text, ENTITLEMENTS);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: 'prod' }]);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Error);
      assertMentions(problems[0], 'prod', 'aps-environment', 'development', 'production');
      const { titles, result } = fixesOf(text, ENTITLEMENTS);
      assert.deepEqual(titles, ["Change to 'production'"]);
      assert.equal(result, text.replace('>prod<', '>production<'));
      assert.deepEqual(rootValue(result ?? ''), { ...rootValue(text), 'aps-environment': 'production' });
      assert.deepEqual(valueProblems(result ?? '', ENTITLEMENTS), []);
    });

    it('reports a value that differs only in case as a warning', () => {
      const text = plist('<key>aps-environment</key><string>Production</string>');
      const problems = valueProblems(text, ENTITLEMENTS);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
      assert.equal(fixesOf(text, ENTITLEMENTS).result, plist('<key>aps-environment</key><string>production</string>'));
    });

    it('checks each item of an array and fixes only that item', () => {
      const text = stringArray('com.apple.developer.icloud-services', 'CloudKit', 'CloudKitt');
      assert.deepEqual(findings(text, valueProblems(text, ENTITLEMENTS)), [{ code: 'invalid-value', covered: 'CloudKitt' }]);
      const { result } = fixesOf(text, ENTITLEMENTS);
      assert.deepEqual(rootValue(result ?? '')['com.apple.developer.icloud-services'], ['CloudKit', 'CloudKit']);
    });

    it('offers no fix when no documented value is near', () => {
      const text = plist('<key>com.apple.developer.icloud-services</key><array><string>Photos</string></array>');
      assert.deepEqual(fixesOf(text, ENTITLEMENTS).titles, []);
    });

    it('checks integer enumerations', () => {
      const text = plist('<key>com.apple.security.hardened-process.platform-restrictions</key><integer>3</integer>');
      assert.deepEqual(findings(text, valueProblems(text, ENTITLEMENTS)), [{ code: 'invalid-value', covered: '3' }]);
    });

    it('flags an empty entitlement value, covering the whole element', () => {
      const text = plist('<key>aps-environment</key><string/>');
      assert.deepEqual(findings(text, valueProblems(text, ENTITLEMENTS)), [{ code: 'invalid-value', covered: '<string/>' }]);
    });

    it('leaves open lists alone', () => {
      assert.deepEqual(valueProblems(stringArray('com.apple.developer.networking.networkextension', 'hotspot-provider'), ENTITLEMENTS), []);
      assert.deepEqual(valueProblems(plist('<key>NSExtension</key><dict><key>NSExtensionPointIdentifier</key><string>com.example.point</string></dict>'), INFO_PLIST), []);
    });

    it('checks the Info.plist lists known to be complete, as warnings', () => {
      const text = plist('<key>UIUserInterfaceStyle</key><string>dark</string>');
      const problems = valueProblems(text, INFO_PLIST);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: 'dark' }]);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(rootValue(fixesOf(text, INFO_PLIST).result ?? ''), { UIUserInterfaceStyle: 'Dark' });
    });

    it('finds nested Info.plist values and device-suffixed keys', () => {
      const orientations = plist('<key>UISupportedInterfaceOrientations~ipad</key><array><string>UIInterfaceOrientationPortrait</string><string>UIInterfaceOrientationLandscape</string></array>');
      assert.deepEqual(findings(orientations, valueProblems(orientations, INFO_PLIST)), [{ code: 'invalid-value', covered: 'UIInterfaceOrientationLandscape' }]);
      const rank = plist('<key>CFBundleDocumentTypes</key><array><dict><key>LSHandlerRank</key><string>Primary</string></dict></array>');
      assert.deepEqual(findings(rank, valueProblems(rank, INFO_PLIST)), [{ code: 'invalid-value', covered: 'Primary' }]);
    });

    it('accepts a documented value however it is written, in short lists and long ones', () => {
      // Short lists (TLS versions, aps-environment) are compared value by value, long ones in a set.
      const written = ['TLSv1.2', ' TLSv1.2\n', 'TLSv1&#46;2', '<![CDATA[TLSv1.2]]>'];
      const levels = Array.from({ length: 12 }, (_, index) => ({ value: `level-${index}`, description: `Level ${index}.` }));
      const longList = createLanguageService(catalogOf({ entitlements: [catalogEntry('com.example.level', { type: 'string', values: levels, valuesAreExhaustive: true })] }));
      const longListProblems = (text: string) => longList.validate(textDocument(text), longList.parse(text), { ...context(ENTITLEMENTS), severity: {} }).filter((diagnostic) => diagnostic.code === 'invalid-value');
      for (const value of written) {
        const text = plist(`<key>NSAppTransportSecurity</key><dict><key>NSExceptionDomains</key><dict><key>example.com</key><dict><key>NSExceptionMinimumTLSVersion</key><string>${value}</string></dict></dict></dict>`);
        assert.deepEqual(valueProblems(text, INFO_PLIST), [], value);
      }
      for (const value of ['level-11', ' level-11\n', 'level&#45;11', '<![CDATA[level-11]]>']) {
        assert.deepEqual(longListProblems(plist(`<key>com.example.level</key><string>${value}</string>`)), [], value);
      }
      assert.equal(longListProblems(plist('<key>com.example.level</key><string>level-12</string>')).length, 1);
      for (const [key, value] of [['NSExceptionMinimumTLSVersion', 'TLSv1.4'], ['NSExceptionMinimumTLSVersion', 'tlsv1.2']]) {
        const text = plist(`<key>NSAppTransportSecurity</key><dict><key>NSExceptionDomains</key><dict><key>example.com</key><dict><key>${key}</key><string>${value}</string></dict></dict></dict>`);
        assert.deepEqual(findings(text, valueProblems(text, INFO_PLIST)), [{ code: 'invalid-value', covered: value }]);
      }
      assert.equal(valueProblems(plist('<key>aps-environment</key><string> production </string>'), ENTITLEMENTS).length, 0);
    });

    it('treats an empty Info.plist value as unset, as Xcode templates leave it', () => {
      assert.deepEqual(valueProblems(plist('<key>UIUserInterfaceStyle</key><string></string>'), INFO_PLIST), []);
    });

    it('accepts build-setting references and leaves wrong types to invalid-value-type', () => {
      assert.deepEqual(valueProblems(plist('<key>aps-environment</key><string>$(APS_ENVIRONMENT)</string>'), ENTITLEMENTS), []);
      assert.deepEqual(valueProblems(plist('<key>aps-environment</key><integer>1</integer>'), ENTITLEMENTS), []);
    });
  });

  describe('associated domains', () => {
    const key = 'com.apple.developer.associated-domains';

    it('accepts every service, wildcards and the modes', () => {
      const text = stringArray(key, 'applinks:example.com', 'webcredentials:example.com', 'activitycontinuation:example.com', 'appclips:example.com', 'authsrv:login.example.com', 'messagefilter:example.com', 'applinks:*.example.com', 'applinks:example.com?mode=developer', 'webcredentials:example.com?mode=developer+managed', 'applinks:$(APP_DOMAIN)');
      assert.deepEqual(valueProblems(text, ENTITLEMENTS), []);
    });

    it('adds a missing service prefix, applinks: preferred', () => {
      const text = stringArray(key, 'applinks:example.org', 'example.com');
      const problems = valueProblems(text, ENTITLEMENTS);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: 'example.com' }]);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
      const { titles, result } = fixesOf(text, ENTITLEMENTS);
      assert.deepEqual(titles, ["Change to 'applinks:example.com'", "Change to 'webcredentials:example.com'", "Change to 'activitycontinuation:example.com'"]);
      assert.deepEqual(rootValue(result ?? '')[key], ['applinks:example.org', 'applinks:example.com']);
    });

    it('corrects a misspelt service and strips a URL', () => {
      assert.equal(fixesOf(stringArray(key, 'applink:example.com'), ENTITLEMENTS).titles[0], "Change to 'applinks:example.com'");
      assert.equal(fixesOf(stringArray(key, 'https://example.com/app'), ENTITLEMENTS).titles[0], "Change to 'applinks:example.com'");
    });

    it('reports an unknown mode without a guess', () => {
      const text = stringArray(key, 'applinks:example.com?mode=dev');
      assert.deepEqual(findings(text, valueProblems(text, ENTITLEMENTS)), [{ code: 'invalid-value', covered: 'applinks:example.com?mode=dev' }]);
      assert.deepEqual(fixesOf(text, ENTITLEMENTS).titles, []);
    });
  });

  describe('app groups', () => {
    const key = 'com.apple.security.application-groups';

    it('needs group. on iOS-family targets', () => {
      const text = stringArray(key, 'ABCDE12345.com.example.shared');
      assert.deepEqual(findings(text, valueProblems(text, { fileKind: 'entitlements', platform: 'iOS' })), [{ code: 'invalid-value', covered: 'ABCDE12345.com.example.shared' }]);
    });

    it('accepts a Team ID prefix on macOS, and when the platform is unknown', () => {
      const text = stringArray(key, 'ABCDE12345.com.example.shared', 'group.com.example');
      assert.deepEqual(valueProblems(text, { fileKind: 'entitlements', platform: 'macOS' }), []);
      assert.deepEqual(valueProblems(text, ENTITLEMENTS), []);
    });

    it('offers both prefixes on macOS and only group. on iOS', () => {
      const text = stringArray(key, 'com.example.shared');
      assert.deepEqual(fixesOf(text, { fileKind: 'entitlements', platform: 'macOS' }).titles, ["Change to 'group.com.example.shared'", "Change to '$(TeamIdentifierPrefix)com.example.shared'"]);
      const { titles, result } = fixesOf(text, { fileKind: 'entitlements', platform: 'iOS' });
      assert.deepEqual(titles, ["Change to 'group.com.example.shared'"]);
      assert.deepEqual(rootValue(result ?? '')[key], ['group.com.example.shared']);
    });

    it('corrects a misspelt prefix', () => {
      assert.equal(fixesOf(stringArray(key, 'groups.com.example'), { fileKind: 'entitlements', platform: 'iOS' }).titles[0], "Change to 'group.com.example'");
    });

    it('accepts build-setting references anywhere in the value', () => {
      const text = stringArray(key, '$(TeamIdentifierPrefix)com.example', 'group.$(PRODUCT_BUNDLE_IDENTIFIER)', '$(APP_GROUP)');
      assert.deepEqual(valueProblems(text, { fileKind: 'entitlements', platform: 'iOS' }), []);
    });
  });

  describe('iCloud containers and merchant IDs', () => {
    it('needs iCloud. and corrects its case', () => {
      for (const key of ['com.apple.developer.icloud-container-identifiers', 'com.apple.developer.ubiquity-container-identifiers']) {
        assert.equal(fixesOf(stringArray(key, 'com.example.app'), ENTITLEMENTS).titles[0], "Change to 'iCloud.com.example.app'", key);
        assert.equal(fixesOf(stringArray(key, 'icloud.com.example.app'), ENTITLEMENTS).titles[0], "Change to 'iCloud.com.example.app'", key);
        assert.deepEqual(valueProblems(stringArray(key, 'iCloud.$(CFBundleIdentifier)', 'iCloud.com.example'), ENTITLEMENTS), [], key);
      }
    });

    it('needs merchant. for Apple Pay', () => {
      const text = stringArray('com.apple.developer.in-app-payments', 'com.example.pay');
      assert.equal(fixesOf(text, ENTITLEMENTS).titles[0], "Change to 'merchant.com.example.pay'");
    });

    it('escapes replacement text', () => {
      const text = stringArray('com.apple.developer.in-app-payments', 'a&amp;b');
      const { result } = fixesOf(text, ENTITLEMENTS);
      assert.deepEqual(rootValue(result ?? '')['com.apple.developer.in-app-payments'], ['merchant.a&b']);
    });
  });

  describe('near misses of open lists', () => {
    const modes = (...values: string[]) => plist(`<key>UIBackgroundModes</key><array>${values.map((value) => `<string>${value}</string>`).join('')}</array>`);

    it('reports a slip of a documented value, with the value as the fix, though other values may be valid', () => {
      const slips: ReadonlyArray<readonly [string, string]> = [['remote-notifications', 'remote-notification'], ['Remote-Notification', 'remote-notification'], ['remote_notification', 'remote-notification'], ['procesing', 'processing'], ['bluetooth-centrel', 'bluetooth-central']];
      for (const [slip, meant] of slips) {
        const text = modes(slip);
        const problems = valueProblems(text, INFO_PLIST);
        assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: slip }], slip);
        assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
        assertMentions(problems[0], `did you mean '${meant}'`);
        assert.deepEqual(fixesOf(text, INFO_PLIST).titles, [`Change to '${meant}'`], slip);
      }
    });

    it('works for entitlements too (network extension types)', () => {
      const text = stringArray('com.apple.developer.networking.networkextension', 'packet-tunnel-providers');
      assert.deepEqual(fixesOf(text, ENTITLEMENTS).titles, ["Change to 'packet-tunnel-provider'"]);
    });

    it('leaves undocumented values that are no slip alone: other words, other digits, short codes', () => {
      assert.deepEqual(valueProblems(modes('audio', 'picture-in-picture', 'fetch'), INFO_PLIST), []);
      const capabilities = (value: string) => plist(`<key>UIRequiredDeviceCapabilities</key><array><string>${value}</string></array>`);
      for (const value of ['armv6', 'armv7s', 'opengles-4', 'magnetometer']) assert.deepEqual(valueProblems(capabilities(value), INFO_PLIST), [], value);
      assert.deepEqual(valueProblems(plist('<key>CFBundlePackageType</key><string>XPC!</string>'), INFO_PLIST), []);
    });
  });

  describe('URL schemes', () => {
    const schemes = (...values: string[]) => plist(`\n\t<key>CFBundleURLTypes</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>CFBundleURLSchemes</key>\n\t\t\t<array>\n${values.map((value) => `\t\t\t\t<string>${value}</string>\n`).join('')}\t\t\t</array>\n\t\t</dict>\n\t</array>\n`);

    it('reports a scheme written as a URL, with the scheme alone as the fix (ITMS-90158)', () => {
      const text = schemes('myapp://');
      assert.deepEqual(findings(text, valueProblems(text, INFO_PLIST)), [{ code: 'invalid-value', covered: 'myapp://' }]);
      const { titles, result } = fixesOf(text, INFO_PLIST);
      assert.deepEqual(titles, ["Change to 'myapp'"]);
      assert.deepEqual(valueProblems(result ?? '', INFO_PLIST), []);
    });

    it('reports characters a scheme cannot hold, and a scheme that starts with a digit', () => {
      for (const scheme of ['my_app', '1password', 'my app']) assert.equal(valueProblems(schemes(scheme), INFO_PLIST).length, 1, scheme);
    });

    it('accepts real schemes and what a build fills in', () => {
      assert.deepEqual(valueProblems(schemes('myapp', 'com.example.app', 'fb1234567890', 'x-callback-url', 'db-abc123', '$(PRODUCT_BUNDLE_IDENTIFIER)', 'GOOGLE_AUTH_SCHEME'), INFO_PLIST), []);
    });
  });

  describe('supported platforms', () => {
    const platforms = (...values: string[]) => plist(`\n\t<key>CFBundleSupportedPlatforms</key>\n\t<array>\n${values.map((value) => `\t\t<string>${value}</string>\n`).join('')}\t</array>\n`);

    it('reports a simulator platform, which App Store Connect rejects (ITMS-90542), as a warning at the value', () => {
      for (const simulator of ['iPhoneSimulator', 'AppleTVSimulator', 'WatchSimulator', 'XRSimulator']) {
        const text = platforms(simulator);
        const problems = valueProblems(text, INFO_PLIST);
        assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: simulator }], simulator);
        assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
        assertMentions(problems[0], 'ITMS-90542');
      }
    });

    it('accepts the device platforms and what a build fills in', () => {
      assert.deepEqual(valueProblems(platforms('iPhoneOS', 'MacOSX', 'AppleTVOS', 'WatchOS', 'XROS', '$(PLATFORM_NAME)'), INFO_PLIST), []);
    });
  });

  describe('item counts', () => {
    const parent = 'com.apple.developer.parent-application-identifiers';
    const appClip = 'com.apple.developer.associated-appclip-app-identifiers';
    const migration = 'com.apple.developer.app-migration.data-container-access';
    const ONE_ENTRY_KEYS = [parent, appClip, migration];

    it('reports an empty array as an error on the whole one-line element, for each key that takes exactly one entry', () => {
      for (const key of ONE_ENTRY_KEYS) {
        for (const empty of ['<array/>', '<array></array>']) {
          const text = plist(`\n\t<key>${key}</key>\n\t${empty}\n`);
          const problems = valueProblems(text, ENTITLEMENTS);
          assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: empty }], `${key} ${empty}`);
          assert.equal(problems[0]?.severity, DiagnosticSeverity.Error, key);
          assertMentions(problems[0], key, 'exactly one entry', 'empty');
        }
      }
    });

    it('says what the one entry is, from the catalog', () => {
      const text = plist(`<key>${parent}</key><array/>`);
      assert.equal(valueProblems(text, ENTITLEMENTS)[0]?.message, `'${parent}' takes exactly one entry ($(AppIdentifierPrefix)<full app bundle id>); this array is empty`);
      assertMentions(valueProblems(plist(`<key>${migration}</key><array/>`), ENTITLEMENTS)[0], "the containing app's bundle identifier");
    });

    it('covers only the start tag of an empty array written over several lines', () => {
      const text = plist(`\n\t<key>${parent}</key>\n\t<array>\n\t</array>\n`);
      const problems = valueProblems(text, ENTITLEMENTS);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: '<array>' }]);
      assert.ok((problems[0]?.range.start.line ?? 0) > 0, 'never line 0');
      assert.equal(problems[0]?.range.start.line, problems[0]?.range.end.line);
    });

    it('offers no fix for an empty array: the entry names another target, which the service does not know', () => {
      const text = plist(`\n\t<key>${parent}</key>\n\t<array/>\n`);
      assert.deepEqual(quickFixes(text, valueProblems(text, { fileKind: 'entitlements', target: targetOf(['iOS'], { productType: 'app-clip' }) })), []);
    });

    it('accepts one entry, with or without build-setting references', () => {
      for (const key of ONE_ENTRY_KEYS) {
        assert.deepEqual(valueProblems(stringArray(key, 'ABCDE12345.com.example.app'), ENTITLEMENTS), [], key);
        assert.deepEqual(valueProblems(stringArray(key, '$(AppIdentifierPrefix)com.example.app'), ENTITLEMENTS), [], key);
        assert.deepEqual(valueProblems(stringArray(key, '$(PARENT_APP_ID)'), ENTITLEMENTS), [], key);
      }
    });

    it('reports a second entry as an error on that entry, with a fix that keeps only the first', () => {
      const text = stringArray(parent, '$(AppIdentifierPrefix)com.example.app', '$(AppIdentifierPrefix)com.example.other');
      const problems = valueProblems(text, ENTITLEMENTS);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: '$(AppIdentifierPrefix)com.example.other' }]);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Error);
      assertMentions(problems[0], parent, 'exactly one entry', 'entry 2 of 2');
      const actions = quickFixes(text, problems);
      assert.deepEqual(actions.map((action) => [action.title, action.isPreferred === true]), [['Keep only the first entry', false]]);
      const result = applyAction(text, actions[0] as CodeAction);
      assert.equal(result, stringArray(parent, '$(AppIdentifierPrefix)com.example.app'));
      assert.deepEqual(rootValue(result)[parent], ['$(AppIdentifierPrefix)com.example.app']);
      assert.deepEqual(valueProblems(result, ENTITLEMENTS), []);
    });

    it('reports each extra entry, and each fix removes them all, in a one-line array too', () => {
      const text = plist(`<key>${appClip}</key><array><string>A.com.example.app.Clip</string><string>B</string><string/></array>`);
      const problems = valueProblems(text, ENTITLEMENTS);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value', covered: 'B' }, { code: 'invalid-value', covered: '<string/>' }]);
      for (const problem of problems) {
        const actions = quickFixes(text, [problem]);
        assert.deepEqual(actions.map((action) => action.title), ['Keep only the first entry']);
        assert.equal(applyAction(text, actions[0] as CodeAction), plist(`<key>${appClip}</key><array><string>A.com.example.app.Clip</string></array>`));
      }
    });

    it('leaves other empty arrays alone: App Store apps ship them, and the 2021 rejections were reverted', () => {
      for (const key of ['com.apple.developer.healthkit.access', 'com.apple.developer.icloud-container-identifiers', 'com.apple.developer.icloud-services', 'com.apple.security.application-groups', 'com.apple.developer.associated-domains', 'keychain-access-groups']) {
        for (const options of [ENTITLEMENTS, { fileKind: 'entitlements', platform: 'iOS' } as const]) {
          assert.deepEqual(valueProblems(plist(`\n\t<key>${key}</key>\n\t<array/>\n`), options), [], key);
        }
      }
    });

    it('leaves an array the parser had to close alone, and a value of another type to invalid-value-type', () => {
      assert.deepEqual(valueProblems(`${PLIST_HEADER}<dict><key>${parent}</key><array>`, ENTITLEMENTS), []);
      assert.deepEqual(valueProblems(plist(`<key>${parent}</key><string>$(AppIdentifierPrefix)com.example.app</string>`), ENTITLEMENTS), []);
    });
  });

  describe('catalog data', () => {
    const everyEntry = (entries: readonly CatalogEntry[]): CatalogEntry[] => entries.flatMap((entry) => [entry, ...everyEntry(entry.children ?? [])]);
    const entries = [...everyEntry(CATALOG.entitlements), ...everyEntry(CATALOG.infoPlist)];

    it('calls a value list complete or open only where there is one', () => {
      for (const entry of entries) {
        if (entry.valuesAreExhaustive !== undefined) assert.ok(entry.values !== undefined, entry.key);
      }
      assert.ok(entries.some((entry) => entry.valuesAreExhaustive === true && entry.file === 'infoPlist'));
      assert.ok(entries.some((entry) => entry.valuesAreExhaustive === false && entry.file === 'entitlements'));
    });

    it('gives an item count exactly to the arrays whose value pattern states one', () => {
      const counted = entries.filter((entry) => entry.itemCount !== undefined);
      assert.deepEqual(counted.map((entry) => entry.key).sort(), ['com.apple.developer.app-migration.data-container-access', 'com.apple.developer.associated-appclip-app-identifiers', 'com.apple.developer.parent-application-identifiers']);
      for (const entry of counted) {
        assert.equal(entry.type, 'array', entry.key);
        assert.deepEqual({ min: entry.itemCount?.min, max: entry.itemCount?.max }, { min: 1, max: 1 }, entry.key);
        assert.ok((entry.itemCount?.item ?? '') !== '', entry.key);
      }
    });

    it('has value formats whose patterns compile and accept their own prefixes', () => {
      const formatted = entries.filter((entry) => entry.valueFormat !== undefined);
      assert.ok(formatted.length >= 4);
      for (const entry of formatted) {
        for (const rule of entry.valueFormat?.patterns ?? []) {
          const pattern = new RegExp(rule.pattern);
          for (const prefix of rule.prefixes.filter((candidate) => !candidate.includes('$('))) {
            assert.ok(pattern.test(`${prefix}example.com`), `${entry.key}: ${prefix}`);
          }
        }
      }
    });
  });
});
