import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import type { FileKind, Platform } from '../../../../shared/src/catalog';
import { PLIST_HEADER, applyEdits, diagnose, hoverAt, plist, service, textDocument, withCursor } from '../../helpers';

function completionsAt(textWithCursor: string, fileKind: FileKind, platforms: readonly Platform[] = ['iOS']): { text: string; items: CompletionItem[] } {
  const { text, offset } = withCursor(textWithCursor);
  const context = { fileKind, target: { platforms, productType: undefined, reasons: [] }, allowedKeys: new Set<string>() };
  return { text, items: service.complete(textDocument(text), service.parse(text), offset, context).items };
}

/** The item for the feature's gate: the one whose label is `key` and which names a feature. */
function gateItem(items: readonly CompletionItem[], key: string): CompletionItem | undefined {
  return items.find((item) => item.label === key && item.labelDetails?.detail !== undefined && item.sortText?.startsWith('0') === true);
}

describe('hover and completion from the feature data', () => {
  describe('hover on an unknown key that names a feature', () => {
    it('says what Live Activities really need, in which file', () => {
      const hover = hoverAt(plist('\n\t<key>com.apple.developer.activity$0kit</key>\n\t<true/>\n'), { fileKind: 'entitlements', platform: 'iOS' });
      assert.ok(hover !== undefined);
      assert.match(hover.markdown, /names \*\*Live Activities\*\*/);
      assert.match(hover.markdown, /`NSSupportsLiveActivities` in Info\.plist/);
    });

    it('says Foundation Models need nothing', () => {
      const hover = hoverAt(plist('\n\t<key>com.apple.developer.foundation-$0models</key>\n\t<true/>\n'), { fileKind: 'entitlements', platform: 'iOS' });
      assert.match(hover?.markdown ?? '', /no entitlement, Info\.plist key or portal capability/);
    });

    it('says nothing more for an unknown key that names no feature', () => {
      assert.equal(hoverAt(plist('\n\t<key>com.apple.developer.foo-$0bar</key>\n\t<true/>\n'), { fileKind: 'entitlements', platform: 'iOS' }), undefined);
    });
  });

  describe('completion of a feature name in a key', () => {
    it('offers NSSupportsLiveActivities for `<key>LiveActiv` in an .entitlements file, marked as belonging in Info.plist', () => {
      const { text, items } = completionsAt(`${PLIST_HEADER}<dict>\n\t<key>LiveActiv$0`, 'entitlements');
      const item = gateItem(items, 'NSSupportsLiveActivities');
      assert.ok(item !== undefined, JSON.stringify(items.slice(0, 5).map((candidate) => candidate.label)));
      assert.equal(item.labelDetails?.description, 'belongs in Info.plist');
      assert.ok(item.filterText?.toLowerCase().startsWith('liveactiv'));
      // Accepted, the key is written and misplaced-key offers to move it: the user is never left with an invention.
      const accepted = applyEdits(text, [item.textEdit as TextEdit]);
      assert.match(accepted, /<key>NSSupportsLiveActivities<\/key>\n\t<true\/>/);
      const findings = diagnose(`${accepted}\n</dict>\n</plist>\n`, { fileKind: 'entitlements', platform: 'iOS' });
      assert.deepEqual(findings.map((finding) => finding.code), ['misplaced-key']);
    });

    it('offers it for `com.apple.developer.live` too, filtered by the name as typed', () => {
      const { items } = completionsAt(`${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.live$0`, 'entitlements');
      const item = gateItem(items, 'NSSupportsLiveActivities');
      assert.ok(item !== undefined);
      assert.equal(item.filterText, 'com.apple.developer.live-activities');
    });

    it('offers the same-file gate without a note in Info.plist, and the Family Controls entitlement for screen-ti', () => {
      const info = gateItem(completionsAt(`${PLIST_HEADER}<dict>\n\t<key>LiveActiv$0`, 'infoPlist').items, 'NSSupportsLiveActivities');
      assert.ok(info !== undefined && info.labelDetails?.description === undefined);
      assert.ok(gateItem(completionsAt(`${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.screen-ti$0`, 'entitlements').items, 'com.apple.developer.family-controls') !== undefined);
    });

    it('offers no gate for a feature that needs nothing, nor for three letters', () => {
      const foundation = completionsAt(`${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.foundation-mod$0`, 'entitlements').items;
      // Foundation Models itself needs nothing; only its adapter variant, which has an entitlement, is offered.
      assert.ok(foundation.every((item) => item.labelDetails?.detail !== ' (Foundation Models)'));
      assert.ok(gateItem(foundation, 'com.apple.developer.foundation-model-adapter') !== undefined);
      assert.ok(completionsAt(`${PLIST_HEADER}<dict>\n\t<key>Liv$0`, 'entitlements').items.every((item) => item.sortText?.startsWith('0') !== true));
    });

    it('fits the platform: no Maps entitlement for `com.apple.developer.mapk` on iOS, the entitlement on macOS', () => {
      assert.equal(gateItem(completionsAt(`${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.mapk$0`, 'entitlements', ['iOS']).items, 'com.apple.developer.maps'), undefined);
      assert.ok(gateItem(completionsAt(`${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.mapk$0`, 'entitlements', ['macOS']).items, 'com.apple.developer.maps') !== undefined);
    });
  });
});
