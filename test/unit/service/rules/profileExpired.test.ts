import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { assertMentions, plist } from '../../helpers';
import { diagnoseWithProfile, profileData, profileFindings } from '../../../builders/signedProfiles';

describe('profile-expired', () => {
  const text = plist('<key>com.apple.developer.team-identifier</key><string>ABCDE12345</string>');

  it('reports an expired profile as a warning on the root <dict> tag', () => {
    const profile = profileData({ expirationDate: new Date('2026-05-01T12:00:00Z') });
    assert.deepEqual(profileFindings(text, profile), [{ code: 'profile-expired', covered: '<dict>' }]);
    const diagnostic = diagnoseWithProfile(text, profile).find((candidate) => candidate.code === 'profile-expired');
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Warning);
    assertMentions(diagnostic, 'My App Development', '2026-05-01');
  });

  it('shows control characters in the profile\'s name as visible marks, so a terminal prints the message as is', () => {
    const profile = profileData({ name: 'Evil\n\u001b[2Jname', expirationDate: new Date('2026-05-01T12:00:00Z') });
    const diagnostic = diagnoseWithProfile(text, profile).find((candidate) => candidate.code === 'profile-expired');
    assertMentions(diagnostic, 'Evil\u240a\u241b[2Jname');
    assert.doesNotMatch(typeof diagnostic?.message === 'string' ? diagnostic.message : '', /[\u0000-\u001f]/);
  });

  it('is silent for a profile that has not expired, or has no date', () => {
    assert.deepEqual(profileFindings(text, profileData({ expirationDate: new Date('2026-07-01T00:00:00Z') })), []);
    assert.deepEqual(profileFindings(text, profileData({ expirationDate: undefined })), []);
  });
});
