import * as assert from 'node:assert/strict';
import { fileKindOf, guessFileKind, LANGUAGE_IDS } from '../../../server/src/service/fileKind';
import { parsePlist } from '../../../server/src/service/plist/parser';
import { plist, service } from '../helpers';

describe('fileKind', () => {
  describe('fileKindOf', () => {
    for (const [path, expected] of [
      ['App.entitlements', 'entitlements'],
      ['/Users/me/App/App.Entitlements', 'entitlements'],
      ['file:///work/My%20App/My%20App.entitlements', 'entitlements'],
      ['C:\\src\\App\\App.entitlements', 'entitlements'],
      ['Scripts/atomic_entitlements.plist', 'entitlements'],
      ['Info.plist', 'infoPlist'],
      ['file:///work/App/Info.plist', 'infoPlist'],
      ['MyApp-Info.plist', 'infoPlist'],
      ['Info-iOS.plist', 'infoPlist'],
      ['Settings.bundle/Root.plist', undefined],
      ['project.pbxproj', undefined],
      ['Info.plist.bak', undefined],
      ['/work/Info.plist/readme.md', undefined],
      ['/work/100%.entitlements', 'entitlements'],
      ['/work/50%off-Info.plist', 'infoPlist'],
      ['/work/100%.plist', undefined],
    ] as const) {
      it(`says ${String(expected)} for ${path}`, () => {
        assert.equal(fileKindOf(path), expected);
      });
    }

    it('trusts the language id over the name', () => {
      assert.equal(fileKindOf('Untitled-1', LANGUAGE_IDS.entitlements), 'entitlements');
      assert.equal(fileKindOf('App.entitlements', LANGUAGE_IDS.infoPlist), 'infoPlist');
      assert.equal(fileKindOf('Info.plist', 'xml'), 'infoPlist');
    });
  });

  describe('guessFileKind', () => {
    const guess = (body: string) => guessFileKind(parsePlist(plist(body)), service.catalog);

    it('guesses entitlements from entitlement keys, private ones included', () => {
      assert.equal(guess('<key>com.apple.security.app-sandbox</key><true/><key>com.apple.private.tcc.allow</key><array/>'), 'entitlements');
    });

    it('guesses Info.plist from Info.plist keys', () => {
      assert.equal(guess('<key>CFBundleIdentifier</key><string>x</string><key>NSCameraUsageDescription</key><string>y</string>'), 'infoPlist');
    });

    it('goes with the majority', () => {
      assert.equal(guess('<key>CFBundleIdentifier</key><string>x</string><key>com.apple.security.app-sandbox</key><true/><key>com.apple.security.network.client</key><true/>'), 'entitlements');
    });

    it('does not guess from custom keys or an empty file', () => {
      assert.equal(guess('<key>MyAppSetting</key><string>x</string>'), undefined);
      assert.equal(guessFileKind(parsePlist(''), service.catalog), undefined);
    });
  });
});
