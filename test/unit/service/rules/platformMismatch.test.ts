import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Platform } from '../../../../shared/src/catalog';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import type { TargetInfo } from '../../../../shared/src/target';
import { platformMismatch } from '../../../../server/src/service/rules/platformMismatch';
import { applyAction, assertMentions, diagnose, findings, plist, quickFixes, service, targetOf, type DiagnoseOptions } from '../../helpers';

const APS = plist('\n\t<key>aps-environment</key>\n\t<string>development</string>\n');
const SANDBOX = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n');

function mismatches(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === platformMismatch.code);
}

function onTarget(platforms: readonly Platform[], platformSource: TargetInfo['platformSource'] = 'project'): DiagnoseOptions {
  return { fileKind: 'entitlements', target: targetOf(platforms, { platformSource }) };
}

describe('platform-mismatch', () => {
  it('flags aps-environment in a macOS target from the project as a warning, naming the macOS key', () => {
    const diagnostics = diagnose(APS, onTarget(['macOS']));
    assert.deepEqual(findings(APS, diagnostics), [{ code: 'platform-mismatch', covered: 'aps-environment' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
    assert.deepEqual((diagnostics[0]?.data as DiagnosticData).replacements, ['com.apple.developer.aps-environment']);
    assertMentions(diagnostics[0], 'aps-environment', 'com.apple.developer.aps-environment');
  });

  it('renames it to the macOS key with the preferred fix, leaving a clean file', () => {
    const diagnostics = mismatches(APS, onTarget(['macOS']));
    const rename = quickFixes(APS, diagnostics).find((action) => action.title.includes('com.apple.developer.aps-environment'));
    assert.ok(rename !== undefined);
    assert.equal(rename.isPreferred, true);
    const fixed = applyAction(APS, rename);
    assert.equal(fixed, APS.replace('<key>aps-environment</key>', '<key>com.apple.developer.aps-environment</key>'));
    assert.deepEqual(service.parse(fixed).problems, []);
    assert.deepEqual(diagnose(fixed, onTarget(['macOS'])), []);
  });

  it('offers the iOS key for the macOS one in an iOS target', () => {
    const text = plist('<key>com.apple.developer.aps-environment</key><string>production</string>');
    const [diagnostic] = mismatches(text, onTarget(['iOS']));
    assert.deepEqual((diagnostic?.data as DiagnosticData).replacements, ['aps-environment']);
  });

  it('is information only when the platform is a guess', () => {
    const [diagnostic] = mismatches(APS, onTarget(['macOS'], 'guess'));
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Information);
  });

  it('is a warning when the user set the platform', () => {
    assert.equal(mismatches(APS, onTarget(['macOS'], 'user'))[0]?.severity, DiagnosticSeverity.Warning);
  });

  it('lets the user\'s severity override win over the guess downgrade', () => {
    assert.equal(mismatches(APS, { ...onTarget(['macOS'], 'guess'), severity: { 'platform-mismatch': 'error' } })[0]?.severity, DiagnosticSeverity.Error);
  });

  it('flags a macOS-only key in an iOS target, with removal as the only fix', () => {
    const diagnostics = mismatches(SANDBOX, onTarget(['iOS', 'iPadOS']));
    assert.deepEqual(findings(SANDBOX, diagnostics), [{ code: 'platform-mismatch', covered: 'com.apple.security.app-sandbox' }]);
    assert.deepEqual((diagnostics[0]?.data as DiagnosticData).replacements, []);
    const actions = quickFixes(SANDBOX, diagnostics);
    assert.equal(actions.length, 1);
    assert.equal(applyAction(SANDBOX, actions[0]!), plist('\n'));
  });

  it('does not flag multi-platform targets where one platform can use the key', () => {
    assert.deepEqual(mismatches(APS, onTarget(['iOS', 'macOS'])), []);
    assert.deepEqual(mismatches(SANDBOX, onTarget(['iOS', 'macOS', 'visionOS'])), []);
  });

  it('does not flag Mac Catalyst targets, which may use keys of either family', () => {
    assert.deepEqual(mismatches(APS, onTarget(['MacCatalyst'])), []);
    assert.deepEqual(mismatches(SANDBOX, onTarget(['MacCatalyst'])), []);
    assert.deepEqual(mismatches(APS, onTarget(['macOS', 'MacCatalyst'])), []);
  });

  it('says nothing when the platform is unknown', () => {
    assert.deepEqual(mismatches(APS, { fileKind: 'entitlements' }), []);
    assert.deepEqual(mismatches(APS, onTarget([])), []);
  });

  it('never flags Info.plist keys', () => {
    const text = plist('<key>LSMinimumSystemVersion</key><string>13.0</string><key>UIBackgroundModes</key><array/><key>NSHealthShareUsageDescription</key><string>x</string>');
    assert.deepEqual(mismatches(text, { fileKind: 'infoPlist', target: targetOf(['iOS']) }), []);
    assert.deepEqual(mismatches(text, { fileKind: 'infoPlist', target: targetOf(['macOS']) }), []);
    assert.deepEqual(mismatches(APS, { fileKind: 'infoPlist', target: targetOf(['macOS']) }), []);
  });

  it('leaves nested keys, unknown keys and allowed keys alone', () => {
    const nested = plist('<key>com.example.settings</key><dict><key>aps-environment</key><string>development</string></dict>');
    assert.deepEqual(mismatches(nested, onTarget(['macOS'])), []);
    assert.deepEqual(mismatches(plist('<key>org.example.flag</key><true/>'), onTarget(['macOS'])), []);
    assert.deepEqual(mismatches(APS, { ...onTarget(['macOS']), allowedKeys: ['aps-environment'] }), []);
  });

  it('flags each mismatched key once, at its own key text', () => {
    const text = plist('\n\t<key>aps-environment</key>\n\t<string>development</string>\n\t<key>com.apple.developer.healthkit</key>\n\t<true/>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n');
    assert.deepEqual(findings(text, mismatches(text, onTarget(['macOS']))), [
      { code: 'platform-mismatch', covered: 'aps-environment' },
      { code: 'platform-mismatch', covered: 'com.apple.developer.healthkit' },
    ]);
  });
});
