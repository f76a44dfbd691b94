import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PLIST_HEADER, URI, applyAction, applyActionTo, assertMentions, companionOf, diagnose, plist, quickFixes, service } from '../../helpers';
import type { Platform } from '../../../../shared/src/catalog';
import { searchFeatures } from '../../../../server/src/service/featureSearch';
import { findKeysForFeature } from '../../../../server/src/agents/tools';

const INFO = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n</dict>\n</plist>\n`;
const INFO_URI = 'file:///workspace/App/Info.plist';

function messageOf(diagnostic: Diagnostic | undefined): string {
  const message = diagnostic?.message ?? '';
  return typeof message === 'string' ? message : message.value;
}

function entitlementFindings(key: string, platform: Platform, withInfo = false) {
  const text = plist(`\n\t<key>${key}</key>\n\t<true/>\n`);
  const diagnostics = diagnose(text, { fileKind: 'entitlements', platform, ...(withInfo ? { companion: companionOf(INFO, 'infoPlist', INFO_URI) } : {}) });
  return { text, diagnostics };
}

describe('invented keys that name a feature get its real gate', () => {
  for (const [key, feature] of [
    ['com.apple.developer.foundation-models', 'Foundation Models'],
    ['com.apple.developer.app-intents', 'App Intents'],
  ] as const) {
    it(`says no entitlement is needed for ${feature} and offers removal first (${key})`, () => {
      const { text, diagnostics } = entitlementFindings(key, 'iOS');
      assert.equal(diagnostics.length, 1);
      assertMentions(diagnostics[0], `no entitlement is needed for ${feature}`, 'remove it');
      const actions = quickFixes(text, diagnostics);
      assert.equal(actions.length, 1);
      assert.equal(actions[0]?.isPreferred, true);
      assert.ok(!applyAction(text, actions[0]).includes(key));
    });
  }

  it('answers com.apple.developer.in-app-purchases with removal, not the Apple Pay key', () => {
    const { diagnostics } = entitlementFindings('com.apple.developer.in-app-purchases', 'iOS');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual((diagnostics[0]?.data as { replacements?: string[] }).replacements ?? [], []);
    assert.ok(!messageOf(diagnostics[0]).includes('in-app-payments'), messageOf(diagnostics[0]));
  });

  it('renames com.apple.developer.screen-time to the Family Controls entitlement', () => {
    const { text, diagnostics } = entitlementFindings('com.apple.developer.screen-time', 'iOS');
    assertMentions(diagnostics[0], 'com.apple.developer.family-controls');
    const first = quickFixes(text, diagnostics)[0];
    assert.equal(first?.title, "Change to 'com.apple.developer.family-controls'");
  });

  it('moves com.apple.developer.activitykit to NSSupportsLiveActivities in Info.plist, with a true placeholder', () => {
    const { text, diagnostics } = entitlementFindings('com.apple.developer.activitykit', 'iOS', true);
    assert.equal(diagnostics.length, 1);
    assertMentions(diagnostics[0], 'NSSupportsLiveActivities', 'Info.plist', 'not an entitlement');
    assert.ok(!messageOf(diagnostics[0]).includes('driverkit'));
    const actions = quickFixes(text, diagnostics);
    const replace = actions[0];
    assert.equal(replace?.title, "Replace with 'NSSupportsLiveActivities' in Info.plist");
    assert.equal(replace?.isPreferred, true);
    assert.deepEqual(Object.keys(replace?.edit?.changes ?? {}).sort(), [INFO_URI, URI].sort());
    assert.ok(!applyAction(text, replace).includes('activitykit'));
    const info = applyActionTo(INFO_URI, INFO, replace);
    assert.deepEqual(service.parse(info).problems, []);
    assert.match(info, /<key>NSSupportsLiveActivities<\/key>\n\t<true\/>/);
    assert.ok(actions.some((action) => action.title.startsWith('Remove') && action.isPreferred !== true));
  });

  it('without the Info.plist known, still names the Info.plist key and offers removal', () => {
    const { text, diagnostics } = entitlementFindings('com.apple.developer.activitykit', 'iOS');
    assertMentions(diagnostics[0], 'NSSupportsLiveActivities');
    assert.deepEqual(quickFixes(text, diagnostics).map((action) => action.title), ["Remove 'com.apple.developer.activitykit'"]);
  });

  it('fits the platform: MapKit needs nothing on iOS and com.apple.developer.maps on macOS', () => {
    const ios = entitlementFindings('com.apple.developer.mapkit', 'iOS').diagnostics[0];
    assertMentions(ios, 'no entitlement is needed for MapKit');
    assert.ok(!messageOf(ios).includes('com.apple.developer.maps'));
    const mac = entitlementFindings('com.apple.developer.mapkit', 'macOS').diagnostics[0];
    assert.deepEqual((mac?.data as { replacements?: string[] }).replacements, ['com.apple.developer.maps']);
  });

  it('gives a feature-less key what it got before: an unrelated key nothing', () => {
    const { diagnostics } = entitlementFindings('com.apple.developer.foo-bar', 'iOS');
    assert.equal(diagnostics[0]?.message, "Unknown entitlement 'com.apple.developer.foo-bar'");
  });

  it('keeps the table of known inventions first', () => {
    const { diagnostics } = entitlementFindings('com.apple.developer.push-notifications', 'iOS');
    assert.equal(diagnostics[0]?.code, 'hallucinated-key');
  });

  it('reports an invented purpose string with its real name (NSNFCReaderUsageDescription)', () => {
    const text = plist('\n\t<key>NSNFCReaderUsageDescription</key>\n\t<string>Reads tags</string>\n');
    const diagnostics = diagnose(text, { fileKind: 'infoPlist', platform: 'iOS' });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'unknown-key');
    assertMentions(diagnostics[0], 'NFCReaderUsageDescription');
    assert.deepEqual((diagnostics[0]?.data as { replacements?: string[] }).replacements, ['NFCReaderUsageDescription']);
    assert.equal(quickFixes(text, diagnostics)[0]?.title, "Change to 'NFCReaderUsageDescription'");
  });

  it('maps a purpose string named after a framework to the framework\'s real one', () => {
    const text = plist('\n\t<key>NSHealthKitUsageDescription</key>\n\t<string>Steps</string>\n');
    const diagnostics = diagnose(text, { fileKind: 'infoPlist', platform: 'iOS' });
    assert.deepEqual((diagnostics[0]?.data as { replacements?: string[] }).replacements, ['NSHealthShareUsageDescription']);
  });

  it('matches features with one matcher, shared with the agents\' lookup tool', () => {
    const [top] = searchFeatures(service.catalog.catalog.features, 'activitykit');
    assert.equal(top?.feature.id, 'live-activities');
    assert.equal(findKeysForFeature(service.catalog, 'screen-time').matches[0]?.id, 'family-controls');
  });
});
