import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CATALOG } from '../../../../shared/src/catalogData';
import { createLanguageService } from '../../../../server/src/service/languageService';
import { managedEntitlement } from '../../../../server/src/service/rules/managedEntitlement';
import { assertMentions, catalogEntry, catalogOf, context, diagnose, findings, plist, textDocument, type DiagnoseOptions } from '../../helpers';

const SENSORKIT = 'com.apple.developer.sensorkit.reader.allow';

function managed(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === managedEntitlement.code);
}

function entitlementEntry(key: string) {
  const entry = CATALOG.entitlements.find((candidate) => candidate.key === key);
  assert.ok(entry !== undefined, key);
  return entry;
}

describe('managed-entitlement', () => {
  it('reports an entitlement that needs Apple\'s approval as information at the key, linking its page', () => {
    const text = plist(`\n\t<key>${SENSORKIT}</key>\n\t<array>\n\t\t<string>visits</string>\n\t</array>\n`);
    const diagnostics = diagnose(text, { fileKind: 'entitlements' });
    assert.deepEqual(findings(text, diagnostics), [{ code: 'managed-entitlement', covered: SENSORKIT }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Information);
    assert.equal(diagnostics[0]?.codeDescription?.href, entitlementEntry(SENSORKIT).docUrl);
  });

  it('names the key and says how the approval is obtained', () => {
    for (const key of [SENSORKIT, 'com.apple.developer.usernotifications.filtering', 'com.apple.developer.driverkit']) {
      const [diagnostic] = managed(plist(`<key>${key}</key><true/>`), { fileKind: 'entitlements' });
      const note = entitlementEntry(key).managedNote;
      assert.ok(note !== undefined, `the catalog says how to get ${key}`);
      assertMentions(diagnostic, key, note.replace(/\.$/, ''));
    }
  });

  it('offers no fix: the key is right, it just needs a request', () => {
    const [diagnostic] = managed(plist(`<key>${SENSORKIT}</key><array/>`), { fileKind: 'entitlements' });
    assert.equal(diagnostic?.data, undefined);
  });

  it('follows the catalog, not a list in the rule', () => {
    const testService = createLanguageService(catalogOf({
      entitlements: [catalogEntry('com.example.managed', { isManaged: true, managedNote: 'Ask the example team.' }), catalogEntry('com.example.free')],
    }));
    const text = plist('<key>com.example.managed</key><true/><key>com.example.free</key><true/>');
    const diagnostics = testService.validate(textDocument(text), testService.parse(text), { ...context({ fileKind: 'entitlements' }), severity: {} });
    assert.deepEqual(findings(text, diagnostics), [{ code: 'managed-entitlement', covered: 'com.example.managed' }]);
    assertMentions(diagnostics[0], 'com.example.managed', 'Ask the example team');
  });

  it('leaves unmanaged, nested, allowed and misplaced keys alone', () => {
    assert.deepEqual(managed(plist('<key>com.apple.developer.healthkit</key><true/>'), { fileKind: 'entitlements' }), []);
    assert.deepEqual(managed(plist(`<key>com.example.x</key><dict><key>${SENSORKIT}</key><array/></dict>`), { fileKind: 'entitlements' }), []);
    assert.deepEqual(managed(plist(`<key>${SENSORKIT}</key><array/>`), { fileKind: 'entitlements', allowedKeys: [SENSORKIT] }), []);
    assert.deepEqual(managed(plist(`<key>${SENSORKIT}</key><array/>`), { fileKind: 'infoPlist' }), []);
  });

  it('can be turned off', () => {
    assert.deepEqual(managed(plist(`<key>${SENSORKIT}</key><array/>`), { fileKind: 'entitlements', severity: { 'managed-entitlement': 'off' } }), []);
  });
});
