import * as assert from 'node:assert/strict';
import { describeProfile } from '../../../../server/src/service/profile/describe';
import { profileData, TEAM } from '../../../builders/signedProfiles';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('describeProfile', () => {
  const profile = profileData({
    location: '/Users/me/Library/MobileDevice/Provisioning Profiles/x.mobileprovision',
    expirationDate: new Date('2026-06-11T00:00:00Z'),
    entitlements: { ...profileData().entitlements, 'aps-environment': 'development' },
    certificates: [{ commonName: 'Apple Development: Jane (ABCDE12345)', organizationalUnit: TEAM, subject: 'CN=Apple Development: Jane (ABCDE12345), OU=ABCDE12345', notAfter: new Date('2027-01-01T00:00:00Z') }],
  });
  const page = describeProfile(profile, NOW);

  it('shows the name, kind, team, App ID, expiry and devices', () => {
    assert.match(page, /^# My App Development\n/);
    assert.ok(page.includes('- **Kind:** Development'), page);
    assert.ok(page.includes(`- **Team:** Example Corp (${TEAM})`), page);
    assert.ok(page.includes(`- **App ID:** My App (\`${TEAM}.com.example.myapp\`)`), page);
    assert.ok(page.includes('- **Bundle identifiers:** `com.example.myapp`'), page);
    assert.ok(page.includes('- **Expires:** 2026-06-11 (in 10 days)'), page);
    assert.ok(page.includes('- **Devices:** 2 provisioned devices'), page);
    assert.ok(page.includes('x.mobileprovision'), page);
  });

  it('lists the certificates with their subjects and expiry, and every entitlement', () => {
    assert.ok(page.includes('## Certificates (1)'), page);
    assert.ok(page.includes(`- Apple Development: Jane (ABCDE12345) · OU ${TEAM} · expires 2027-01-01`), page);
    assert.ok(page.includes('## Entitlements (5)'), page);
    assert.ok(page.includes('- `aps-environment`: `development`'), page);
    assert.ok(page.includes(`- \`keychain-access-groups\`: \`${TEAM}.*\`, \`com.apple.token\``), page);
  });

  it('marks an expired profile and an enterprise one', () => {
    const expired = describeProfile(profileData({ expirationDate: new Date('2026-05-29T00:00:00Z') }), NOW);
    assert.ok(expired.includes('(**expired** 3 days ago)'), expired);
    const enterprise = describeProfile(profileData({ provisionsAllDevices: true, provisionedDevices: 0 }), NOW);
    assert.ok(enterprise.includes('- **Devices:** all devices (enterprise distribution)'), enterprise);
  });
});
