import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CATALOG } from '../../../../shared/src/catalogData';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { privateEntitlement } from '../../../../server/src/service/rules/privateEntitlement';
import { assertMentions, context, diagnose, findings, plist, service } from '../../helpers';

describe('private-entitlement', () => {
  it('reports a com.apple.private.* key as a warning, and nothing else on it', () => {
    const text = plist('\n\t<key>com.apple.private.tcc.allow</key>\n\t<array>\n\t\t<string>kTCCServiceCamera</string>\n\t</array>\n');
    const diagnostics = diagnose(text, { fileKind: 'entitlements' });
    assert.deepEqual(findings(text, diagnostics), [{ code: 'private-entitlement', covered: 'com.apple.private.tcc.allow' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
    assertMentions(diagnostics[0], 'com.apple.private.tcc.allow');
  });

  it('knows every private family in the catalog', () => {
    for (const { prefix } of CATALOG.privateKeyPatterns) {
      const key = prefix.endsWith('.') ? `${prefix}example` : prefix;
      const text = plist(`<key>${key}</key><true/>`);
      assert.deepEqual(findings(text, diagnose(text, { fileKind: 'entitlements' })), [{ code: 'private-entitlement', covered: key }], key);
    }
  });

  it('is silenced by allowedKeys', () => {
    const text = plist('<key>com.apple.private.tcc.allow</key><array/>');
    assert.deepEqual(diagnose(text, { fileKind: 'entitlements', allowedKeys: ['com.apple.private.tcc.allow'] }), []);
  });

  it('does not apply to Info.plist', () => {
    const parsed = parsePlist(plist('<key>com.apple.private.tcc.allow</key><array/>'));
    assert.deepEqual(privateEntitlement.check(parsed, service.catalog, context({ fileKind: 'infoPlist' })), []);
  });

  it('does not take a real key with a similar name for a private one', () => {
    const text = plist('<key>com.apple.security.temporary-exception.files.absolute-path.read-only</key><array/>');
    assert.deepEqual(diagnose(text, { fileKind: 'entitlements' }), []);
  });
});
