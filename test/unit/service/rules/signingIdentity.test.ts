import * as assert from 'node:assert/strict';
import { diagnose, plist, type DiagnoseOptions } from '../../helpers';

const signingCodes = (text: string, options: DiagnoseOptions = { fileKind: 'entitlements' }): string[] =>
  diagnose(text, options).filter((diagnostic) => diagnostic.code === 'signing-inserted-key').map((diagnostic) => String(diagnostic.code));

const IDENTITY = '<key>com.apple.application-identifier</key><string>ZMCG7MLDV9.com.example.daemon</string><key>com.apple.developer.team-identifier</key><string>ZMCG7MLDV9</string>';

describe('signing-inserted-key and a file written for a signer that inserts nothing', () => {
  it('stays quiet when the file writes out the whole identity, application identifier and its team, with no Xcode target', () => {
    assert.deepEqual(signingCodes(plist(`<key>com.apple.developer.endpoint-security.client</key><true/>${IDENTITY}`)), []);
    assert.deepEqual(signingCodes(plist(IDENTITY.replace('com.apple.application-identifier', 'application-identifier'))), []);
  });

  it('still speaks for one key alone, a team that differs, a team that is no Team ID, or a file an Xcode target signs', () => {
    assert.equal(signingCodes(plist('<key>com.apple.application-identifier</key><string>ZMCG7MLDV9.com.example</string>')).length, 1);
    assert.equal(signingCodes(plist(IDENTITY.replace('<string>ZMCG7MLDV9</string>', '<string>ABCDE12345</string>'))).length, 2);
    assert.equal(signingCodes(plist('<key>application-identifier</key><string>org.example.app</string><key>com.apple.developer.team-identifier</key><string>org</string>')).length, 2);
    const target = { platforms: ['macOS' as const], productType: 'app' as const, reasons: [], platformSource: 'project' as const, name: 'Daemon' };
    assert.equal(signingCodes(plist(IDENTITY), { fileKind: 'entitlements', target }).length, 2);
  });
});
