import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyAction, assertMentions, plist, quickFixes } from '../../helpers';
import { diagnoseWithProfile, profileData, profileFindings } from '../../../builders/signedProfiles';

describe('profile-missing-entitlement', () => {
  const profile = profileData({ entitlements: { ...profileData().entitlements, 'aps-environment': 'development' } });

  it('reports a claimed entitlement the profile does not grant, as an error on the key', () => {
    const text = plist('\n\t<key>aps-environment</key>\n\t<string>development</string>\n\t<key>com.apple.developer.healthkit</key>\n\t<true/>\n');
    assert.deepEqual(profileFindings(text, profile), [{ code: 'profile-missing-entitlement', covered: 'com.apple.developer.healthkit' }]);
    const diagnostic = diagnoseWithProfile(text, profile).find((candidate) => candidate.code === 'profile-missing-entitlement');
    assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
    assertMentions(diagnostic, 'com.apple.developer.healthkit', 'My App Development');
  });

  it('says that a managed entitlement needs Apple\'s approval first', () => {
    const text = plist('<key>com.apple.developer.arkit.main-camera-access.allow</key><true/>');
    const diagnostic = diagnoseWithProfile(text, profile).find((candidate) => candidate.code === 'profile-missing-entitlement');
    assertMentions(diagnostic, 'com.apple.developer.arkit.main-camera-access.allow', 'Apple must approve');
  });

  it('offers to remove the key', () => {
    const text = plist('\n\t<key>com.apple.developer.healthkit</key>\n\t<true/>\n\t<key>aps-environment</key>\n\t<string>development</string>\n');
    const diagnostics = diagnoseWithProfile(text, profile).filter((candidate) => candidate.code === 'profile-missing-entitlement');
    const remove = quickFixes(text, diagnostics).find((action) => action.title === "Remove 'com.apple.developer.healthkit'");
    assert.ok(remove);
    assert.equal(applyAction(text, remove), plist('\n\t<key>aps-environment</key>\n\t<string>development</string>\n'));
  });

  it('does not expect what signing writes, a false boolean, or macOS\'s unrestricted keys', () => {
    const text = plist([
      '<key>get-task-allow</key><true/>',
      '<key>application-identifier</key><string>ABCDE12345.com.example.myapp</string>',
      '<key>com.apple.developer.healthkit</key><false/>',
      '<key>com.apple.security.app-sandbox</key><true/>',
      '<key>com.apple.security.cs.allow-jit</key><true/>',
    ].join(''));
    assert.deepEqual(profileFindings(text, profile), []);
  });

  it('accepts Team ID app groups on macOS without the key in the profile, but not group. ones', () => {
    const mac = profileData({ platforms: ['OSX'] });
    const teamGroup = plist('<key>com.apple.security.application-groups</key><array><string>$(TeamIdentifierPrefix)shared</string></array>');
    assert.deepEqual(profileFindings(teamGroup, mac), []);
    const group = plist('<key>com.apple.security.application-groups</key><array><string>group.com.example.shared</string></array>');
    assert.deepEqual(profileFindings(group, mac), [{ code: 'profile-missing-entitlement', covered: 'com.apple.security.application-groups' }]);
  });

  it('leaves invented and unknown keys to their own rules', () => {
    const text = plist('<key>com.apple.developer.push-notifications</key><true/><key>com.apple.developer.healthkitt</key><true/>');
    assert.deepEqual(profileFindings(text, profile), []);
  });

  it('is silent without a profile, and in Info.plist', () => {
    const text = plist('<key>com.apple.developer.healthkit</key><true/>');
    assert.deepEqual(profileFindings(text, undefined), []);
    assert.deepEqual(profileFindings(text, profile, { fileKind: 'infoPlist' }), []);
  });
});
