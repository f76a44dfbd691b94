/**
 * The agent tools as VS Code's language-model tools reach them: the client forwards each call to the language
 * server as `plistSentinel/callAgentTool`, which answers inside the workspace folders it was opened with.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CALL_AGENT_TOOL_METHOD, type CallAgentToolResult } from '../../shared/src/protocol';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const EXAMPLE = path.resolve(__dirname, '..', 'fixtures', 'example-workspace');

describe('agent tools through the language server', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient(PULL_CAPABILITIES, { rootUri: pathToFileURL(EXAMPLE).toString() });
  });
  after(async () => client.shutdown());

  const call = (name: string, input: unknown) => client.connection.sendRequest<CallAgentToolResult>(CALL_AGENT_TOOL_METHOD, { name, input });

  it('checks a workspace file, preferring the open editor text to the disk', async () => {
    const file = path.join(EXAMPLE, 'MyApp', 'MyApp.entitlements');
    const onDisk = await call('check_plist', { path: 'MyApp/MyApp.entitlements' });
    assert.equal(onDisk.isError, false, onDisk.text);
    assert.ok((JSON.parse(onDisk.text) as { findings: Array<{ code: string }> }).findings.some((finding) => finding.code === 'hallucinated-key'));
    await client.open(pathToFileURL(file).toString(), 'entitlements', '<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n');
    const open = await call('check_plist', { path: file });
    assert.equal(open.isError, false, open.text);
    assert.ok(!(JSON.parse(open.text) as { findings: Array<{ code: string }> }).findings.some((finding) => finding.code === 'hallucinated-key'), open.text);
  });

  it('answers a lookup, and refuses a file outside the workspace', async () => {
    const lookup = await call('lookup_key', { key: 'aps-environment' });
    assert.equal((JSON.parse(lookup.text) as { status: string }).status, 'real');
    const outside = await call('check_plist', { path: path.join(EXAMPLE, '..', '..', '..', 'package.json') });
    assert.equal(outside.isError, true);
    assert.match(outside.text, /outside the roots/);
  });

  it('names the tools when asked for one it does not have', async () => {
    const answer = await call('add_everything', {});
    assert.equal(answer.isError, true);
    assert.match(answer.text, /check_plist, lookup_key, find_keys_for_feature/);
  });
});
