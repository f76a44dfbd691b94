import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../../../server/src/service/plist/value';
import { PLIST_HEADER, applyAction, diagnose, findings, plist, quickFixes, type DiagnoseOptions } from '../../helpers';

type Dict = { [key: string]: PlistValue };

const ENTITLEMENTS: DiagnoseOptions = { fileKind: 'entitlements' };
const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist' };

function typeProblems(text: string, options: DiagnoseOptions): Diagnostic[] {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === 'invalid-value-type');
}

/** The root dict's value; the text must be well-formed. */
function rootValue(text: string): Dict {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the result is well-formed');
  return JSON.parse(JSON.stringify(toValue(document))) as Dict;
}

/** The one invalid-value-type fix for `text`, applied. */
function fixed(text: string, options: DiagnoseOptions): { title: string; result: string } {
  const problems = typeProblems(text, options);
  assert.equal(problems.length, 1, 'exactly one invalid-value-type');
  const actions: CodeAction[] = quickFixes(text, problems);
  assert.equal(actions.length, 1, `one fix, got ${JSON.stringify(actions.map((action) => action.title))}`);
  const action = actions[0] as CodeAction;
  assert.equal(action.isPreferred, true);
  return { title: action.title, result: applyAction(text, action) };
}

describe('invalid-value-type', () => {
  it('reports a string for an entitlement boolean as an error covering the element', () => {
    const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<string>YES</string>\n');
    const problems = typeProblems(text, ENTITLEMENTS);
    assert.deepEqual(findings(text, problems), [{ code: 'invalid-value-type', covered: '<string>YES</string>' }]);
    assert.equal(problems[0]?.severity, DiagnosticSeverity.Error);
    assert.equal(problems[0]?.codeDescription?.href, 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.security.app-sandbox');
  });

  for (const [word, isTrue] of [['YES', true], ['true', true], ['1', true], ['NO', false], ['false', false], ['0', false], [' yes ', true]] as const) {
    it(`converts <string>${word}</string> to <${String(isTrue)}/>, changing only that value`, () => {
      const text = plist(`\n\t<key>com.apple.security.app-sandbox</key>\n\t<string>${word}</string>\n\t<key>com.apple.security.network.client</key>\n\t<true/>\n`);
      const { title, result } = fixed(text, ENTITLEMENTS);
      assert.equal(title, `Change to <${String(isTrue)}/>`);
      assert.equal(result, text.replace(`<string>${word}</string>`, `<${String(isTrue)}/>`));
      assert.deepEqual(rootValue(result), { ...rootValue(text), 'com.apple.security.app-sandbox': isTrue });
      assert.deepEqual(typeProblems(result, ENTITLEMENTS), []);
    });
  }

  it('converts an integer 0 or 1 for a boolean', () => {
    const text = plist('<key>com.apple.security.app-sandbox</key><integer>1</integer>');
    assert.equal(fixed(text, ENTITLEMENTS).result, text.replace('<integer>1</integer>', '<true/>'));
  });

  it('reports a string that is no boolean word, with no fix', () => {
    const text = plist('<key>com.apple.security.app-sandbox</key><string>enabled</string>');
    const problems = typeProblems(text, ENTITLEMENTS);
    assert.deepEqual(findings(text, problems), [{ code: 'invalid-value-type', covered: '<string>enabled</string>' }]);
    assert.deepEqual(quickFixes(text, problems), []);
  });

  it('accepts build-setting references, which Xcode substitutes', () => {
    for (const value of ['$(SOME_FLAG)', '${SOME_FLAG}', '$(ENABLE_SANDBOX:default=YES)']) {
      assert.deepEqual(typeProblems(plist(`<key>com.apple.security.app-sandbox</key><string>${value}</string>`), ENTITLEMENTS), [], value);
    }
  });

  it('accepts a single string for any App Sandbox temporary exception, as Apple documents for all of them', () => {
    for (const key of ['com.apple.security.temporary-exception.files.absolute-path.read-only', 'com.apple.security.temporary-exception.mach-lookup.global-name', 'com.apple.security.temporary-exception.apple-events']) {
      assert.deepEqual(typeProblems(plist(`<key>${key}</key><string>/</string>`), ENTITLEMENTS), [], key);
      assert.deepEqual(typeProblems(plist(`<key>${key}</key><array><string>/</string></array>`), ENTITLEMENTS), [], key);
      assert.equal(typeProblems(plist(`<key>${key}</key><true/>`), ENTITLEMENTS).length, 1, key);
    }
  });

  it('does not let a build-setting reference excuse a string where an array belongs: no substitution makes one', () => {
    const text = plist('<key>keychain-access-groups</key><string>$(AppIdentifierPrefix)com.example.shared</string>');
    const problems = typeProblems(text, ENTITLEMENTS);
    assert.deepEqual(findings(text, problems), [{ code: 'invalid-value-type', covered: '<string>$(AppIdentifierPrefix)com.example.shared</string>' }]);
    assert.equal(fixed(text, ENTITLEMENTS).title, 'Wrap in <array>');
  });

  describe('a lone value where an array is needed', () => {
    it('wraps it in an array indented with the document\'s tabs', () => {
      const text = plist('\n\t<key>com.apple.security.application-groups</key>\n\t<string>group.com.example</string>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n');
      const problems = typeProblems(text, ENTITLEMENTS);
      assert.deepEqual(findings(text, problems), [{ code: 'invalid-value-type', covered: '<string>group.com.example</string>' }]);
      const { title, result } = fixed(text, ENTITLEMENTS);
      assert.equal(title, 'Wrap in <array>');
      assert.equal(result, text.replace('\t<string>group.com.example</string>\n', '\t<array>\n\t\t<string>group.com.example</string>\n\t</array>\n'));
      assert.deepEqual(rootValue(result), { ...rootValue(text), 'com.apple.security.application-groups': ['group.com.example'] });
    });

    it('keeps a space indentation style, nested too', () => {
      const text = `${PLIST_HEADER}<dict>\n    <key>NSExtension</key>\n    <dict>\n        <key>NSExtensionAttributes</key>\n        <dict>\n            <key>PHSupportedMediaTypes</key>\n            <string>Image</string>\n        </dict>\n    </dict>\n</dict>\n</plist>\n`;
      const { result } = fixed(text, INFO_PLIST);
      assert.equal(result, text.replace('            <string>Image</string>\n', '            <array>\n                <string>Image</string>\n            </array>\n'));
      const extension = rootValue(result).NSExtension as Dict;
      assert.deepEqual((extension.NSExtensionAttributes as Dict).PHSupportedMediaTypes, ['Image']);
    });

    it('stays on one line in a one-line document', () => {
      const text = plist('<key>com.apple.security.application-groups</key><string>group.com.example</string>');
      assert.equal(fixed(text, ENTITLEMENTS).result, plist('<key>com.apple.security.application-groups</key><array><string>group.com.example</string></array>'));
    });

    it('understands device suffixes', () => {
      const text = plist('<key>UISupportedInterfaceOrientations~ipad</key><string>UIInterfaceOrientationPortrait</string>');
      assert.deepEqual(findings(text, typeProblems(text, INFO_PLIST)), [{ code: 'invalid-value-type', covered: '<string>UIInterfaceOrientationPortrait</string>' }]);
    });

    it('offers no wrap when the lone value is not a valid item either', () => {
      const text = plist('<key>com.apple.security.application-groups</key><true/>');
      const problems = typeProblems(text, ENTITLEMENTS);
      assert.equal(problems.length, 1);
      assert.deepEqual(quickFixes(text, problems), []);
    });
  });

  it('converts a number where a string is needed', () => {
    const text = plist('\n\t<key>CFBundleVersion</key>\n\t<integer>42</integer>\n');
    const { title, result } = fixed(text, INFO_PLIST);
    assert.equal(title, 'Change to <string>42</string>');
    assert.deepEqual(rootValue(result), { CFBundleVersion: '42' });
  });

  it('converts a numeric string where an integer is needed', () => {
    const text = plist('<key>LSUIPresentationMode</key><string>3</string>');
    assert.deepEqual(rootValue(fixed(text, INFO_PLIST).result), { LSUIPresentationMode: 3 });
  });

  it('reports array items of the wrong type, each on its own', () => {
    const text = plist('<key>com.apple.security.application-groups</key><array><string>group.a</string><integer>7</integer><true/></array>');
    const problems = typeProblems(text, ENTITLEMENTS);
    assert.deepEqual(findings(text, problems), [
      { code: 'invalid-value-type', covered: '<integer>7</integer>' },
      { code: 'invalid-value-type', covered: '<true/>' },
    ]);
    const [convertible] = problems;
    const actions = quickFixes(text, [convertible as Diagnostic]);
    assert.deepEqual(actions.map((action) => action.title), ['Change to <string>7</string>']);
    assert.deepEqual(rootValue(applyAction(text, actions[0] as CodeAction))['com.apple.security.application-groups'], ['group.a', '7', true]);
  });

  it('underlines only the start tag of a container of the wrong type', () => {
    const text = plist('<key>com.apple.security.app-sandbox</key><array><true/></array><key>com.apple.security.network.client</key><dict/>');
    assert.deepEqual(findings(text, typeProblems(text, ENTITLEMENTS)).map((finding) => finding.covered), ['<array>', '<dict/>']);
  });

  it('honours alternative types', () => {
    const capabilities = plist('<key>UIRequiredDeviceCapabilities</key><dict><key>arm64</key><true/></dict>');
    assert.deepEqual(typeProblems(capabilities, INFO_PLIST), []);
    const rule = plist('<key>NSExtension</key><dict><key>NSExtensionAttributes</key><dict><key>NSExtensionActivationRule</key><string>TRUEPREDICATE</string></dict></dict>');
    assert.deepEqual(typeProblems(rule, INFO_PLIST), []);
  });

  it('takes an integer where a real is documented', () => {
    assert.deepEqual(typeProblems(plist('<key>QLPreviewWidth</key><integer>800</integer>'), INFO_PLIST), []);
  });

  it('checks Info.plist keys at any depth', () => {
    const text = plist('<key>NSAppTransportSecurity</key><dict><key>NSExceptionDomains</key><dict><key>example.com</key><dict><key>NSIncludesSubdomains</key><string>maybe</string></dict></dict></dict>');
    assert.deepEqual(findings(text, typeProblems(text, INFO_PLIST)), [{ code: 'invalid-value-type', covered: '<string>maybe</string>' }]);
  });

  it('reports a boolean word for an Info.plist boolean only as information, since most readers accept it', () => {
    const text = plist('\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<string>YES</string>\n\t</dict>\n');
    const problems = typeProblems(text, INFO_PLIST);
    assert.deepEqual(findings(text, problems), [{ code: 'invalid-value-type', covered: '<string>YES</string>' }]);
    assert.equal(problems[0]?.severity, DiagnosticSeverity.Information);
    const { result } = fixed(text, INFO_PLIST);
    assert.deepEqual(rootValue(result), { NSAppTransportSecurity: { NSAllowsArbitraryLoads: true } });
  });

  it('leaves unknown, allowed and misplaced keys to other codes', () => {
    assert.deepEqual(typeProblems(plist('<key>com.example.custom</key><string>YES</string>'), ENTITLEMENTS), []);
    assert.deepEqual(typeProblems(plist('<key>com.apple.security.app-sandbox</key><string>YES</string>'), { fileKind: 'entitlements', allowedKeys: ['com.apple.security.app-sandbox'] }), []);
    assert.deepEqual(typeProblems(plist('<key>com.apple.security.app-sandbox</key><string>YES</string>'), INFO_PLIST), []);
  });

  it('checks only the top level of an entitlements file', () => {
    const text = plist('<key>com.apple.developer.driverkit.transport.usb</key><array><dict><key>com.apple.security.app-sandbox</key><string>x</string></dict></array>');
    assert.deepEqual(typeProblems(text, ENTITLEMENTS), []);
  });
});
