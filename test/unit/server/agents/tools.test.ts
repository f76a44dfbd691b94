import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AGENT_TOOL_NAMES, VSCODE_TOOL_PREFIX } from '../../../../shared/src/protocol';
import { UNKNOWN_TARGET } from '../../../../shared/src/target';
import { checkPlist, findKeysForFeature, lookupKey, TOOL_DEFINITIONS } from '../../../../server/src/agents/tools';
import { plist, service, URI } from '../../helpers';

const catalog = service.catalog;
const idsFor = (query: string, options = {}) => findKeysForFeature(catalog, query, options).matches.map((match) => match.id);

describe('agent tools', () => {
  describe('lookupKey', () => {
    it('gives a real entitlement its facts, with how to ask when Apple must approve it', () => {
      const answer = lookupKey(catalog, 'com.apple.developer.family-controls');
      assert.equal(answer.status, 'real');
      assert.equal(answer.facts?.file, 'entitlements');
      assert.equal(answer.facts?.isManaged, true);
      const entry = catalog.entitlement('com.apple.developer.family-controls');
      assert.equal(answer.facts?.howToAsk, entry?.managedNote);
      assert.equal(answer.facts?.docUrl, entry?.docUrl);
    });

    it('finds an Info.plist key without being told the file', () => {
      const answer = lookupKey(catalog, 'NSSupportsLiveActivities');
      assert.equal(answer.status, 'real');
      assert.equal(answer.facts?.file, 'infoPlist');
      assert.equal(answer.facts?.type, 'boolean');
    });

    it('gives an invented key the replacements validation suggests', () => {
      const answer = lookupKey(catalog, 'com.apple.developer.push-notifications');
      assert.equal(answer.status, 'hallucinated');
      assert.deepEqual(answer.replacements?.map((entry) => entry.key), catalog.hallucination('com.apple.developer.push-notifications')?.replacements);
    });

    it('says where a key in the wrong file belongs', () => {
      const answer = lookupKey(catalog, 'UIBackgroundModes', 'entitlements');
      assert.equal(answer.status, 'misplaced');
      assert.equal(answer.facts?.file, 'infoPlist');
    });

    it('suggests the real entitlement for a near miss', () => {
      const answer = lookupKey(catalog, 'com.apple.developer.healthkitt');
      assert.equal(answer.status, 'unknown');
      assert.equal(answer.replacements?.[0]?.key, 'com.apple.developer.healthkit');
    });

    it("leaves an app's own Info.plist key alone", () => {
      assert.equal(lookupKey(catalog, 'MyAppServerURL').status, 'custom');
    });
  });

  describe('findKeysForFeature', () => {
    it('matches features by the names people use', () => {
      assert.equal(idsFor('live activities')[0], 'live-activities');
      assert.equal(idsFor('Screen Time')[0], 'family-controls');
      assert.equal(idsFor('push notifications')[0], 'push-notifications');
      assert.equal(idsFor('NFC')[0], 'core-nfc');
    });

    it('matches a framework name', () => {
      assert.ok(idsFor('ActivityKit').includes('live-activities'));
    });

    it('leaves out features and needs for other platforms', () => {
      assert.ok(!idsFor('live activities', { platform: 'macOS' }).includes('live-activities'));
      const watch = findKeysForFeature(catalog, 'live activities', { platform: 'watchOS' }).matches.find((match) => match.id === 'live-activities');
      assert.deepEqual(watch?.needs, []);
    });

    it('returns at most the limit, and nothing for words that name no feature', () => {
      assert.equal(idsFor('notifications', { limit: 2 }).length, 2);
      assert.deepEqual(idsFor('the app'), []);
      assert.deepEqual(idsFor('zzqx'), []);
    });

    it('says in which file each gate is written', () => {
      const [pushFeature] = findKeysForFeature(catalog, 'push notifications').matches;
      const entitlement = pushFeature?.needs.find((need) => need.kind === 'entitlement');
      assert.equal(entitlement?.file, 'entitlements');
    });
  });

  describe('checkPlist', () => {
    it('returns each finding with its fixes as edits, which give a clean file when applied', () => {
      const text = plist('<key>com.apple.developer.push-notifications</key>\n<string>development</string>');
      const document = TextDocument.create(URI, 'entitlements', 1, text);
      const answer = checkPlist(service, { document, parsed: service.parse(text), file: 'App.entitlements', context: { fileKind: 'entitlements', target: UNKNOWN_TARGET, allowedKeys: new Set() }, fileOfUri: (uri) => uri });
      assert.deepEqual(answer.findings.map((finding) => finding.code), ['hallucinated-key']);
      const fix = answer.findings[0]?.fixes.find((candidate) => candidate.isPreferred);
      assert.equal(fix?.edits[0]?.file, 'App.entitlements');
      const fixed = TextDocument.applyEdits(document, [...(fix?.edits ?? [])]);
      const fixedDocument = TextDocument.create(URI, 'entitlements', 2, fixed);
      const again = checkPlist(service, { document: fixedDocument, parsed: service.parse(fixed), file: 'App.entitlements', context: { fileKind: 'entitlements', target: UNKNOWN_TARGET, allowedKeys: new Set() }, fileOfUri: (uri) => uri });
      assert.deepEqual(again.findings, []);
      assert.equal(again.summary, 'No findings.');
    });
  });

  describe('the VS Code contribution', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { languageModelTools: Array<{ name: string; modelDescription: string; inputSchema: unknown }> };
    };

    it('contributes every tool the MCP server serves, with the same description and schema', () => {
      assert.deepEqual(TOOL_DEFINITIONS.map((tool) => tool.name), [...AGENT_TOOL_NAMES]);
      assert.deepEqual(
        manifest.contributes.languageModelTools.map((tool) => [tool.name, tool.modelDescription, tool.inputSchema]),
        TOOL_DEFINITIONS.map((tool) => [`${VSCODE_TOOL_PREFIX}${tool.name}`, tool.description, tool.inputSchema]),
      );
    });
  });
});
