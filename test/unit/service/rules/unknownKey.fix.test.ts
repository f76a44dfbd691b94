import * as assert from 'node:assert/strict';
import { CodeActionKind } from 'vscode-languageserver-types';
import { applyAction, diagnose, plist } from '../../helpers';
import { action, fixesFor, renamed, rootValue, without, type Dict } from '../../fixHelpers';

const SANDBX = plist(`
\t<key>com.apple.security.network.client</key>
\t<true/>
\t<key>com.apple.security.app-sandbx</key>
\t<true/>
\t<key>com.apple.security.files.user-selected.read-only</key>
\t<true/>
`);

describe('unknown-key fixes', () => {
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
