import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { CATALOG } from '../../../../shared/src/catalogData';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../../../server/src/service/plist/value';
import { applyAction, assertMentions, diagnose, findings, plist, quickFixes, type DiagnoseOptions } from '../../helpers';

type Dict = { [key: string]: PlistValue };

const ENTITLEMENTS: DiagnoseOptions = { fileKind: 'entitlements' };

function signingProblems(text: string, options: DiagnoseOptions = ENTITLEMENTS): Diagnostic[] {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === 'signing-inserted-key');
}

function rootValue(text: string): Dict {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the result is well-formed');
  return JSON.parse(JSON.stringify(toValue(document))) as Dict;
}

const SIGNING_INSERTED = CATALOG.entitlements.filter((entry) => entry.signingInsertedNote !== undefined);

describe('signing-inserted-key', () => {
  it('knows the keys TN3125 names as profile-supplied', () => {
    const keys = SIGNING_INSERTED.map((entry) => entry.key);
    for (const key of ['application-identifier', 'com.apple.application-identifier', 'com.apple.developer.team-identifier', 'get-task-allow', 'beta-reports-active']) {
      assert.ok(keys.includes(key), key);
    }
    assert.ok(!keys.includes('keychain-access-groups'), 'keychain-access-groups is authored, not inserted');
  });

  it('reports each of them as an unnecessary warning that says what signing does', () => {
    for (const entry of SIGNING_INSERTED) {
      const text = plist(`\n\t<key>${entry.key}</key>\n\t<string>x</string>\n`);
      const problems = signingProblems(text);
      assert.deepEqual(findings(text, problems), [{ code: 'signing-inserted-key', covered: entry.key }], entry.key);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(problems[0]?.tags, [DiagnosticTag.Unnecessary]);
      assertMentions(problems[0], entry.key, entry.signingInsertedNote ?? '');
      assert.equal(problems[0]?.codeDescription?.href, entry.docUrl);
    }
  });

  it('removes the key and its value, and nothing else', () => {
    const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>get-task-allow</key>\n\t<true/>\n\t<key>com.apple.security.network.client</key>\n\t<true/>\n');
    const problems = signingProblems(text);
    const actions = quickFixes(text, problems);
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred]), [["Remove 'get-task-allow'", true]]);
    const result = applyAction(text, actions[0] as CodeAction);
    assert.equal(result, text.replace('\t<key>get-task-allow</key>\n\t<true/>\n', ''));
    assert.deepEqual(rootValue(result), { 'com.apple.security.app-sandbox': true, 'com.apple.security.network.client': true });
    assert.deepEqual(signingProblems(result), []);
  });

  it('speaks only where Xcode signs from a profile: not for files other signers name and sign as written', () => {
    const text = plist('<key>com.apple.application-identifier</key><string>TEAM.com.example</string>');
    assert.equal(signingProblems(text).length, 1, 'App.entitlements, the name Xcode gives');
    for (const fileName of ['entitlements.mas.plist', 'entitlements.mac.plist', 'ReleaseEntitlements.plist', 'Entitlements.plist', 'child.plist']) {
      assert.deepEqual(signingProblems(text, { fileKind: 'entitlements', fileName }), [], fileName);
    }
    const named = { platforms: ['macOS' as const], productType: 'app' as const, reasons: [], platformSource: 'project' as const, name: 'App' };
    assert.equal(signingProblems(text, { fileKind: 'entitlements', fileName: 'App-Release.plist', target: named }).length, 1, 'an Xcode target names the file in CODE_SIGN_ENTITLEMENTS');
  });

  it('stays quiet on a file that claims private entitlements, which only signing without a profile can grant', () => {
    const text = plist('<key>application-identifier</key><string>TEAM.com.example.daemon</string><key>get-task-allow</key><true/><key>com.apple.private.mobileinstall.allowedSPI</key><array><string>Install</string></array>');
    assert.deepEqual(signingProblems(text), []);
  });

  it('leaves authored keys, Info.plist and allowed keys alone', () => {
    assert.deepEqual(signingProblems(plist('<key>keychain-access-groups</key><array><string>$(AppIdentifierPrefix)com.example</string></array>')), []);
    assert.deepEqual(signingProblems(plist('<key>get-task-allow</key><true/>'), { fileKind: 'infoPlist' }), []);
    assert.deepEqual(signingProblems(plist('<key>get-task-allow</key><true/>'), { fileKind: 'entitlements', allowedKeys: ['get-task-allow'] }), []);
  });

  it('checks only the top level', () => {
    assert.deepEqual(signingProblems(plist('<key>com.apple.security.scripting-targets</key><dict><key>get-task-allow</key><true/></dict>')), []);
  });
});
