import * as assert from 'node:assert/strict';
import { directivesOf } from '../../../../server/src/service/features/suppression';
import { parsePlist, parsePlistByTokens } from '../../../../server/src/service/plist/parser';
import { allQuickFixes, applyAction, diagnose, findings, plist, quickFixes, service } from '../../helpers';

const TYPO = '\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n';
const OTHER_TYPO = '\t<key>com.apple.security.network.clientt</key>\n\t<true/>\n';

function codesOf(text: string): Array<{ code: string; covered: string }> {
  return findings(text, diagnose(text, { fileKind: 'entitlements' }));
}

describe('suppression', () => {
  it('disable-next-line suppresses the named code on the entry below, and only there', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable-next-line unknown-key -->\n${TYPO}${OTHER_TYPO}`);
    assert.deepEqual(codesOf(text), [{ code: 'unknown-key', covered: 'com.apple.security.network.clientt' }]);
  });

  it('disable-next-line covers the whole entry, its value on later lines included', () => {
    const text = plist('\n\t<!-- plist-sentinel-disable-next-line invalid-value -->\n\t<key>aps-environment</key>\n\t<string>prod</string>\n');
    assert.deepEqual(codesOf(text), []);
  });

  it('disable-next-line without a code suppresses every code; a list takes commas or spaces', () => {
    const all = plist(`\n\t<!-- plist-sentinel-disable-next-line -->\n${TYPO}`);
    assert.deepEqual(codesOf(all), []);
    const line = '\t<key>com.apple.security.app-sandbx</key><true/><key>com.apple.developer.push-notifications</key><true/>\n';
    assert.deepEqual(codesOf(plist(`\n${line}`)).map((finding) => finding.code), ['unknown-key', 'hallucinated-key']);
    assert.deepEqual(codesOf(plist(`\n\t<!--plist-sentinel-disable-next-line hallucinated-key,unknown-key-->\n${line}`)), []);
    assert.deepEqual(codesOf(plist(`\n\t<!-- plist-sentinel-disable-next-line hallucinated-key unknown-key -->\n${line}`)), []);
  });

  it('stacked disable-next-line comments all apply to the entry below the last one', () => {
    const line = '\t<key>com.apple.security.app-sandbx</key><true/><key>com.apple.developer.push-notifications</key><true/>\n';
    const text = plist(`\n\t<!-- plist-sentinel-disable-next-line unknown-key -->\n\t<!-- plist-sentinel-disable-next-line hallucinated-key -->\n${line}`);
    assert.deepEqual(codesOf(text), []);
  });

  it('disable ... enable suppresses the code between them and not after', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable unknown-key -->\n${TYPO}${OTHER_TYPO}\t<!-- plist-sentinel-enable unknown-key -->\n\t<key>com.apple.security.files.user-selected.read-onlyy</key>\n\t<true/>\n`);
    assert.deepEqual(codesOf(text), [{ code: 'unknown-key', covered: 'com.apple.security.files.user-selected.read-onlyy' }]);
  });

  it('disable without enable lasts to the end of the file; without a code it covers every code', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable -->\n${TYPO}\t<key>com.apple.developer.push-notifications</key>\n\t<true/>\n`);
    assert.deepEqual(codesOf(text), []);
  });

  it('suppresses nothing for another code, and reports the comment as unused', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable-next-line duplicate-key -->\n${TYPO}`);
    assert.deepEqual(codesOf(text), [
      { code: 'unused-suppression', covered: '<!-- plist-sentinel-disable-next-line duplicate-key -->' },
      { code: 'unknown-key', covered: 'com.apple.security.app-sandbx' },
    ]);
  });

  it('reports a misspelt code, an unknown directive and an enable with nothing open', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable-next-line unknown-keys -->\n\t<!-- plist-sentinel-disable-nextline -->\n\t<!-- plist-sentinel-enable -->\n`);
    const messages = diagnose(text, { fileKind: 'entitlements' }).map((diagnostic) => `${String(diagnostic.code)}: ${typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value}`);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.ok(messages.every((message) => message.startsWith('unused-suppression: ')));
    assert.match(messages[0] ?? '', /'unknown-keys' is not a plist-sentinel code/);
    assert.match(messages[1] ?? '', /Unknown directive 'plist-sentinel-disable-nextline'/);
    assert.match(messages[2] ?? '', /Nothing to enable/);
  });

  it('does not judge a suppression of a code that cannot be reported here (no profile, or the code is off)', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable-next-line profile-missing-entitlement -->\n${TYPO}\t<!-- plist-sentinel-disable-next-line duplicate-key -->\n${OTHER_TYPO}`);
    const diagnostics = diagnose(text, { fileKind: 'entitlements', severity: { 'duplicate-key': 'off' } });
    assert.deepEqual(findings(text, diagnostics).map((finding) => finding.code), ['unknown-key', 'unknown-key']);
  });

  it('unused-suppression can itself be turned off', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable-next-line duplicate-key -->\n${TYPO}`);
    assert.deepEqual(findings(text, diagnose(text, { fileKind: 'entitlements', severity: { 'unused-suppression': 'off' } })).map((finding) => finding.code), ['unknown-key']);
  });

  it('the fix removes an unused comment with its line, or drops only the unused codes', () => {
    const unused = plist(`\n\t<!-- plist-sentinel-disable-next-line duplicate-key -->\n${TYPO}`);
    const unusedDiagnostic = diagnose(unused, { fileKind: 'entitlements' }).filter((diagnostic) => diagnostic.code === 'unused-suppression');
    const [remove] = quickFixes(unused, unusedDiagnostic);
    assert.ok(remove);
    assert.equal(remove.title, 'Remove unused suppression');
    assert.equal(applyAction(unused, remove), plist(`\n${TYPO}`));

    const partly = plist(`\n\t<!-- plist-sentinel-disable-next-line duplicate-key, unknown-key -->\n${TYPO}`);
    const partlyDiagnostic = diagnose(partly, { fileKind: 'entitlements' }).filter((diagnostic) => diagnostic.code === 'unused-suppression');
    const [trim] = quickFixes(partly, partlyDiagnostic);
    assert.ok(trim);
    const fixed = applyAction(partly, trim);
    assert.equal(fixed, plist(`\n\t<!-- plist-sentinel-disable-next-line unknown-key -->\n${TYPO}`));
    assert.deepEqual(codesOf(fixed), []);
  });

  it('offers "Suppress CODE for this entry" above the entry holding the finding, whose comment then suppresses it', () => {
    const text = plist('\n\t<key>aps-environment</key>\n\t<string>prod</string>\n');
    const actions = allQuickFixes(text, diagnose(text, { fileKind: 'entitlements' }));
    const suppress = actions.find((action) => action.title === "Suppress 'invalid-value' for this entry");
    assert.ok(suppress, JSON.stringify(actions.map((action) => action.title)));
    assert.notEqual(suppress.isPreferred, true);
    const fixed = applyAction(text, suppress);
    assert.equal(fixed, plist('\n\t<!-- plist-sentinel-disable-next-line invalid-value -->\n\t<key>aps-environment</key>\n\t<string>prod</string>\n'));
    assert.deepEqual(codesOf(fixed), []);
  });

  it('puts the comment on a line of its own when the key shares its line', () => {
    const text = plist(TYPO.trim());
    const actions = allQuickFixes(text, diagnose(text, { fileKind: 'entitlements' }));
    const suppress = actions.find((action) => action.title === "Suppress 'unknown-key' for this entry");
    assert.ok(suppress);
    const fixed = applyAction(text, suppress);
    assert.equal(fixed, plist(`<!-- plist-sentinel-disable-next-line unknown-key -->\n${TYPO.trim()}`));
    assert.deepEqual(codesOf(fixed), []);
  });

  it('offers no suppression for a syntax problem or an unused suppression', () => {
    const text = plist('\n\t<!-- plist-sentinel-disable-next-line duplicate-key -->\n\t<key>a</key>\n');
    const diagnostics = diagnose(text, { fileKind: 'entitlements' }).filter((diagnostic) => diagnostic.code === 'plist-syntax' || diagnostic.code === 'unused-suppression');
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unused-suppression', 'plist-syntax']);
    const titles = allQuickFixes(text, diagnostics).map((action) => action.title);
    assert.deepEqual(titles, ['Remove unused suppression']);
  });

  it('takes directives from the parse: a comment inside a string is text, not a directive', () => {
    const text = plist('<key>a</key><string>x<!-- plist-sentinel-disable --></string><!-- plist-sentinel-enable --><!-- another comment -->');
    assert.deepEqual(directivesOf(service.parse(text)).map((directive) => directive.kind), ['enable']);
  });

  it('lists the same directive comments whether elements are read from the text or through the token loop', () => {
    const text = plist(`\n\t<!-- plist-sentinel-disable unknown-key -->\n${TYPO}<!--plist-sentinel-enable--><key>a</key><!-- plist-sentinel-disable-next-line --><string>b</string>\n`);
    const spans = (parsed: ReturnType<typeof parsePlist>) => Array.from({ length: parsed.directiveComments.length }, (_, index) => parsed.directiveComments.at(index));
    const direct = spans(parsePlist(text));
    assert.equal(direct.length, 3);
    assert.deepEqual(direct, spans(parsePlistByTokens(text)));
  });
});
