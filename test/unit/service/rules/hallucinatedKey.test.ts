import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { hallucinatedKey } from '../../../../server/src/service/rules/hallucinatedKey';
import { assertMentions, diagnose, findings, plist, type DiagnoseOptions } from '../../helpers';

const PUSH = plist('\n\t<key>com.apple.developer.push-notifications</key>\n\t<string>production</string>\n');

function hallucinated(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === hallucinatedKey.code);
}

describe('hallucinated-key', () => {
  it('reports an invented entitlement as an error at the key text', () => {
    const diagnostics = diagnose(PUSH, { fileKind: 'entitlements' });
    assert.deepEqual(findings(PUSH, diagnostics), [{ code: 'hallucinated-key', covered: 'com.apple.developer.push-notifications' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
  });

  it('names the key and the real replacement in the message', () => {
    const [diagnostic] = hallucinated(PUSH, { fileKind: 'entitlements' });
    assertMentions(diagnostic, 'com.apple.developer.push-notifications', "'aps-environment'");
  });

  it('ranks aps-environment first without a platform and for iOS', () => {
    for (const platform of [undefined, 'iOS'] as const) {
      const [diagnostic] = hallucinated(PUSH, { fileKind: 'entitlements', ...(platform === undefined ? {} : { platform }) });
      assert.deepEqual((diagnostic?.data as DiagnosticData).replacements, ['aps-environment', 'com.apple.developer.aps-environment'], String(platform));
    }
  });

  it('ranks com.apple.developer.aps-environment first for macOS, and links its page', () => {
    const [diagnostic] = hallucinated(PUSH, { fileKind: 'entitlements', platform: 'macOS' });
    assert.deepEqual((diagnostic?.data as DiagnosticData).replacements, ['com.apple.developer.aps-environment', 'aps-environment']);
    assert.equal(new URL(diagnostic?.codeDescription?.href ?? '').pathname.endsWith('/com.apple.developer.aps-environment'), true);
  });

  it('reports a near miss of a known invention with its advice, even where no real key is near', () => {
    const text = plist('<key>com.apple.developer.in-app-purchases</key><true/><key>com.apple.developer.app-group</key><array/>');
    const diagnostics = hallucinated(text, { fileKind: 'entitlements' });
    assert.deepEqual(findings(text, diagnostics), [
      { code: 'hallucinated-key', covered: 'com.apple.developer.in-app-purchases' },
      { code: 'hallucinated-key', covered: 'com.apple.developer.app-group' },
    ]);
    assertMentions(diagnostics[0], 'no entitlement exists or is needed');
    assert.deepEqual((diagnostics[1]?.data as DiagnosticData).replacements, ['com.apple.security.application-groups']);
  });

  it('leaves a key nearer a real key than an invention to unknown-key', () => {
    const text = plist('<key>com.apple.developer.push-notification</key><string>production</string>');
    assert.deepEqual(hallucinated(text, { fileKind: 'entitlements' }), []);
  });

  it('offers no rename when the fix is to drop the key', () => {
    const text = plist('<key>com.apple.developer.in-app-purchase</key><true/>');
    const [diagnostic] = hallucinated(text, { fileKind: 'entitlements' });
    assert.deepEqual(diagnostic?.data, { replacements: [], canRemove: true });
  });

  it('offers no rename into an Info.plist key from an .entitlements file', () => {
    const text = plist('<key>com.apple.developer.background-modes</key><array/>');
    const [diagnostic] = hallucinated(text, { fileKind: 'entitlements' });
    assert.deepEqual(diagnostic?.data, { replacements: [], canRemove: true });
    assertMentions(diagnostic, 'UIBackgroundModes');
  });

  it('is the only diagnostic on the key', () => {
    assert.deepEqual(diagnose(PUSH, { fileKind: 'entitlements' }).map((diagnostic) => diagnostic.code), ['hallucinated-key']);
  });

  it('reports an invented entitlement in Info.plist too, but never a real Info.plist key', () => {
    const text = plist('<key>com.apple.developer.live-activities</key><true/><key>UIBackgroundModes</key><array/>');
    assert.deepEqual(findings(text, hallucinated(text, { fileKind: 'infoPlist' })), [{ code: 'hallucinated-key', covered: 'com.apple.developer.live-activities' }]);
  });

  it('leaves real keys, nested keys and allowed keys alone', () => {
    const text = plist(`
<key>aps-environment</key><string>production</string>
<key>com.apple.security.temporary-exception.mach-lookup.global-name</key>
<dict><key>com.apple.developer.push-notifications</key><true/></dict>
`);
    assert.deepEqual(hallucinated(text, { fileKind: 'entitlements' }), []);
    assert.deepEqual(hallucinated(PUSH, { fileKind: 'entitlements', allowedKeys: ['com.apple.developer.push-notifications'] }), []);
  });
});
