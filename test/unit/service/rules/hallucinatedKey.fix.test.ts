import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { applyAction, diagnose, plist } from '../../helpers';
import { action, fixesFor, renamed, rootValue } from '../../fixHelpers';

describe('hallucinated-key fixes', () => {
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
