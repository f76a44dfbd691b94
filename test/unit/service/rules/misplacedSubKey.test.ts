import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue } from '../../../../server/src/service/plist/value';
import { applyAction, applyActionTo, assertMentions, COMPANION_URI, companionOf, diagnose, findings, plist, quickFixes, type DiagnoseOptions } from '../../helpers';

const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist' };
const misplaced = (text: string, options: DiagnoseOptions = INFO_PLIST): Diagnostic[] => diagnose(text, options).filter((diagnostic) => diagnostic.code === 'misplaced-key');

function valueOf(text: string): unknown {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the result is well-formed');
  return JSON.parse(JSON.stringify(toValue(document)));
}

const ATS = '\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoadsInWebContent</key>\n\t\t<true/>\n\t</dict>';

describe('misplaced-key for a sub-key out of its dict', () => {
  it('names the dict an ATS key belongs in, as a warning, on the key', () => {
    const text = plist(`${ATS}\n\t<key>NSAllowsLocalNetworking</key>\n\t<true/>\n`);
    const problems = misplaced(text);
    assert.deepEqual(findings(text, problems), [{ code: 'misplaced-key', covered: 'NSAllowsLocalNetworking' }]);
    assertMentions(problems[0], 'NSAllowsLocalNetworking', 'NSAppTransportSecurity');
    assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
  });

  it('moves the entry into the existing dict, well-formed and without duplicates', () => {
    const text = plist(`${ATS}\n\t<key>NSAllowsLocalNetworking</key>\n\t<true/>\n`);
    const actions = quickFixes(text, misplaced(text));
    assert.equal(actions[0]?.title, "Move 'NSAllowsLocalNetworking' to NSAppTransportSecurity");
    assert.equal(actions[0]?.isPreferred, true);
    const fixed = applyAction(text, actions[0]);
    assert.deepEqual(valueOf(fixed), { NSAppTransportSecurity: { NSAllowsArbitraryLoadsInWebContent: true, NSAllowsLocalNetworking: true } });
    assert.ok(fixed.includes('\t\t<key>NSAllowsLocalNetworking</key>\n\t\t<true/>\n\t</dict>'), fixed);
    assert.deepEqual(misplaced(fixed), []);
  });

  it('creates the dict when the file has none, and the dicts on the way', () => {
    const text = plist('\n\t<key>NSAllowsArbitraryLoads</key>\n\t<false/>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n');
    const fixed = applyAction(text, quickFixes(text, misplaced(text))[0] as never);
    assert.deepEqual(valueOf(fixed), { CFBundleName: 'App', NSAppTransportSecurity: { NSAllowsArbitraryLoads: false } });
    const extension = plist('\n\t<key>NSExtensionPointIdentifier</key>\n\t<string>com.apple.widgetkit-extension</string>\n');
    const moved = applyAction(extension, quickFixes(extension, misplaced(extension))[0] as never);
    assert.deepEqual(valueOf(moved), { NSExtension: { NSExtensionPointIdentifier: 'com.apple.widgetkit-extension' } });
  });

  it('offers only removal when the dict holds the key already', () => {
    const text = plist('<key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict><key>NSAllowsArbitraryLoads</key><false/>');
    assert.deepEqual(quickFixes(text, misplaced(text)).map((action) => action.title), ["Remove 'NSAllowsArbitraryLoads'"]);
  });

  it('names every dict a key has more than one of, or one keyed by names of the user, and then moves nothing', () => {
    const role = plist('<key>CFBundleTypeRole</key><string>Editor</string>');
    assertMentions(misplaced(role)[0], 'CFBundleURLTypes', 'CFBundleDocumentTypes');
    assert.deepEqual(quickFixes(role, misplaced(role)).map((action) => action.title), ["Remove 'CFBundleTypeRole'"]);
    const subdomains = plist('<key>NSExceptionAllowsInsecureHTTPLoads</key><true/>');
    assertMentions(misplaced(subdomains)[0], 'NSExceptionDomains');
  });

  it('leaves top-level keys, keys in their dicts, and plain words of an app alone', () => {
    assert.deepEqual(misplaced(plist(ATS)), []);
    assert.deepEqual(misplaced(plist('<key>Description</key><string>mine</string><key>Identifier</key><string>x</string><key>CFBundleIconFiles</key><array/>')), []);
  });

  it('in an entitlements file, says which Info.plist dict the key belongs in and moves it there', () => {
    const text = plist('<key>NSExtensionPointIdentifier</key><string>com.apple.share-services</string>');
    const info = plist('\n\t<key>CFBundleName</key>\n\t<string>Share</string>\n');
    const options: DiagnoseOptions = { fileKind: 'entitlements', companion: companionOf(info, 'infoPlist') };
    const problems = diagnose(text, options).filter((diagnostic) => diagnostic.code !== 'missing-companion');
    assert.deepEqual(findings(text, problems), [{ code: 'misplaced-key', covered: 'NSExtensionPointIdentifier' }]);
    assertMentions(problems[0], 'Info.plist', 'NSExtension');
    assert.equal(problems[0]?.severity, DiagnosticSeverity.Error);
    const action = quickFixes(text, problems)[0];
    assert.equal(action?.title, "Move 'NSExtensionPointIdentifier' to Info.plist (NSExtension)");
    assert.deepEqual(valueOf(applyActionTo(COMPANION_URI, info, action as never)), { CFBundleName: 'Share', NSExtension: { NSExtensionPointIdentifier: 'com.apple.share-services' } });
    assert.deepEqual(valueOf(applyAction(text, action as never)), {});
  });
});
