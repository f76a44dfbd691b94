import * as assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../../../server/src/service/plist/value';
import { PLIST_HEADER, applyAction, diagnose, plist, quickFixes, type DiagnoseOptions } from '../../helpers';

type Dict = { [key: string]: PlistValue };

/** The root dict's value; the test input must be well-formed. */
function rootValue(text: string): Dict {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the result is well-formed');
  return toValue(document) as Dict;
}

/** The fixes for the one diagnostic in `text`. */
function fixesFor(text: string, options: DiagnoseOptions): { diagnostic: Diagnostic; actions: CodeAction[] } {
  const diagnostics = diagnose(text, options);
  assert.equal(diagnostics.length, 1, 'exactly one diagnostic');
  const diagnostic = diagnostics[0] as Diagnostic;
  return { diagnostic, actions: quickFixes(text, diagnostics) };
}

function action(actions: readonly CodeAction[], title: string): CodeAction {
  const found = actions.find((candidate) => candidate.title === title);
  assert.ok(found !== undefined, `no '${title}' among ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  return found;
}

/** The value tree with `from` renamed to `to`, keeping its value. */
function renamed(value: Dict, from: string, to: string): Dict {
  const copy: Dict = Object.create(null) as Dict;
  for (const [key, item] of Object.entries(value)) copy[key === from ? to : key] = item;
  return copy;
}

function without(value: Dict, key: string): Dict {
  const copy: Dict = Object.create(null) as Dict;
  for (const [name, item] of Object.entries(value)) if (name !== key) copy[name] = item;
  return copy;
}

const SANDBX = plist(`
\t<key>com.apple.security.network.client</key>
\t<true/>
\t<key>com.apple.security.app-sandbx</key>
\t<true/>
\t<key>com.apple.security.files.user-selected.read-only</key>
\t<true/>
`);

describe('quick fixes', () => {
  describe('for unknown-key', () => {
    it('offers the suggestion first and preferred, then removal', () => {
      const { actions } = fixesFor(SANDBX, { fileKind: 'entitlements' });
      assert.deepEqual(actions.map((candidate) => [candidate.title, candidate.isPreferred === true]), [
        ["Change to 'com.apple.security.app-sandbox'", true],
        ["Remove 'com.apple.security.app-sandbx'", false],
      ]);
    });

    it('marks each action as a quick fix for its diagnostic', () => {
      const { diagnostic, actions } = fixesFor(SANDBX, { fileKind: 'entitlements' });
      for (const candidate of actions) {
        assert.equal(candidate.kind, CodeActionKind.QuickFix);
        assert.deepEqual(candidate.diagnostics, [diagnostic]);
      }
    });

    it('renames only the key text', () => {
      const { actions } = fixesFor(SANDBX, { fileKind: 'entitlements' });
      const result = applyAction(SANDBX, action(actions, "Change to 'com.apple.security.app-sandbox'"));
      assert.equal(result, SANDBX.replace('app-sandbx', 'app-sandbox'));
      assert.deepEqual(rootValue(result), renamed(rootValue(SANDBX), 'com.apple.security.app-sandbx', 'com.apple.security.app-sandbox'));
      assert.deepEqual(diagnose(result, { fileKind: 'entitlements' }), []);
    });

    it('removes the key, its value and their lines', () => {
      const { actions } = fixesFor(SANDBX, { fileKind: 'entitlements' });
      const result = applyAction(SANDBX, action(actions, "Remove 'com.apple.security.app-sandbx'"));
      assert.equal(result, SANDBX.replace('\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n', ''));
      assert.deepEqual(rootValue(result), without(rootValue(SANDBX), 'com.apple.security.app-sandbx'));
    });

    it('renames a nested Info.plist key and offers no removal there', () => {
      const text = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSAllowsArbitraryLoad</key>
\t\t<true/>
\t</dict>
`);
      const fixes = fixesFor(text, { fileKind: 'infoPlist' }).actions;
      assert.deepEqual(fixes.map((candidate) => candidate.title), ["Change to 'NSAllowsArbitraryLoads'"]);
      const result = applyAction(text, action(fixes, "Change to 'NSAllowsArbitraryLoads'"));
      assert.equal(result, text.replace('NSAllowsArbitraryLoad<', 'NSAllowsArbitraryLoads<'));
      assert.deepEqual(rootValue(result).NSAppTransportSecurity, renamed(rootValue(text).NSAppTransportSecurity as Dict, 'NSAllowsArbitraryLoad', 'NSAllowsArbitraryLoads'));
    });

    it('offers at most three renames, the nearest preferred', () => {
      const text = plist('<key>com.apple.developer.camera</key><true/>');
      const renames = fixesFor(text, { fileKind: 'entitlements' }).actions.filter((candidate) => candidate.title.startsWith('Change to'));
      assert.ok(renames.length >= 1 && renames.length <= 3);
      assert.deepEqual(renames.map((candidate) => candidate.isPreferred === true), renames.map((_, index) => index === 0));
    });
  });

  describe('for hallucinated-key', () => {
    const text = plist('\n\t<key>com.apple.developer.push-notifications</key>\n\t<string>production</string>\n');

    it('offers the real keys in platform order, then removal', () => {
      const titles = (platform: 'iOS' | 'macOS') => fixesFor(text, { fileKind: 'entitlements', platform }).actions.map((candidate) => candidate.title);
      assert.deepEqual(titles('iOS'), ["Change to 'aps-environment'", "Change to 'com.apple.developer.aps-environment'", "Remove 'com.apple.developer.push-notifications'"]);
      assert.deepEqual(titles('macOS'), ["Change to 'com.apple.developer.aps-environment'", "Change to 'aps-environment'", "Remove 'com.apple.developer.push-notifications'"]);
    });

    it('renames to a key that keeps the value and passes validation', () => {
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Change to 'aps-environment'"));
      assert.deepEqual(rootValue(result), renamed(rootValue(text), 'com.apple.developer.push-notifications', 'aps-environment'));
      assert.deepEqual(diagnose(result, { fileKind: 'entitlements' }), []);
    });

    it('prefers removal when there is nothing to rename to', () => {
      const iap = plist('\n\t<key>com.apple.developer.in-app-purchase</key>\n\t<true/>\n');
      const { actions } = fixesFor(iap, { fileKind: 'entitlements' });
      assert.deepEqual(actions.map((candidate) => [candidate.title, candidate.isPreferred]), [["Remove 'com.apple.developer.in-app-purchase'", true]]);
      assert.equal(applyAction(iap, actions[0] as CodeAction), plist('\n'));
    });
  });

  describe('removal', () => {
    it('removes a multi-line value with its key', () => {
      const text = plist(`
\t<key>NSCameraUsageDescription</key>
\t<string>Scan codes</string>
\t<key>com.apple.security.application-groups</key>
\t<array>
\t\t<string>group.com.example</string>
\t</array>
`);
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Remove 'NSCameraUsageDescription'"));
      assert.equal(result, text.replace('\t<key>NSCameraUsageDescription</key>\n\t<string>Scan codes</string>\n', ''));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'NSCameraUsageDescription'));
    });

    it('removes an entry whose value spans lines', () => {
      const text = plist(`
\t<key>com.apple.private.tcc.allow</key>
\t<array>
\t\t<string>kTCCServiceCamera</string>
\t</array>
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
`);
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Remove 'com.apple.private.tcc.allow'"));
      assert.equal(result, plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'com.apple.private.tcc.allow'));
    });

    it('removes whole CRLF lines without leaving a blank line or a stray \\r', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n\t<key>com.apple.security.network.client</key>\n\t<true/>\n').replace(/\n/g, '\r\n');
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      const result = applyAction(text, action(actions, "Remove 'com.apple.security.app-sandbx'"));
      assert.equal(result, text.replace('\t<key>com.apple.security.app-sandbx</key>\r\n\t<true/>\r\n', ''));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'com.apple.security.app-sandbx'));
    });

    it('removes only the elements when other entries share the line', () => {
      const text = plist('\n\t<key>a.b</key><true/> <key>com.apple.security.app-sandbx</key><true/> <key>c.d</key><true/>\n');
      const diagnostics = diagnose(text, { fileKind: 'entitlements', allowedKeys: ['a.b', 'c.d'] });
      const result = applyAction(text, action(quickFixes(text, diagnostics), "Remove 'com.apple.security.app-sandbx'"));
      assert.equal(result, plist('\n\t<key>a.b</key><true/>  <key>c.d</key><true/>\n'));
      assert.deepEqual(rootValue(result), without(rootValue(text), 'com.apple.security.app-sandbx'));
    });

    it('removes the later duplicate and keeps the first', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.security.app-sandbox</key>\n\t<false/>\n');
      const { actions } = fixesFor(text, { fileKind: 'entitlements' });
      assert.deepEqual(actions.map((candidate) => [candidate.title, candidate.isPreferred]), [["Remove 'com.apple.security.app-sandbox'", true]]);
      const result = applyAction(text, actions[0] as CodeAction);
      assert.equal(result, plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      // The value tree loses exactly the duplicate: what remains is the first occurrence's value.
      assert.deepEqual(rootValue(result), { __proto__: null, 'com.apple.security.app-sandbox': true });
    });

    it('removes a key that has no value yet', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>org.example.flag</key>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n`;
      const diagnostics = diagnose(text, { fileKind: 'entitlements' }).filter((diagnostic) => diagnostic.code === 'unknown-key');
      const result = applyAction(text, action(quickFixes(text, diagnostics), "Remove 'org.example.flag'"));
      assert.equal(result, text.replace('\t<key>org.example.flag</key>\n', ''));
      // The key had no value, so the value tree does not change at all.
      assert.deepEqual(rootValue(result), toValue(parsePlist(text)));
    });
  });

  describe('what it ignores', () => {
    it('offers nothing for syntax problems', () => {
      const text = plist('<key>com.apple.security.app-sandbox</key>');
      const diagnostics = diagnose(text, { fileKind: 'entitlements' });
      assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['plist-syntax']);
      assert.deepEqual(quickFixes(text, diagnostics), []);
    });

    it('ignores diagnostics from other sources and codes it does not know', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      assert.deepEqual(quickFixes(SANDBX, [{ ...ours, source: 'xml' }]), []);
      assert.deepEqual(quickFixes(SANDBX, [{ ...ours, code: 'not-a-code' }]), []);
    });

    it('narrows data that comes back from the client', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      const titles = (data: unknown) => quickFixes(SANDBX, [{ ...ours, data }]).map((candidate) => candidate.title);
      assert.deepEqual(titles({ replacements: ['com.apple.security.app-sandbox', 42, null], canRemove: 'yes' }), ["Change to 'com.apple.security.app-sandbox'"]);
      assert.deepEqual(titles(undefined), []);
      assert.deepEqual(titles('garbage'), []);
    });

    it('offers nothing when the diagnostic no longer points at a key', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      const elsewhere: Diagnostic = { ...ours, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Error };
      assert.deepEqual(quickFixes(SANDBX, [elsewhere]), []);
    });

    it('escapes a replacement that needs it', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      const [rename] = quickFixes(SANDBX, [{ ...ours, data: { replacements: ['a&b<c>'] } }]);
      assert.ok(rename !== undefined);
      const result = applyAction(SANDBX, rename);
      assert.ok(result.includes('<key>a&amp;b&lt;c&gt;</key>'));
      assert.ok(Object.keys(rootValue(result)).includes('a&b<c>'));
    });
  });
});
