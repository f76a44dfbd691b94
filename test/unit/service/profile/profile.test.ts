import * as assert from 'node:assert/strict';
import { profileKindOf, readProvisioningProfile } from '../../../../server/src/service/profile/profile';
import { createSigner, hasOpenssl, profileData, profilePlist, TEAM, type Signer } from '../../../builders/signedProfiles';

describe('profile', function () {
  let signer: Signer;
  before(function () {
    if (!hasOpenssl()) {
      console.warn('    openssl is not installed (Debian package: openssl); skipping the signed-profile tests');
      this.skip();
    }
    signer = createSigner();
  });
  after(() => signer?.dispose());

  it('reads the fields signing cares about from a signed profile', () => {
    const expirationDate = new Date('2030-05-06T07:08:09Z');
    const creationDate = new Date('2025-05-06T07:08:09Z');
    const bytes = signer.sign(profilePlist({
      name: 'iOS Team Provisioning Profile: com.example.myapp',
      expirationDate,
      creationDate,
      devices: 3,
      entitlements: { 'aps-environment': 'development' },
      developerCertificates: [signer.certificateDer],
    }));
    const { profile, problem } = readProvisioningProfile(bytes);
    assert.equal(problem, undefined);
    assert.ok(profile !== undefined);
    assert.equal(profile.name, 'iOS Team Provisioning Profile: com.example.myapp');
    assert.equal(profile.uuid, '0f6c2a52-1111-4a2b-9c3d-000000000001');
    assert.deepEqual(profile.teamIdentifiers, [TEAM]);
    assert.equal(profile.teamName, 'Example Corp');
    assert.equal(profile.appIdName, 'My App');
    assert.equal(profile.applicationIdentifier, `${TEAM}.com.example.myapp`);
    assert.equal(profile.applicationIdentifierPrefix, TEAM);
    assert.equal(profile.bundleIdentifierPattern, 'com.example.myapp');
    assert.equal(profile.expirationDate?.toISOString(), expirationDate.toISOString());
    assert.equal(profile.creationDate?.toISOString(), creationDate.toISOString());
    assert.equal(profile.provisionedDevices, 3);
    assert.equal(profile.provisionsAllDevices, false);
    assert.deepEqual(profile.platforms, ['iOS']);
    assert.equal(profile.entitlements['aps-environment'], 'development');
    assert.deepEqual(profile.entitlements['keychain-access-groups'], [`${TEAM}.*`, 'com.apple.token']);
    assert.deepEqual(profile.certificates.map((certificate) => certificate.organizationalUnit), [TEAM]);
    assert.equal(profile.signerCertificates.length, 1);
  });

  it('strips the prefix from wildcard App IDs', () => {
    const wildcard = readProvisioningProfile(signer.sign(profilePlist({ bundleIdentifier: 'com.example.*' }))).profile;
    assert.equal(wildcard?.bundleIdentifierPattern, 'com.example.*');
    const everything = readProvisioningProfile(signer.sign(profilePlist({ bundleIdentifier: '*' }))).profile;
    assert.equal(everything?.bundleIdentifierPattern, '*');
  });

  it('reads a profile from a streamed (BER) container', () => {
    const profile = readProvisioningProfile(signer.sign(profilePlist({ name: 'Streamed' }), { stream: true })).profile;
    assert.equal(profile?.name, 'Streamed');
  });

  it('reads a macOS profile, whose App ID is com.apple.application-identifier', () => {
    const xml = profilePlist({ platforms: ['OSX'] }).replace('<key>application-identifier</key>', '<key>com.apple.application-identifier</key>');
    const profile = readProvisioningProfile(signer.sign(xml)).profile;
    assert.equal(profile?.bundleIdentifierPattern, 'com.example.myapp');
    assert.deepEqual(profile?.platforms, ['OSX']);
  });

  it('reads an already decoded XML profile too', () => {
    assert.equal(readProvisioningProfile(new TextEncoder().encode(profilePlist({ name: 'Decoded' }))).profile?.name, 'Decoded');
  });

  it('says why signed content that is not a profile is not one', () => {
    const notPlist = readProvisioningProfile(signer.sign('hello'));
    assert.equal(notPlist.profile, undefined);
    assert.ok(notPlist.problem !== undefined);
    const otherPlist = readProvisioningProfile(signer.sign('<plist><dict><key>CFBundleName</key><string>x</string></dict></plist>'));
    assert.match(otherPlist.problem ?? '', /not a provisioning profile/);
    assert.equal(readProvisioningProfile(new Uint8Array([1, 2, 3])).profile, undefined);
  });

  describe('profileKindOf', () => {
    it('tells development, ad hoc, App Store and enterprise profiles apart', () => {
      assert.equal(profileKindOf(profileData()), 'Development');
      const distribution = { 'get-task-allow': false };
      assert.equal(profileKindOf(profileData({ entitlements: distribution })), 'Ad Hoc');
      assert.equal(profileKindOf(profileData({ entitlements: distribution, provisionedDevices: 0 })), 'App Store');
      assert.equal(profileKindOf(profileData({ entitlements: distribution, provisionedDevices: 0, provisionsAllDevices: true })), 'Enterprise (in-house)');
    });
  });
});
