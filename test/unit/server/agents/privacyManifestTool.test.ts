import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createToolRunner } from '../../../../server/src/agents/toolRunner';
import { plist, service } from '../../helpers';

const MANIFEST = plist('<key>NSPrivacyAccessedAPITypes</key><array><dict><key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryUserDefaults</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>C617.1</string></array></dict></array>');

function codesOf(value: unknown): string[] {
  return ((value as { findings: Array<{ code: string }> }).findings).map((finding) => finding.code);
}

describe('check_plist on a privacy manifest', () => {
  it('checks a text given as privacyManifest', () => {
    const outcome = createToolRunner(service, []).call('check_plist', { text: MANIFEST, fileKind: 'privacyManifest' });
    assert.equal(outcome.isError, false);
    assert.deepEqual(outcome.isError ? [] : codesOf(outcome.value), ['invalid-value']);
  });

  it('checks a PrivacyInfo.xcprivacy by path, with the sources beside it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-mcp-privacy-'));
    mkdirSync(path.join(root, 'App'));
    writeFileSync(path.join(root, 'App', 'PrivacyInfo.xcprivacy'), MANIFEST);
    writeFileSync(path.join(root, 'App', 'Clock.swift'), 'let start = mach_absolute_time()\n');
    const outcome = createToolRunner(service, [root]).call('check_plist', { path: 'App/PrivacyInfo.xcprivacy' });
    assert.equal(outcome.isError, false, outcome.isError ? outcome.message : '');
    assert.deepEqual(outcome.isError ? [] : codesOf(outcome.value).sort(), ['invalid-value', 'missing-api-declaration']);
  });
});
