import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PlistValue } from '../../../../server/src/service/plist/value';
import { applyAction, assertMentions, plist, quickFixes } from '../../helpers';
import { diagnoseWithProfile, profileData, profileFindings, TEAM } from '../../../builders/signedProfiles';

const withGrants = (entitlements: Record<string, PlistValue>) => profileData({ entitlements: { ...profileData().entitlements, ...entitlements } });

describe('profile-value-mismatch', () => {
  it('reports aps-environment production against a development profile, and fixes it to the profile\'s value', () => {
    const profile = withGrants({ 'aps-environment': 'development' });
    const text = plist('\n\t<key>aps-environment</key>\n\t<string>production</string>\n');
    assert.deepEqual(profileFindings(text, profile), [{ code: 'profile-value-mismatch', covered: 'production' }]);
    const diagnostics = diagnoseWithProfile(text, profile).filter((diagnostic) => diagnostic.code === 'profile-value-mismatch');
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
    assertMentions(diagnostics[0], 'production', 'aps-environment', 'development');
    const change = quickFixes(text, diagnostics).find((action) => action.title === "Change to 'development'");
    assert.ok(change);
    assert.equal(applyAction(text, change), plist('\n\t<key>aps-environment</key>\n\t<string>development</string>\n'));
  });

  it('reports each app group, iCloud container and keychain group the profile does not list', () => {
    const profile = withGrants({
      'com.apple.security.application-groups': ['group.com.example.shared'],
      'com.apple.developer.icloud-container-identifiers': ['iCloud.com.example.myapp'],
    });
    const text = plist([
      '<key>com.apple.security.application-groups</key><array><string>group.com.example.shared</string><string>group.com.example.sharde</string></array>',
      '<key>com.apple.developer.icloud-container-identifiers</key><array><string>iCloud.com.example.myapp</string><string>iCloud.com.example.other</string></array>',
      '<key>keychain-access-groups</key><array><string>$(AppIdentifierPrefix)com.example.shared</string><string>com.example.nope</string></array>',
    ].join(''));
    assert.deepEqual(profileFindings(text, profile), [
      { code: 'profile-value-mismatch', covered: 'group.com.example.sharde' },
      { code: 'profile-value-mismatch', covered: 'iCloud.com.example.other' },
      { code: 'profile-value-mismatch', covered: 'com.example.nope' },
    ]);
    const typo = diagnoseWithProfile(text, profile).find((diagnostic) => diagnostic.code === 'profile-value-mismatch');
    assert.deepEqual((typo?.data as { valueReplacements?: string[] }).valueReplacements, ['group.com.example.shared']);
  });

  it('applies the profile\'s wildcards and expands $(TeamIdentifierPrefix)', () => {
    const profile = withGrants({
      'com.apple.developer.associated-domains': '*',
      'com.apple.developer.ubiquity-kvstore-identifier': `${TEAM}.*`,
      'com.apple.developer.icloud-services': '*',
      'com.apple.developer.icloud-container-environment': ['Development', 'Production'],
    });
    const text = plist([
      '<key>com.apple.developer.associated-domains</key><array><string>applinks:example.com</string><string>webcredentials:example.com?mode=developer</string></array>',
      '<key>com.apple.developer.ubiquity-kvstore-identifier</key><string>$(TeamIdentifierPrefix)$(CFBundleIdentifier)</string>',
      '<key>com.apple.developer.icloud-services</key><array><string>CloudKit</string></array>',
      '<key>com.apple.developer.icloud-container-environment</key><string>Production</string>',
      '<key>keychain-access-groups</key><array><string>$(AppIdentifierPrefix)com.example.shared</string><string>com.apple.token</string></array>',
    ].join(''));
    assert.deepEqual(profileFindings(text, profile, { target: { platforms: [], productType: undefined, reasons: [], bundleIdentifiers: ['com.example.myapp'] } }), []);
  });

  it('reports associated domains a profile lists one by one when a domain is not among them', () => {
    const profile = withGrants({ 'com.apple.developer.associated-domains': ['applinks:example.com'] });
    const text = plist('<key>com.apple.developer.associated-domains</key><array><string>applinks:example.com?mode=developer</string><string>applinks:other.example</string></array>');
    assert.deepEqual(profileFindings(text, profile), [{ code: 'profile-value-mismatch', covered: 'applinks:other.example' }]);
  });

  it('reports a true boolean the profile grants as false', () => {
    const profile = withGrants({ 'com.apple.developer.healthkit': false });
    const text = plist('<key>com.apple.developer.healthkit</key><true/>');
    assert.deepEqual(profileFindings(text, profile), [{ code: 'profile-value-mismatch', covered: '<true/>' }]);
  });

  it('leaves values with other build-setting references alone', () => {
    const profile = withGrants({ 'com.apple.security.application-groups': ['group.com.example.shared'] });
    const text = plist('<key>com.apple.security.application-groups</key><array><string>group.$(MY_GROUP)</string></array>');
    assert.deepEqual(profileFindings(text, profile), []);
  });
});
