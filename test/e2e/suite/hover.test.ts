import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverText, keyRange, openFixture } from '../helpers';

async function hoverOnKey(relativePath: string, key: string): Promise<string> {
  const document = await openFixture(relativePath);
  const range = keyRange(document, key);
  // Hover in the middle of the key, where a user's mouse would be.
  const position = range.start.translate(0, Math.floor(key.length / 2));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hoverText(hovers ?? []);
}

function assertKeyDocs(text: string, key: string): void {
  assert.ok(text.length > 0, `no hover on ${key}`);
  assert.match(text, /https:\/\/developer\.apple\.com\//, `the hover on ${key} links Apple's docs:\n${text}`);
  const withoutLinks = text.replace(/\[[^\]]*\]\([^)]*\)|https?:\/\/\S+/g, '').replace(/[\s`*_#>|-]+/g, ' ').trim();
  assert.ok(withoutLinks.length >= 20, `the hover on ${key} has a summary besides the link:\n${text}`);
}

describe('hover', () => {
  it('shows the docs of an entitlement key', async () => {
    const key = 'com.apple.developer.associated-domains';
    assertKeyDocs(await hoverOnKey('App/App.entitlements', key), key);
  });

  it('shows the docs of an Info.plist key', async () => {
    const key = 'NSCameraUsageDescription';
    assertKeyDocs(await hoverOnKey('App/Info.plist', key), key);
  });
});
