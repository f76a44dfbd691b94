import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyAction, assertMentions, plist, quickFixes } from '../../helpers';
import { diagnoseWithProfile, OTHER_TEAM, profileData, profileFindings, TEAM } from '../../../builders/signedProfiles';

describe('profile-wrong-team', () => {
  const profile = profileData();

  it('reports a profile of another team than DEVELOPMENT_TEAM, on the root <dict> tag', () => {
    const text = plist('<key>keychain-access-groups</key><array><string>$(AppIdentifierPrefix)com.example.shared</string></array>');
    const target = { platforms: [], productType: undefined, reasons: [], teamIdentifiers: [OTHER_TEAM] };
    assert.deepEqual(profileFindings(text, profile, { target }), [{ code: 'profile-wrong-team', covered: '<dict>' }]);
    const diagnostic = diagnoseWithProfile(text, profile, { target }).find((candidate) => candidate.code === 'profile-wrong-team');
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
    assertMentions(diagnostic, TEAM, OTHER_TEAM, 'Example Corp');
    assert.deepEqual(profileFindings(text, profile, { target: { ...target, teamIdentifiers: [TEAM] } }), []);
  });

  it('reports a value that spells out another team\'s ID, and fixes it with $(TeamIdentifierPrefix)', () => {
    const text = plist(`\n\t<key>keychain-access-groups</key>\n\t<array>\n\t\t<string>${OTHER_TEAM}.com.example.shared</string>\n\t</array>\n`);
    assert.deepEqual(profileFindings(text, profile), [{ code: 'profile-wrong-team', covered: `${OTHER_TEAM}.com.example.shared` }]);
    const diagnostics = diagnoseWithProfile(text, profile).filter((candidate) => candidate.code === 'profile-wrong-team');
    const fix = quickFixes(text, diagnostics).find((action) => action.title === "Change to '$(TeamIdentifierPrefix)com.example.shared'");
    assert.ok(fix, JSON.stringify(quickFixes(text, diagnostics).map((action) => action.title)));
    assert.equal(applyAction(text, fix), text.replace(`${OTHER_TEAM}.com.example.shared`, '$(TeamIdentifierPrefix)com.example.shared'));
  });

  it('accepts the profile\'s own Team ID written out', () => {
    const text = plist(`<key>keychain-access-groups</key><array><string>${TEAM}.com.example.shared</string></array>`);
    assert.deepEqual(profileFindings(text, profile), []);
  });
});
