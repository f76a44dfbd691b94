import * as assert from 'node:assert/strict';
import { profilePageHtml } from '../../../../client/src/profilePage';
import { PLAIN_WRITER } from '../../../../server/src/service/markdownText';
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

describe('describeProfile with hostile fields', () => {
  const hostile = profileData({
    name: 'Evil\n# Forged <script>alert(1)</script> **bold** `tick` &amp;',
    uuid: '<img src=x onerror=alert(1)>',
    teamName: '[link](javascript:alert(1))',
    teamIdentifiers: ['T\u001b[31mEAM'],
    appIdName: 'App\r\n- forged item',
    applicationIdentifier: 'A`B',
    bundleIdentifierPattern: 'com.example.*\n## Forged',
    location: '/tmp/a`b\u202e.mobileprovision',
    platforms: ['<b>iOS</b>'],
    entitlements: { '<script>k</script>`\n## Forged': 'v`\n# x', 'com.example.dict': { 'inner`<i>': true } },
    certificates: [{ commonName: 'Cert\u0007|x|', subject: '', organization: '_org_' }],
  });

  it('renders on the editor page as literal text, with no markup and no forged headings or items', () => {
    const html = profilePageHtml(describeProfile(hostile, NOW));
    for (const tag of ['<script', '<img', '<b>', '<i>', '<a ', 'href']) assert.ok(!html.includes(tag), `${tag} in ${html}`);
    assert.equal(html.match(/<h1>/g)?.length, 1);
    assert.equal(html.match(/<h2>/g)?.length, 2, html);
    assert.ok(html.includes('<h1>Evil\u240a# Forged &lt;script&gt;alert(1)&lt;/script&gt; **bold** `tick` &amp;amp;</h1>'), html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
    assert.ok(html.includes('[link](javascript:alert(1))'), html);
    assert.ok(html.includes('App\u240d\u240a- forged item'), html);
    assert.ok(html.includes('&lt;b&gt;iOS&lt;/b&gt;'), html);
    assert.ok(html.includes('&lt;script&gt;k&lt;/script&gt;`\u240a## Forged'), html);
    assert.ok(html.includes('Cert\u2407|x|'), html);
    assert.ok(html.includes('_org_'), html);
    assert.ok(html.includes('U+202E'), html);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(html), 'no control character reaches the page');
  });

  it('writes plain text for the terminal: fields as written, control characters visible', () => {
    const text = describeProfile(hostile, NOW, PLAIN_WRITER);
    assert.ok(text.startsWith('# Evil\u240a# Forged <script>alert(1)</script> **bold** `tick` &amp;\n'), text);
    assert.ok(text.includes('- **UUID:** <img src=x onerror=alert(1)>'), text);
    assert.ok(text.includes('T\u241b[31mEAM'), text);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(text), 'no control character reaches the terminal');
    assert.equal(text.split('\n').filter((line) => line.startsWith('#')).length, 3, text);
  });
});
