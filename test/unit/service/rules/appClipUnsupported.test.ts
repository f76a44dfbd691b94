import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ProductType } from '../../../../shared/src/target';
import { appClipUnsupported } from '../../../../server/src/service/rules/appClipUnsupported';
import { applyAction, assertMentions, diagnose, findings, plist, quickFixes, targetOf, type DiagnoseOptions } from '../../helpers';

const HEALTHKIT = plist('\n\t<key>com.apple.developer.healthkit</key>\n\t<true/>\n');

function icloudServices(...values: string[]): string {
  return plist(`\n\t<key>com.apple.developer.icloud-services</key>\n\t<array>\n${values.map((value) => `\t\t<string>${value}</string>\n`).join('')}\t</array>\n`);
}

function asProduct(productType: ProductType | undefined): DiagnoseOptions {
  return { fileKind: 'entitlements', target: targetOf(['iOS'], productType === undefined ? {} : { productType }) };
}

const CLIP = asProduct('app-clip');

function unsupported(text: string, options: DiagnoseOptions) {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === appClipUnsupported.code);
}

describe('app-clip-unsupported', () => {
  it('reports HealthKit in an App Clip as an error at the key, naming it', () => {
    const diagnostics = diagnose(HEALTHKIT, CLIP);
    assert.deepEqual(findings(HEALTHKIT, diagnostics), [{ code: 'app-clip-unsupported', covered: 'com.apple.developer.healthkit' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
    assertMentions(diagnostics[0], 'com.apple.developer.healthkit');
  });

  it('offers to remove the key', () => {
    const actions = quickFixes(HEALTHKIT, unsupported(HEALTHKIT, CLIP));
    assert.equal(actions.length, 1);
    assert.equal(applyAction(HEALTHKIT, actions[0]!), plist('\n'));
  });

  it('reports each key App Clips may not use', () => {
    const text = plist('<key>com.apple.developer.homekit</key><true/><key>com.apple.developer.sensorkit.reader.allow</key><array/><key>aps-environment</key><string>production</string>');
    assert.deepEqual(findings(text, unsupported(text, CLIP)).map((finding) => finding.covered), ['com.apple.developer.homekit', 'com.apple.developer.sensorkit.reader.allow']);
  });

  it('reports CloudKit among iCloud services in an App Clip, at the value text', () => {
    const text = icloudServices('CloudKit');
    const diagnostics = unsupported(text, CLIP);
    assert.deepEqual(findings(text, diagnostics), [{ code: 'app-clip-unsupported', covered: 'CloudKit' }]);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
    assertMentions(diagnostics[0], 'CloudKit', 'com.apple.developer.icloud-services');
  });

  it('accepts CloudKit-Anonymous and flags only the other values', () => {
    assert.deepEqual(unsupported(icloudServices('CloudKit-Anonymous'), CLIP), []);
    const text = icloudServices('CloudKit-Anonymous', 'CloudDocuments', 'CloudKit');
    assert.deepEqual(findings(text, unsupported(text, CLIP)).map((finding) => finding.covered), ['CloudDocuments', 'CloudKit']);
  });

  it('checks a single string value too, and leaves build-setting references alone', () => {
    const single = plist('<key>com.apple.developer.icloud-services</key><string>CloudKit</string>');
    assert.deepEqual(findings(single, unsupported(single, CLIP)), [{ code: 'app-clip-unsupported', covered: 'CloudKit' }]);
    assert.deepEqual(unsupported(icloudServices('$(ICLOUD_SERVICES)'), CLIP), []);
  });

  it('says nothing outside App Clips', () => {
    for (const productType of ['app', 'app-extension', undefined] as const) {
      assert.deepEqual(unsupported(HEALTHKIT, asProduct(productType)), [], String(productType));
      assert.deepEqual(unsupported(icloudServices('CloudKit'), asProduct(productType)), [], String(productType));
    }
    assert.deepEqual(unsupported(HEALTHKIT, { fileKind: 'entitlements' }), []);
  });

  it('says nothing in Info.plist, or about nested and allowed keys', () => {
    assert.deepEqual(unsupported(HEALTHKIT, { ...CLIP, fileKind: 'infoPlist' }), []);
    assert.deepEqual(unsupported(plist('<key>com.example.x</key><dict><key>com.apple.developer.healthkit</key><true/></dict>'), CLIP), []);
    assert.deepEqual(unsupported(HEALTHKIT, { ...CLIP, allowedKeys: ['com.apple.developer.healthkit'] }), []);
  });
});
