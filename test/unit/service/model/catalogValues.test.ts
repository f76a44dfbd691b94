import * as assert from 'node:assert/strict';
import { forEachCatalogValue, hasBuildTimeReference, valueTypeOf } from '../../../../server/src/service/model/catalogValues';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { context, plist, service } from '../../helpers';

/** `key=type` for each value the walk visits. */
function visited(text: string, options: Parameters<typeof context>[0]): string[] {
  const result: string[] = [];
  forEachCatalogValue(parsePlist(text), service.catalog, context(options), ({ key, value, catalogEntry }) => {
    result.push(`${key}=${valueTypeOf(value)}:${catalogEntry.key}`);
  });
  return result;
}

describe('catalogValues', () => {
  it('visits the known top-level keys of an entitlements file, and nothing nested', () => {
    const text = plist('<key>com.apple.security.app-sandbox</key><true/><key>com.example.custom</key><true/><key>com.apple.security.scripting-targets</key><dict><key>com.apple.security.app-sandbox</key><true/></dict>');
    assert.deepEqual(visited(text, { fileKind: 'entitlements' }), [
      'com.apple.security.app-sandbox=boolean:com.apple.security.app-sandbox',
      'com.apple.security.scripting-targets=dictionary:com.apple.security.scripting-targets',
    ]);
  });

  it('visits Info.plist keys at any depth, through free-form keys, inside arrays and with device suffixes', () => {
    const text = plist(
      '<key>UISupportedInterfaceOrientations~ipad</key><array/>' +
        '<key>NSAppTransportSecurity</key><dict><key>NSExceptionDomains</key><dict><key>example.com</key><dict><key>NSIncludesSubdomains</key><true/></dict></dict></dict>' +
        '<key>CFBundleDocumentTypes</key><array><dict><key>LSHandlerRank</key><string>Owner</string></dict></array>',
    );
    assert.deepEqual(visited(text, { fileKind: 'infoPlist' }).sort(), [
      'UISupportedInterfaceOrientations~ipad=array:UISupportedInterfaceOrientations',
      'NSAppTransportSecurity=dictionary:NSAppTransportSecurity',
      'NSExceptionDomains=dictionary:NSExceptionDomains',
      'NSIncludesSubdomains=boolean:NSIncludesSubdomains',
      'CFBundleDocumentTypes=array:CFBundleDocumentTypes',
      'LSHandlerRank=string:LSHandlerRank',
    ].sort());
  });

  it("says each value's kind without its view, and makes the view once when read", () => {
    const text = plist(
      '<key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict>' +
        '<key>UIBackgroundModes</key><array><string>audio</string></array><key>LSMinimumSystemVersion</key><string>13.0</string>' +
        '<key>UIFileSharingEnabled</key><string>YES</string><key>NSHumanReadableCopyright</key><integer>3</integer>',
    );
    const kinds: string[] = [];
    forEachCatalogValue(parsePlist(text), service.catalog, context({ fileKind: 'infoPlist' }), (item) => {
      assert.equal(item.value, item.value, 'the same view each time');
      assert.equal(item.valueKind, item.value.kind, item.key);
      kinds.push(`${item.key}=${item.valueKind}`);
    });
    assert.deepEqual(kinds, [
      'NSAppTransportSecurity=dict',
      'NSAllowsArbitraryLoads=boolean',
      'UIBackgroundModes=array',
      'LSMinimumSystemVersion=string',
      'UIFileSharingEnabled=string',
      'NSHumanReadableCopyright=integer',
    ]);
  });

  it('skips keys the user allows and keys without a value', () => {
    const text = plist('<key>com.apple.security.app-sandbox</key><true/><key>get-task-allow</key>');
    assert.deepEqual(visited(text, { fileKind: 'entitlements', allowedKeys: ['com.apple.security.app-sandbox'] }), []);
  });

  it('recognises build-setting references in both spellings', () => {
    for (const text of ['$(TeamIdentifierPrefix)', 'group.${PRODUCT_NAME}', 'a$(B:default=c)d']) assert.ok(hasBuildTimeReference(text), text);
    for (const text of ['$TeamIdentifierPrefix', 'cost: $5', '$(unterminated']) assert.ok(!hasBuildTimeReference(text), text);
  });

  it('knows the template placeholders build steps replace', () => {
    for (const text of ['__APP_GROUP__', 'group.__BUNDLE_ID__.shared', '@MACOSX_BUNDLE_GUI_IDENTIFIER@', '%BUNDLE_ID%', '{{ bundle_id }}', 'group.{{appGroup}}', 'GOOGLE_AUTH_SCHEME']) assert.ok(hasBuildTimeReference(text), text);
    for (const text of ['__init__', 'a__b', 'me@example.com', '@2x', '100%', '{{', 'x {y} z', 'APPL', 'YES', 'NSCameraUsageDescription', 'fb_123']) assert.ok(!hasBuildTimeReference(text), text);
  });
});
