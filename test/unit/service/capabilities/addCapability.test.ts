import * as assert from 'node:assert/strict';
import type { Capability, Platform } from '../../../../shared/src/catalog';
import { CATALOG } from '../../../../shared/src/catalogData';
import { capabilitiesFor, findCapability, planCapability, type CapabilityFiles, type CapabilityPlan, type CapabilityTarget } from '../../../../server/src/service/capabilities/addCapability';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, PLIST_HEADER, service, targetOf } from '../../helpers';

/** A whole plist whose root is `root` verbatim. */
function plist(root: string): string {
  return `${PLIST_HEADER}${root}\n</plist>\n`;
}

const ENTITLEMENTS_URI = 'file:///workspace/App/App.entitlements';
const INFO_PLIST_URI = 'file:///workspace/App/Info.plist';
const IOS_APP: CapabilityTarget = { platforms: ['iOS'], productType: 'app' };

function capability(name: string): Capability {
  const found = findCapability(CATALOG, name);
  assert.ok(found, name);
  return found;
}

function files(entitlements: string | undefined, infoPlist: string | undefined): CapabilityFiles {
  return { entitlements: { uri: ENTITLEMENTS_URI, text: entitlements }, infoPlist: { uri: INFO_PLIST_URI, text: infoPlist } };
}

/** Both files after the plan's edits (a new file's text is its one edit on an empty document). */
function applied(plan: CapabilityPlan, given: CapabilityFiles): { entitlements: string | undefined; infoPlist: string | undefined } {
  const result = { entitlements: given.entitlements.text, infoPlist: given.infoPlist.text };
  for (const edit of plan.fileEdits) result[edit.file] = applyEdits(edit.isNew ? '' : (result[edit.file] ?? ''), edit.edits);
  return result;
}

/** The `plist` package (loaded in `before`: it has no ESM entry), the reference the results are compared with. */
let plistPackage: { parse(text: string): unknown };

function parsed(text: string | undefined): Record<string, unknown> {
  assert.ok(text !== undefined);
  return plistPackage.parse(text) as Record<string, unknown>;
}

