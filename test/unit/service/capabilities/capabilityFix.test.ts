import * as assert from 'node:assert/strict';
import { CATALOG } from '../../../../shared/src/catalogData';
import { capabilityForKey, rootEntryAt, textWithoutEntry } from '../../../../server/src/service/capabilities/capabilityFix';
import { parsePlist } from '../../../../server/src/service/plist/parser';

describe('capabilities/capabilityFix', () => {
  it('finds the capability behind an invented key through its real replacement', () => {
    assert.equal(capabilityForKey(CATALOG, 'com.apple.developer.push-notifications')?.id, 'push-notifications');
  });

  it('finds the capability of a real key written in the wrong file, and of an unknown key\'s suggestion', () => {
    assert.equal(capabilityForKey(CATALOG, 'com.apple.developer.healthkit')?.id, 'healthkit');
    assert.equal(capabilityForKey(CATALOG, 'com.apple.developer.app-groups', ['com.apple.security.application-groups'])?.id, 'app-groups');
  });

  it('offers none where several capabilities start with the key (background modes) or none does', () => {
    assert.equal(capabilityForKey(CATALOG, 'UIBackgroundModes'), undefined);
    assert.equal(capabilityForKey(CATALOG, 'com.example.nothing'), undefined);
  });

  it('removes an entry with the lines it stood on', () => {
    const text = '<plist version="1.0">\n<dict>\n\t<key>a</key>\n\t<true/>\n\t<key>b</key>\n\t<string>x</string>\n</dict>\n</plist>\n';
    const parsed = parsePlist(text);
    const entry = rootEntryAt(parsed, text.indexOf('>a<') + 1);
    assert.ok(entry);
    assert.equal(textWithoutEntry(text, entry), '<plist version="1.0">\n<dict>\n\t<key>b</key>\n\t<string>x</string>\n</dict>\n</plist>\n');
  });
});
