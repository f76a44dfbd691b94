import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { duplicateKey } from '../../../../server/src/service/rules/duplicateKey';
import { assertMentions, URI, coveredText, diagnose, findings, plist, textDocument, type DiagnoseOptions } from '../../helpers';

function duplicates(text: string, options: DiagnoseOptions = { fileKind: 'entitlements' }) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === duplicateKey.code);
}

const TWICE = plist(`
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
\t<key>com.apple.security.network.client</key>
\t<true/>
\t<key>com.apple.security.app-sandbox</key>
\t<false/>
`);

describe('duplicate-key', () => {
  it('reports the second occurrence as an unnecessary warning', () => {
    const [diagnostic, ...rest] = duplicates(TWICE);
    assert.deepEqual(rest, []);
    assert.ok(diagnostic !== undefined);
    assert.equal(coveredText(TWICE, diagnostic), 'com.apple.security.app-sandbox');
    assert.equal(diagnostic.range.start.line > 5, true, 'the later key, not the first');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic.tags, [DiagnosticTag.Unnecessary]);
    assertMentions(diagnostic, 'com.apple.security.app-sandbox');
  });

  it('points related information at the first occurrence', () => {
    const [diagnostic] = duplicates(TWICE);
    const [related, ...rest] = diagnostic?.relatedInformation ?? [];
    assert.deepEqual(rest, []);
    assert.ok(related !== undefined);
    assert.equal(related.location.uri, URI);
    assert.equal(coveredText(TWICE, related.location), 'com.apple.security.app-sandbox');
    assert.equal(related.location.range.start.line < (diagnostic?.range.start.line ?? 0), true);
    assert.equal(textDocument(TWICE).offsetAt(related.location.range.start), TWICE.indexOf('com.apple.security.app-sandbox'));
  });

  it('leaves out related information for clients that do not support it', () => {
    const [diagnostic] = duplicates(TWICE, { fileKind: 'entitlements', supportsRelatedInformation: false });
    assert.equal(diagnostic?.relatedInformation, undefined);
  });

  it('points every later occurrence at the first', () => {
    const text = plist('<key>a</key><true/><key>a</key><true/><key>a</key><true/>');
    const diagnostics = duplicates(text, { fileKind: 'infoPlist' });
    assert.equal(diagnostics.length, 2);
    for (const diagnostic of diagnostics) {
      const first = diagnostic.relatedInformation?.[0]?.location.range.start;
      assert.ok(first !== undefined);
      assert.equal(textDocument(text).offsetAt(first), text.indexOf('<key>a') + '<key>'.length);
    }
  });

  it('finds duplicates in nested dicts, and not across different dicts', () => {
    const text = plist(`
<key>NSAppTransportSecurity</key>
<dict><key>NSAllowsArbitraryLoads</key><true/><key>NSAllowsArbitraryLoads</key><false/></dict>
<key>UIApplicationSceneManifest</key>
<dict><key>UIApplicationSupportsMultipleScenes</key><false/></dict>
<key>UIApplicationSupportsMultipleScenes</key><false/>
`);
    assert.deepEqual(findings(text, duplicates(text, { fileKind: 'infoPlist' })), [{ code: 'duplicate-key', covered: 'NSAllowsArbitraryLoads' }]);
  });

  it('finds duplicates in dicts inside arrays', () => {
    const text = plist('<key>CFBundleURLTypes</key><array><dict><key>CFBundleURLName</key><string>a</string><key>CFBundleURLName</key><string>b</string></dict></array>');
    assert.equal(duplicates(text, { fileKind: 'infoPlist' }).length, 1);
  });

  it('finds a duplicate whose first occurrence comes before a nested dict, and in a dict of more than 16 keys', () => {
    const many = Array.from({ length: 20 }, (_, index) => `<key>Setting${index}</key><true/>`).join('');
    const text = plist(`<key>A</key><dict><key>x</key><true/><key>Inner</key><dict><key>y</key><true/></dict><key>x</key><false/></dict>${many}<key>Setting3</key><false/>`);
    assert.deepEqual(findings(text, duplicates(text, { fileKind: 'infoPlist' })), [
      { code: 'duplicate-key', covered: 'x' },
      { code: 'duplicate-key', covered: 'Setting3' },
    ]);
  });

  it('finds duplicates in large dicts at any depth, nested in each other, however the keys are written', () => {
    const domains = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `<key>${prefix}${index}.example.com</key><dict/>`).join('');
    const text = plist(`
<key>NSAppTransportSecurity</key><dict><key>NSExceptionDomains</key><dict>
${domains('a', 20)}<key>a7.ex&#97;mple.com</key><dict/>
<key>Nested</key><dict>${domains('b', 20)}<key><![CDATA[b3.example.com]]></key><dict/></dict>
<key>a12.example.com</key><dict/>
</dict></dict>
<key>Later</key><dict>${domains('a', 18)}<key>a7.example.com</key><dict/></dict>`);
    // `a7` and `a12` in the first large dict (before and after a large dict inside it), `b3` in that one, and `a7` again
    // in a large dict read after those closed, against that dict's own first `a7`.
    assert.deepEqual(findings(text, duplicates(text, { fileKind: 'infoPlist' })), [
      { code: 'duplicate-key', covered: 'a7.ex&#97;mple.com' },
      { code: 'duplicate-key', covered: '<![CDATA[b3.example.com]]>' },
      { code: 'duplicate-key', covered: 'a12.example.com' },
      { code: 'duplicate-key', covered: 'a7.example.com' },
    ]);
    const [first, , third, fourth] = duplicates(text, { fileKind: 'infoPlist' });
    const related = (diagnostic: typeof first) => textDocument(text).offsetAt(diagnostic?.relatedInformation?.[0]?.location.range.start ?? { line: 0, character: 0 });
    assert.equal(related(first), text.indexOf('<key>a7.example.com') + '<key>'.length);
    assert.equal(related(third), text.indexOf('<key>a12.example.com') + '<key>'.length);
    assert.equal(related(fourth), text.indexOf('<key>a7.example.com', text.indexOf('<key>Later')) + '<key>'.length);
  });

  it('is silent without duplicates', () => {
    assert.deepEqual(duplicates(plist('<key>a</key><true/><key>b</key><true/>')), []);
  });
});
