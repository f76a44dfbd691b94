import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { deprecatedKey } from '../../../../server/src/service/rules/deprecatedKey';
import { applyAction, assertMentions, diagnose, findings, plist, quickFixes, service, type DiagnoseOptions } from '../../helpers';

const LOCATION = plist('\n\t<key>NSLocationAlwaysUsageDescription</key>\n\t<string>Track runs in the background</string>\n');

const ATS = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSExceptionDomains</key>
\t\t<dict>
\t\t\t<key>example.com</key>
\t\t\t<dict>
\t\t\t\t<key>NSTemporaryExceptionAllowsInsecureHTTPLoads</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t</dict>
\t</dict>
`);

function deprecated(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === deprecatedKey.code);
}

/** The document after the `Change to '<replacement>'` fix. */
function renamed(text: string, options: DiagnoseOptions, replacement: string): string {
  const action = quickFixes(text, deprecated(text, options)).find((candidate) => candidate.title.includes(`'${replacement}'`));
  assert.ok(action !== undefined, `no rename to ${replacement}`);
  const fixed = applyAction(text, action);
  assert.deepEqual(service.parse(fixed).problems, []);
  return fixed;
}

describe('deprecated-key', () => {
  it('reports a deprecated Info.plist key as a hint, struck through, at the key', () => {
    const diagnostics = diagnose(LOCATION, { fileKind: 'infoPlist' });
    assert.deepEqual(findings(LOCATION, diagnostics), [{ code: 'deprecated-key', covered: 'NSLocationAlwaysUsageDescription' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Hint);
    assert.deepEqual(diagnostics[0]?.tags, [DiagnosticTag.Deprecated]);
    assertMentions(diagnostics[0], 'NSLocationAlwaysUsageDescription', 'NSLocationAlwaysAndWhenInUseUsageDescription');
  });

  it('renames it to its replacement with the preferred fix, keeping the value', () => {
    const fixed = renamed(LOCATION, { fileKind: 'infoPlist' }, 'NSLocationAlwaysAndWhenInUseUsageDescription');
    assert.equal(fixed, LOCATION.replace('NSLocationAlwaysUsageDescription', 'NSLocationAlwaysAndWhenInUseUsageDescription'));
    assert.deepEqual(deprecated(fixed, { fileKind: 'infoPlist' }), []);
  });

  it('reports a deprecated key nested in App Transport Security, and renames it in place', () => {
    const diagnostics = deprecated(ATS, { fileKind: 'infoPlist' });
    assert.deepEqual(findings(ATS, diagnostics), [{ code: 'deprecated-key', covered: 'NSTemporaryExceptionAllowsInsecureHTTPLoads' }]);
    assert.deepEqual((diagnostics[0]?.data as DiagnosticData).replacements, ['NSExceptionAllowsInsecureHTTPLoads']);
    const fixed = renamed(ATS, { fileKind: 'infoPlist' }, 'NSExceptionAllowsInsecureHTTPLoads');
    assert.equal(fixed, ATS.replace('NSTemporaryExceptionAllowsInsecureHTTPLoads', 'NSExceptionAllowsInsecureHTTPLoads'));
  });

  it('does not report the same name outside its place in the tree', () => {
    assert.deepEqual(deprecated(plist('<key>MySettings</key><dict><key>NSLocationAlwaysUsageDescription</key><string>x</string></dict>'), { fileKind: 'infoPlist' }), []);
  });

  it('offers one rename per replacement, the first preferred', () => {
    const text = plist('<key>NSCalendarsUsageDescription</key><string>x</string>');
    const actions = quickFixes(text, deprecated(text, { fileKind: 'infoPlist' }));
    assert.deepEqual(actions.map((action) => action.isPreferred === true), [true, false]);
    assert.ok(actions[0]?.title.includes('NSCalendarsFullAccessUsageDescription'));
    assert.ok(actions[1]?.title.includes('NSCalendarsWriteOnlyAccessUsageDescription'));
  });

  it('offers no rename when the replacement is prose, not a key', () => {
    const text = plist('<key>CLKComplicationSupportedFamilies</key><array/>');
    const [diagnostic] = deprecated(text, { fileKind: 'infoPlist' });
    assert.deepEqual((diagnostic?.data as DiagnosticData).replacements, []);
    assert.deepEqual(quickFixes(text, [diagnostic!]), []);
  });

  it('reports a deprecated entitlement at the top level only', () => {
    const text = plist('<key>com.apple.vm.hypervisor</key><true/>');
    const diagnostics = deprecated(text, { fileKind: 'entitlements' });
    assert.deepEqual(findings(text, diagnostics), [{ code: 'deprecated-key', covered: 'com.apple.vm.hypervisor' }]);
    assert.equal(renamed(text, { fileKind: 'entitlements' }, 'com.apple.security.hypervisor'), text.replace('com.apple.vm.hypervisor', 'com.apple.security.hypervisor'));
    assert.deepEqual(deprecated(plist('<key>com.example.x</key><dict><key>com.apple.vm.hypervisor</key><true/></dict>'), { fileKind: 'entitlements' }), []);
  });

  it('leaves current keys and allowed keys alone', () => {
    assert.deepEqual(deprecated(plist('<key>NSLocationAlwaysAndWhenInUseUsageDescription</key><string>x</string>'), { fileKind: 'infoPlist' }), []);
    assert.deepEqual(deprecated(LOCATION, { fileKind: 'infoPlist', allowedKeys: ['NSLocationAlwaysUsageDescription'] }), []);
  });

  describe('a key App Store Connect rejects', () => {
    const RESOURCE_RULES = plist('\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.app</string>\n\t<key>CFBundleResourceSpecification</key>\n\t<string>ResourceRules.plist</string>\n');

    it('reports CFBundleResourceSpecification as an error naming ITMS-90339, and removes it', () => {
      const diagnostics = deprecated(RESOURCE_RULES, { fileKind: 'infoPlist' });
      assert.deepEqual(findings(RESOURCE_RULES, diagnostics), [{ code: 'deprecated-key', covered: 'CFBundleResourceSpecification' }]);
      assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
      assertMentions(diagnostics[0], 'CFBundleResourceSpecification', 'ITMS-90339');
      const actions = quickFixes(RESOURCE_RULES, diagnostics);
      const removal = actions.find((action) => action.title.startsWith('Remove'));
      assert.ok(removal !== undefined, actions.map((action) => action.title).join(', '));
      const fixed = applyAction(RESOURCE_RULES, removal);
      assert.deepEqual(service.parse(fixed).problems, []);
      assert.ok(!fixed.includes('CFBundleResourceSpecification') && fixed.includes('<key>CFBundleIdentifier</key>'), fixed);
      assert.deepEqual(deprecated(fixed, { fileKind: 'infoPlist' }), []);
    });

    it('keeps other deprecated keys a hint', () => {
      assert.equal(deprecated(LOCATION, { fileKind: 'infoPlist' })[0]?.severity, DiagnosticSeverity.Hint);
    });
  });
});
