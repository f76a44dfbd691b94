/**
 * The server's file-access policy over stdio (docs/file-access.md): a companion the project names through a link
 * that leads out of the workspace is not read, while one reached through a link that stays inside is.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri } from '../../server/src/targetResolver';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n';
const ENTITLEMENTS = `${HEADER}<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n`;

function project(infoPlist: string): string {
  return `{ objects = { T = { isa = PBXNativeTarget; name = App; productType = "com.apple.product-type.application"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; buildSettings = { SDKROOT = iphoneos; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; INFOPLIST_FILE = "${infoPlist}"; }; }; }; }`;
}

describe('file access over stdio', function () {
  this.timeout(30_000);
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  /** The root hover of the workspace's App.entitlements, where the server names the companion it paired. */
  async function rootHover(infoPlist: string, linkTarget: (workspace: string, outside: string) => string): Promise<string> {
    const workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-ws-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-outside-'));
    folders.push(workspace, outside);
    mkdirSync(path.join(workspace, 'App.xcodeproj'));
    writeFileSync(path.join(workspace, 'App.xcodeproj', 'project.pbxproj'), project(infoPlist));
    mkdirSync(path.join(workspace, 'App'));
    mkdirSync(path.join(workspace, 'Real'));
    writeFileSync(path.join(outside, 'passwd'), `${HEADER}<dict/>\n</plist>\n`);
    writeFileSync(path.join(workspace, 'Real', 'passwd'), `${HEADER}<dict/>\n</plist>\n`);
    symlinkSync(linkTarget(workspace, outside), path.join(workspace, 'link'));
    const client: TestClient = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(workspace) });
    try {
      const uri = fileUri(path.join(workspace, 'App', 'App.entitlements'));
      await client.open(uri, 'entitlements', ENTITLEMENTS);
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
      return (hover?.contents as MarkupContent | undefined)?.value ?? '';
    } finally {
      await client.shutdown();
    }
  }

  it('does not read INFOPLIST_FILE = link/passwd when link leads outside the workspace', async () => {
    const markdown = await rootHover('link/passwd', (_workspace, outside) => outside);
    assert.match(markdown, /target \*\*App\*\*/, markdown);
    assert.doesNotMatch(markdown, /Paired with/, markdown);
  });

  it('reads it when the link stays inside the workspace', async () => {
    const markdown = await rootHover('link/passwd', (workspace) => path.join(workspace, 'Real'));
    assert.match(markdown, /Paired with `passwd`/, markdown);
  });
});