describe('capabilities/addCapability', () => {
  before(async () => {
    plistPackage = await import('plist');
  });

  describe('capabilitiesFor', () => {
    it('offers an iOS app Push Notifications and HealthKit, but not the Mac-only App Sandbox', () => {
      const names = capabilitiesFor(CATALOG, IOS_APP).map((entry) => entry.name);
      assert.ok(names.includes('Push Notifications'));
      assert.ok(names.includes('HealthKit'));
      assert.ok(!names.includes('App Sandbox'));
    });

    it('offers a Mac app App Sandbox and not HomeKit; a driver extension only DriverKit', () => {
      const mac = capabilitiesFor(CATALOG, { platforms: ['macOS'], productType: 'app' }).map((entry) => entry.id);
      assert.ok(mac.includes('app-sandbox'));
      assert.ok(!mac.includes('homekit'));
      assert.deepEqual(capabilitiesFor(CATALOG, { platforms: ['DriverKit'], productType: 'driver-extension' }).map((entry) => entry.id), ['driverkit']);
    });

    it('offers an App Clip only what App Clips may use (no HealthKit)', () => {
      const clip = capabilitiesFor(CATALOG, { platforms: ['iOS'], productType: 'app-clip' }).map((entry) => entry.id);
      assert.ok(clip.includes('app-groups'));
      assert.ok(!clip.includes('healthkit'));
    });
  });

  describe('findCapability', () => {
    it('finds by Xcode name, id and other name, ignoring case and punctuation', () => {
      assert.equal(findCapability(CATALOG, 'push notifications')?.id, 'push-notifications');
      assert.equal(findCapability(CATALOG, 'app-groups')?.name, 'App Groups');
      assert.equal(findCapability(CATALOG, 'Universal Links')?.id, 'associated-domains');
      assert.equal(findCapability(CATALOG, 'no such capability'), undefined);
    });
  });

  describe('planCapability', () => {
    it('creates the entitlements file with aps-environment = development when there is none', () => {
      const given = files(undefined, plist('<dict/>'));
      const plan = planCapability(capability('Push Notifications'), IOS_APP, given);
      assert.equal(plan.fileEdits.length, 1);
      assert.equal(plan.fileEdits[0]?.isNew, true);
      assert.deepEqual(parsed(applied(plan, given).entitlements), { 'aps-environment': 'development' });
    });

    it('writes the macOS push key for a Mac app', () => {
      const given = files(plist('<dict/>'), undefined);
      const plan = planCapability(capability('Push Notifications'), { platforms: ['macOS'], productType: 'app' }, given);
      assert.deepEqual(parsed(applied(plan, given).entitlements), { 'com.apple.developer.aps-environment': 'development' });
    });

    it('adds HealthKit to both files, keeps what is there and adds a placeholder purpose string to fill', () => {
      const entitlements = plist('<dict>\n\t<key>aps-environment</key>\n\t<string>production</string>\n</dict>');
      const infoPlist = plist('<dict>\n\t<key>NSHealthShareUsageDescription</key>\n\t<string>Read steps.</string>\n</dict>');
      const given = files(entitlements, infoPlist);
      const plan = planCapability(capability('HealthKit'), IOS_APP, given);
      const after = applied(plan, given);
      assert.deepEqual(parsed(after.entitlements), { 'aps-environment': 'production', 'com.apple.developer.healthkit': true, 'com.apple.developer.healthkit.access': [] });
      const info = parsed(after.infoPlist);
      assert.equal(info.NSHealthShareUsageDescription, 'Read steps.');
      assert.match(String(info.NSHealthUpdateUsageDescription), /^TODO: /);
      assert.deepEqual(plan.writes.find((write) => write.key === 'NSHealthShareUsageDescription')?.status, 'kept');
      assert.ok(plan.notes.some((note) => note.startsWith('Fill in NSHealthUpdateUsageDescription')));
    });

    it('merges a background mode into an existing UIBackgroundModes array without a duplicate key', () => {
      const infoPlist = plist('<dict>\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t</array>\n</dict>');
      const given = files(plist('<dict/>'), infoPlist);
      const plan = planCapability(capability('background-modes.fetch'), IOS_APP, given);
      const after = applied(plan, given);
      assert.deepEqual(parsed(after.infoPlist), { UIBackgroundModes: ['audio', 'fetch'] });
      assert.equal(after.infoPlist?.split('<key>UIBackgroundModes</key>').length, 2);
      assert.deepEqual(plan.writes[0]?.added, ['fetch']);
    });

    it('merges into <array/> and into an array on one line', () => {
      for (const array of ['<array/>', '<array><string>CloudDocuments</string></array>']) {
        const entitlements = plist(`<dict>\n\t<key>com.apple.developer.icloud-services</key>\n\t${array}\n</dict>`);
        const given = files(entitlements, undefined);
        const after = applied(planCapability(capability('iCloud (CloudKit)'), IOS_APP, given), given);
        const value = parsed(after.entitlements);
        assert.deepEqual(value['com.apple.developer.icloud-services'], array === '<array/>' ? ['CloudKit'] : ['CloudDocuments', 'CloudKit']);
        assert.deepEqual(value['com.apple.developer.icloud-container-identifiers'], ['iCloud.$(PRODUCT_BUNDLE_IDENTIFIER)']);
      }
    });

    it('changes nothing when the capability is already there', () => {
      const entitlements = plist('<dict>\n\t<key>com.apple.security.application-groups</key>\n\t<array>\n\t\t<string>group.$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t</array>\n</dict>');
      const plan = planCapability(capability('App Groups'), IOS_APP, files(entitlements, undefined));
      assert.deepEqual(plan.fileEdits, []);
      assert.deepEqual(plan.writes.map((write) => write.status), ['present']);
    });

    it('leaves a file with a syntax error alone and says so', () => {
      const plan = planCapability(capability('Push Notifications'), IOS_APP, files('<plist><dict><key>a</key>', undefined));
      assert.deepEqual(plan.fileEdits, []);
      assert.ok(plan.notes.some((note) => /not a well-formed plist/.test(note)));
    });

    it('keeps CRLF line endings and the file\'s indentation', () => {
      const entitlements = plist('<dict>\n    <key>aps-environment</key>\n    <string>development</string>\n</dict>').replace(/\n/g, '\r\n');
      const given = files(entitlements, undefined);
      const after = applied(planCapability(capability('Sign in with Apple'), IOS_APP, given), given).entitlements ?? '';
      assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
      assert.match(after, /\r\n {4}<key>com\.apple\.developer\.applesignin<\/key>\r\n {4}<array>\r\n {8}<string>Default<\/string>\r\n {4}<\/array>\r\n<\/dict>/);
    });

    it('In-App Purchase writes nothing and says why', () => {
      const plan = planCapability(capability('In-App Purchase'), IOS_APP, files(undefined, undefined));
      assert.deepEqual(plan.fileEdits, []);
      assert.ok(plan.notes.some((note) => /App Store Connect/.test(note)));
    });

    it('says how to ask Apple for a managed capability', () => {
      const plan = planCapability(capability('Family Controls'), IOS_APP, files(undefined, undefined));
      assert.ok(plan.notes.some((note) => note.includes('https://developer.apple.com/contact/request/family-controls-distribution')));
    });

    it('assumes iOS when the target\'s platforms are unknown, and says so', () => {
      const plan = planCapability(capability('Push Notifications'), { platforms: [], productType: undefined }, files(undefined, undefined));
      assert.deepEqual(plan.writes.map((write) => write.key), ['aps-environment']);
      assert.ok(plan.notes.some((note) => /unknown/.test(note)));
    });

    it('every capability, added to empty files, gives plists the checker finds nothing wrong with but placeholders', () => {
      let checked = 0;
      for (const entry of CATALOG.capabilities) {
        const platform: Platform = entry.platforms[0] as Platform;
        const target: CapabilityTarget = { platforms: [platform], productType: entry.targetKinds[0] };
        const given = files(plist('<dict/>'), plist('<dict/>'));
        const after = applied(planCapability(entry, target, given), given);
        for (const [fileKind, text] of [['entitlements', after.entitlements], ['infoPlist', after.infoPlist]] as const) {
          const document = TextDocument.create(fileKind === 'entitlements' ? ENTITLEMENTS_URI : INFO_PLIST_URI, fileKind, 1, text ?? '');
          const diagnostics = service.validate(document, service.parse(text ?? ''), { fileKind, target: targetOf([platform], { productType: target.productType }), allowedKeys: new Set(), severity: {} });
          // Placeholders are meant to be seen until they are filled; Apple's approval is the managed code's to say.
          const unexpected = diagnostics.filter((diagnostic) => !['empty-usage-description', 'managed-entitlement'].includes(String(diagnostic.code)));
          assert.deepEqual(unexpected.map((diagnostic) => `${String(diagnostic.code)}: ${typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value}`), [], `${entry.id} (${fileKind})`);
          checked++;
        }
      }
      assert.equal(checked, CATALOG.capabilities.length * 2);
    });
  });
});
