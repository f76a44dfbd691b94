/**
 * `plist-sentinel mcp` driven by the MCP SDK's own client over stdio, as an agent client runs it: the built
 * executable in a child process, with a copy of the example workspace as its only root.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN } from './lspClient';

const EXAMPLE = path.resolve(__dirname, '..', 'fixtures', 'example-workspace');

interface TextContent {
  readonly type: string;
  readonly text?: string;
}

/** The tool's answer: the JSON its text content holds (the structured content must say the same). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are checked field by field below.
async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<{ isError: boolean; value: any; text: string }> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as TextContent[];
  const text = content.map((part) => part.text ?? '').join('');
  const isError = result.isError === true;
  const value = isError ? undefined : JSON.parse(text);
  if (!isError) assert.deepEqual(result.structuredContent, value);
  return { isError, value, text };
}

describe('the MCP server (plist-sentinel mcp)', function () {
  let folder: string;
  let workspace: string;
  let client: Client;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-mcp-'));
    workspace = path.join(folder, 'workspace');
    cpSync(EXAMPLE, workspace, { recursive: true });
    writeFileSync(path.join(folder, 'Outside.entitlements'), '<plist version="1.0"><dict><key>com.apple.developer.push-notifications</key><true/></dict></plist>\n');
    symlinkSync(path.join(folder, 'Outside.entitlements'), path.join(workspace, 'Linked.entitlements'));
    client = new Client({ name: 'plist-sentinel-test', version: '1.0.0' });
    // The SDK gives a child only a few safe variables by default; the test's own PATH is all node needs.
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--root', workspace], cwd: folder, stderr: 'pipe' }));
  });

  after(async () => {
    await client?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the four tools, each with a description saying when to call it', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['add_capability', 'check_plist', 'find_keys_for_feature', 'lookup_key']);
    for (const tool of tools) {
      assert.match(tool.description ?? '', /\b(AFTER|BEFORE|FIRST)\b/, tool.name);
      assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
    }
    assert.deepEqual(tools.find((tool) => tool.name === 'lookup_key')?.inputSchema.required, ['key']);
  });

  it('looks up a real entitlement: its file, type, platforms, managed status and page', async () => {
    const { value } = await callTool(client, 'lookup_key', { key: 'com.apple.developer.family-controls' });
    assert.equal(value.status, 'real');
    assert.equal(value.facts.file, 'entitlements');
    assert.equal(value.facts.type, 'boolean');
    assert.equal(value.facts.isManaged, true);
    assert.ok(value.facts.platforms.includes('iOS'));
    assert.match(value.facts.docUrl, /^https:\/\/developer\.apple\.com\/.*family-controls/);
  });

  it('calls an invented key hallucinated and names the key the checker suggests instead', async () => {
    const { value } = await callTool(client, 'lookup_key', { key: 'com.apple.developer.push-notifications' });
    assert.equal(value.status, 'hallucinated');
    assert.deepEqual(value.replacements.map((entry: { key: string }) => entry.key), ['aps-environment', 'com.apple.developer.aps-environment']);
    assert.equal(value.replacements[0].capability, 'Push Notifications');
  });

  it('finds NSSupportsLiveActivities for "live activities"', async () => {
    const { value } = await callTool(client, 'find_keys_for_feature', { feature: 'live activities', platform: 'iOS' });
    const [best] = value.matches;
    assert.equal(best.id, 'live-activities');
    assert.deepEqual(best.needs.map((need: { kind: string; key?: string }) => [need.kind, need.key]), [['infoPlistKey', 'NSSupportsLiveActivities']]);
    assert.equal(best.needs[0].file, 'infoPlist');
  });

  it('checks a file in the root and returns the fix for its invented key as an edit', async () => {
    const { value } = await callTool(client, 'check_plist', { path: 'MyApp/MyApp.entitlements' });
    assert.equal(value.file, 'MyApp/MyApp.entitlements');
    const finding = value.findings.find((candidate: { code: string }) => candidate.code === 'hallucinated-key');
    assert.ok(finding !== undefined, JSON.stringify(value.findings));
    assert.deepEqual(finding.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 44 } });
    const preferred = finding.fixes.find((fix: { isPreferred: boolean }) => fix.isPreferred);
    assert.deepEqual(preferred.edits, [{ file: 'MyApp/MyApp.entitlements', range: finding.range, newText: 'aps-environment' }]);
  });

  it('checks given text with its file kind', async () => {
    const { value } = await callTool(client, 'check_plist', { text: '<plist version="1.0"><dict><key>NSCameraUsageDescription</key><string>Scan receipts</string></dict></plist>', fileKind: 'infoPlist' });
    assert.equal(value.file, 'text');
    assert.deepEqual(value.findings, []);
  });

  it('refuses a path outside the roots, also through a symlink inside them', async () => {
    for (const outside of [path.join(folder, 'Outside.entitlements'), '../Outside.entitlements', 'Linked.entitlements']) {
      const answer = await callTool(client, 'check_plist', { path: outside });
      assert.equal(answer.isError, true, outside);
      assert.match(answer.text, /outside the roots/, outside);
    }
  });

  it('answers bad arguments with an error result, not a crash', async () => {
    const answer = await callTool(client, 'find_keys_for_feature', { feature: 'NFC', platform: 'Windows' });
    assert.equal(answer.isError, true);
    const after = await callTool(client, 'find_keys_for_feature', { feature: 'NFC' });
    assert.equal(after.value.matches[0].id, 'core-nfc');
  });

  it('adds a capability to a target in the root: edits merged into Info.plist, a new entitlements file made whole', async () => {
    mkdirSync(path.join(workspace, 'Fresh'));
    writeFileSync(path.join(workspace, 'Fresh', 'Info.plist'), '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t</array>\n</dict>\n</plist>\n');
    const { value } = await callTool(client, 'add_capability', { capability: 'Background Modes: Remote notifications', paths: ['Fresh/Info.plist'], platform: 'iOS' });
    assert.deepEqual(value.edits, [{ file: 'Fresh/Info.plist', range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '\t\t<string>remote-notification</string>\n' }]);
    assert.equal(value.newFiles.length, 1);
    assert.equal(value.newFiles[0].file, 'Fresh/Fresh.entitlements');
    assert.match(value.newFiles[0].text, /<key>aps-environment<\/key>\n\t<string>development<\/string>/);
    assert.equal(value.capability.approval.required, false);
    // The tool only answers: nothing is written to the workspace.
    assert.equal(existsSync(path.join(workspace, 'Fresh', 'Fresh.entitlements')), false);
  });

  it('lists the capabilities that fit when none is named, and says how to ask for a managed one', async () => {
    const listed = await callTool(client, 'add_capability', { entitlementsText: '', platform: 'macOS' });
    const ids = listed.value.capabilities.map((entry: { id: string }) => entry.id);
    assert.ok(ids.includes('app-sandbox'));
    assert.ok(!ids.includes('homekit'));
    const managed = await callTool(client, 'add_capability', { capability: 'Family Controls', entitlementsText: '', platform: 'iOS' });
    assert.equal(managed.value.capability.approval.required, true);
    assert.match(managed.value.capability.approval.requestUrl, /family-controls-distribution/);
  });

  it('refuses a capability path outside the roots', async () => {
    const answer = await callTool(client, 'add_capability', { capability: 'App Groups', paths: [path.join(folder, 'Outside.entitlements')] });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /outside the roots/);
  });
});
