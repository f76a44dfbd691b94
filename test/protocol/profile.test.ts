/**
 * Provisioning profiles through the real server: a temp workspace holding an Xcode project, an entitlements file
 * and signed profiles made with openssl; diagnostics and hovers against the matched profile, the readable page,
 * and picking another profile.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { DESCRIBE_PROFILE_METHOD, LIST_PROFILES_METHOD, SELECT_PROFILE_METHOD, type DescribeProfileResult, type ListProfilesResult } from '../../shared/src/protocol';
import { fileUri } from '../../server/src/targetResolver';
import { createSigner, hasOpenssl, type Signer } from '../builders/signedProfiles';
import { ENTITLEMENTS, writeWorkspace } from './profileWorkspace';
import { eventually, PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

function covered(text: string, diagnostic: Diagnostic): string {
  const document = TextDocument.create('file:///x', 'plist', 1, text);
  return text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
}

describe('provisioning profiles over stdio', function () {
  let signer: Signer;
  let client: TestClient;
  let files: { entitlements: string; profile: string; other: string };
  let uri: string;

  before(async function () {
    if (!hasOpenssl()) {
      console.warn('    openssl is not installed (Debian package: openssl); skipping the profile protocol tests');
      this.skip();
    }
    signer = createSigner();
    const workspace = path.join(signer.folder, 'workspace');
    files = writeWorkspace(signer, workspace);
    uri = fileUri(files.entitlements);
    client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(workspace) });
    await client.open(uri, 'entitlements', ENTITLEMENTS);
  });
  after(async () => {
    await client?.shutdown();
    signer?.dispose();
  });

  async function profileDiagnostics(): Promise<Array<{ code: string; covered: string }>> {
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const items = report.kind === 'full' ? report.items : [];
    return items.filter((diagnostic) => String(diagnostic.code).startsWith('profile-')).map((diagnostic) => ({ code: String(diagnostic.code), covered: covered(ENTITLEMENTS, diagnostic) }));
  }

  async function hoverOn(needle: string): Promise<string> {
    const document = TextDocument.create(uri, 'entitlements', 1, ENTITLEMENTS);
    const position = document.positionAt(ENTITLEMENTS.indexOf(needle) + 2);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  }

  it('checks the entitlements file against the profile for its bundle identifier and team', async () => {
    assert.deepEqual(await profileDiagnostics(), [
      { code: 'profile-value-mismatch', covered: 'production' },
      { code: 'profile-missing-entitlement', covered: 'com.apple.developer.healthkit' },
    ]);
  });

  it('shows on hover what the profile grants for a key', async () => {
    assert.match(await hoverOn('com.apple.developer.healthkit'), /The profile 'My App Development' does not grant this entitlement\./);
    assert.match(await hoverOn('aps-environment'), /The profile 'My App Development' grants: `development`/);
  });

  it('describes the matched profile, or any profile file, as a readable page', async () => {
    const matched = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { documentUri: uri });
    assert.match(matched.markdown, /^# My App Development\n/);
    assert.match(matched.markdown, /- \*\*Devices:\*\* 2 provisioned devices/);
    assert.match(matched.markdown, /Apple Development: Test Person \(ABCDE12345\)/);
    assert.equal(matched.profileUri, fileUri(files.profile));
    const other = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileUri: fileUri(files.other) });
    assert.match(other.markdown, /^# Other App Store\n/);
    assert.match(other.markdown, /- \*\*Kind:\*\* App Store/);
    const junk = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileUri: fileUri(files.entitlements) });
    assert.match(junk.markdown, /not a provisioning profile/);
  });

  it('reads by path only the profiles it lists, and a file the client read from its bytes', async () => {
    mkdirSync(path.join(signer.folder, 'outside'), { recursive: true });
    const outside = signer.writeProfile(path.join(signer.folder, 'outside', 'Elsewhere.mobileprovision'), { name: 'Elsewhere' });
    const refused = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileUri: fileUri(outside) });
    const missing = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileUri: fileUri(path.join(signer.folder, 'outside', 'missing.mobileprovision')) });
    const system = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileUri: 'file:///etc/passwd' });
    assert.match(refused.markdown, /not a provisioning profile plist-sentinel reads/);
    assert.equal(missing.markdown, refused.markdown, 'the answer does not tell whether the file exists');
    assert.equal(system.markdown, refused.markdown);
    const sent = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileUri: fileUri(outside), profileData: readFileSync(outside).toString('base64') });
    assert.match(sent.markdown, /^# Elsewhere\n/);
    const bare = await client.connection.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, { profileData: Buffer.from('<plist><dict><key>Name</key><string>x</string></dict></plist>').toString('base64') });
    assert.match(bare.markdown, /not a CMS container/);
  });

  it('does not pick a profile by a path it does not list', async () => {
    mkdirSync(path.join(signer.folder, 'outside'), { recursive: true });
    const outside = signer.writeProfile(path.join(signer.folder, 'outside', 'Other.mobileprovision'), { name: 'Outside Other', bundleIdentifier: 'com.example.other', entitlements: { 'aps-environment': 'production', 'com.apple.developer.healthkit': true } });
    await client.connection.sendRequest(SELECT_PROFILE_METHOD, { documentUri: uri, profileUri: fileUri(outside) });
    assert.equal((await profileDiagnostics()).length, 2, 'still checked against the matched profile');
    await client.connection.sendRequest(SELECT_PROFILE_METHOD, { documentUri: uri, profileUri: fileUri(outside), profileData: readFileSync(outside).toString('base64') });
    assert.deepEqual(await profileDiagnostics(), [], 'a profile the client read is used');
    await client.connection.sendRequest(SELECT_PROFILE_METHOD, { documentUri: uri, profileUri: null });
    assert.equal((await profileDiagnostics()).length, 2);
  });

  it('lists the workspace\'s profiles, marking the matched one', async () => {
    const listing = await client.connection.sendRequest<ListProfilesResult>(LIST_PROFILES_METHOD, { documentUri: uri });
    assert.deepEqual(listing.profiles.map((profile) => profile.name).sort(), ['My App Development', 'Other App Store']);
    assert.equal(listing.currentUri, fileUri(files.profile));
  });

  it('checks against a picked profile, and refreshes diagnostics', async () => {
    const refreshes = client.refreshCount;
    await client.connection.sendRequest(SELECT_PROFILE_METHOD, { documentUri: uri, profileUri: fileUri(files.other) });
    await eventually(() => client.refreshCount > refreshes, 'a diagnostics refresh');
    assert.deepEqual(await profileDiagnostics(), []);
    await client.connection.sendRequest(SELECT_PROFILE_METHOD, { documentUri: uri, profileUri: null });
    assert.equal((await profileDiagnostics()).length, 2);
  });
});
