import * as assert from 'node:assert/strict';
import { UNKNOWN_TARGET } from '../../../../shared/src/target';
import { bundleMatchScore, chooseProfile, isExpired, signingIdentityOf } from '../../../../server/src/service/profile/match';
import type { ProvisioningProfile } from '../../../../server/src/service/profile/profile';
import { plist, service } from '../../helpers';
import { OTHER_TEAM, profileData, TEAM } from '../../../builders/signedProfiles';

const NOW = new Date('2026-06-01T00:00:00Z');
const identity = (bundleIdentifiers: string[], teamIdentifiers: string[] = []) => ({ bundleIdentifiers, teamIdentifiers });
const named = (name: string, overrides: Partial<ProvisioningProfile>) => profileData({ name, ...overrides });
const nameOf = (profile: ProvisioningProfile | undefined) => profile?.name;

describe('match', () => {
  describe('bundleMatchScore', () => {
    it('matches exactly, then by wildcard, more specific first', () => {
      const exact = bundleMatchScore('com.example.app', 'com.example.app');
      const prefix = bundleMatchScore('com.example.*', 'com.example.app');
      const any = bundleMatchScore('*', 'com.example.app');
      assert.ok(exact > prefix && prefix > any && any > 0);
      assert.equal(bundleMatchScore('com.example.app', 'com.example.app.widget'), 0);
      assert.equal(bundleMatchScore('com.other.*', 'com.example.app'), 0);
    });
  });

  describe('chooseProfile', () => {
    const exact = named('Exact', { bundleIdentifierPattern: 'com.example.myapp' });
    const wildcard = named('Wildcard', { bundleIdentifierPattern: 'com.example.*' });
    const everything = named('Everything', { bundleIdentifierPattern: '*' });
    const other = named('Other app', { bundleIdentifierPattern: 'com.example.other' });

    it('prefers the exact App ID over wildcards, and a narrower wildcard over *', () => {
      assert.equal(nameOf(chooseProfile([everything, wildcard, exact, other], identity(['com.example.myapp']), [], NOW)), 'Exact');
      assert.equal(nameOf(chooseProfile([everything, wildcard, other], identity(['com.example.myapp']), [], NOW)), 'Wildcard');
      assert.equal(nameOf(chooseProfile([everything, other], identity(['com.example.myapp']), [], NOW)), 'Everything');
    });

    it('chooses none when no App ID fits, or the bundle identifier is unknown', () => {
      assert.equal(chooseProfile([other], identity(['com.example.myapp']), [], NOW), undefined);
      assert.equal(chooseProfile([exact, everything], identity([]), [], NOW), undefined);
    });

    it('prefers a profile that has not expired, then the newest', () => {
      const expired = named('Expired', { expirationDate: new Date('2026-01-01T00:00:00Z') });
      const older = named('Older', { creationDate: new Date('2025-01-01T00:00:00Z') });
      const newer = named('Newer', { creationDate: new Date('2026-01-01T00:00:00Z') });
      assert.equal(nameOf(chooseProfile([expired, older, newer], identity(['com.example.myapp']), [], NOW)), 'Newer');
      assert.equal(nameOf(chooseProfile([expired, wildcard], identity(['com.example.myapp']), [], NOW)), 'Wildcard');
      assert.equal(nameOf(chooseProfile([expired], identity(['com.example.myapp']), [], NOW)), 'Expired', 'an expired one when it is all there is');
    });

    it('keeps to the target\'s team when it is known', () => {
      const otherTeam = named('Other team', { teamIdentifiers: [OTHER_TEAM], creationDate: new Date('2026-05-01T00:00:00Z') });
      assert.equal(nameOf(chooseProfile([exact, otherTeam], identity(['com.example.myapp'], [TEAM]), [], NOW)), 'Exact');
      assert.equal(chooseProfile([otherTeam], identity(['com.example.myapp'], [TEAM]), [], NOW), undefined);
      assert.equal(nameOf(chooseProfile([exact, otherTeam], identity(['com.example.myapp']), [], NOW)), 'Other team');
    });

    it('prefers a profile for the target\'s platform', () => {
      const ios = named('iOS', { platforms: ['iOS'], creationDate: new Date('2026-05-01T00:00:00Z') });
      const mac = named('macOS', { platforms: ['OSX'] });
      assert.equal(nameOf(chooseProfile([ios, mac], identity(['com.example.myapp']), ['macOS'], NOW)), 'macOS');
      assert.equal(nameOf(chooseProfile([ios, mac], identity(['com.example.myapp']), ['iOS'], NOW)), 'iOS');
    });

    it('matches any of the target\'s bundle identifiers (one per configuration)', () => {
      const debug = named('Debug', { bundleIdentifierPattern: 'com.example.myapp.debug' });
      assert.equal(nameOf(chooseProfile([debug], identity(['com.example.myapp', 'com.example.myapp.debug']), [], NOW)), 'Debug');
    });
  });

  describe('isExpired', () => {
    it('compares the expiration date with now', () => {
      assert.equal(isExpired(profileData({ expirationDate: new Date('2026-05-31T23:59:59Z') }), NOW), true);
      assert.equal(isExpired(profileData({ expirationDate: new Date('2026-06-01T00:00:01Z') }), NOW), false);
      assert.equal(isExpired(profileData({ expirationDate: undefined }), NOW), false);
    });
  });

  describe('signingIdentityOf', () => {
    const companion = (body: string) => ({ uri: 'file:///ws/Info.plist', fileName: 'Info.plist', fileKind: 'infoPlist' as const, parsed: service.parse(plist(body)) });

    it('takes the project\'s bundle identifiers and teams', () => {
      const target = { ...UNKNOWN_TARGET, bundleIdentifiers: ['com.example.myapp'], teamIdentifiers: [TEAM] };
      assert.deepEqual(signingIdentityOf({ target, companion: companion('<key>CFBundleIdentifier</key><string>com.example.ignored</string>') }), identity(['com.example.myapp'], [TEAM]));
    });

    it('falls back to a literal CFBundleIdentifier in the companion Info.plist', () => {
      assert.deepEqual(signingIdentityOf({ target: UNKNOWN_TARGET, companion: companion('<key>CFBundleIdentifier</key><string>com.example.literal</string>') }), identity(['com.example.literal']));
      assert.deepEqual(signingIdentityOf({ target: UNKNOWN_TARGET, companion: companion('<key>CFBundleIdentifier</key><string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>') }), identity([]));
      assert.deepEqual(signingIdentityOf({ target: UNKNOWN_TARGET }), identity([]));
    });
  });
});
