import * as assert from 'assert';
import * as vscode from 'vscode';

const NAMES = ['plistSentinel_check_plist', 'plistSentinel_lookup_key', 'plistSentinel_find_keys_for_feature', 'plistSentinel_add_capability'];

/** The text parts of a tool's answer, joined. */
function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('language-model tools', () => {
  before(async () => {
    // The tools answer through the language server, which starts with the extension.
    await vscode.extensions.getExtension('plist-sentinel.plist-sentinel')?.activate();
  });

  it('contributes the agent tools to agent mode', () => {
    const names = vscode.lm.tools.map((tool) => tool.name);
    for (const name of NAMES) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  });

  it('answers a lookup through the language server, with the replacement for an invented key', async () => {
    const result = await vscode.lm.invokeTool('plistSentinel_lookup_key', { input: { key: 'com.apple.developer.push-notifications' }, toolInvocationToken: undefined });
    const answer = JSON.parse(textOf(result)) as { status: string; replacements: Array<{ key: string }> };
    assert.equal(answer.status, 'hallucinated');
    assert.equal(answer.replacements[0]?.key, 'aps-environment');
  });

  it('checks a workspace file and returns the fix as an edit', async () => {
    const result = await vscode.lm.invokeTool('plistSentinel_check_plist', { input: { path: 'App/App.entitlements' }, toolInvocationToken: undefined });
    const text = textOf(result);
    assert.match(text, /"code": "hallucinated-key"/, text);
    assert.match(text, /"newText": "aps-environment"/, text);
  });
});
