import * as assert from 'assert';
import * as vscode from 'vscode';
import { fixtureUri, openFixture, replaceDocumentText } from '../helpers';

interface CommandResult {
  readonly title?: string;
  readonly changes?: readonly { readonly uri: string }[];
  readonly error?: string;
}

describe('Add Capability', () => {
  const originals = new Map<string, string>();

  after(async () => {
    // Back to the fixture's text, saved, for the suites that follow.
    for (const [uri, text] of originals) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      if (document.getText() !== text) await replaceDocumentText(document, text);
      await document.save();
    }
  });

  it('is registered, and offered in the Command Palette', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('plistSentinel.addCapability'));
  });

  it('adds HealthKit to the entitlements file and Info.plist in one edit, keeping what is there', async () => {
    const entitlements = await openFixture('App/App.entitlements');
    const infoPlist = await vscode.workspace.openTextDocument(fixtureUri('App/Info.plist'));
    originals.set(entitlements.uri.toString(), entitlements.getText());
    originals.set(infoPlist.uri.toString(), infoPlist.getText());

    const result = await vscode.commands.executeCommand<CommandResult>('plistSentinel.addCapability', entitlements.uri, 'HealthKit');
    assert.equal(result?.error, undefined);
    assert.equal(result?.title, 'HealthKit');
    assert.deepEqual(result?.changes?.map((change) => change.uri).sort(), [entitlements.uri.toString(), infoPlist.uri.toString()].sort());

    const newEntitlements = entitlements.getText();
    assert.match(newEntitlements, /\t<key>com\.apple\.developer\.healthkit<\/key>\n\t<true\/>\n/);
    assert.match(newEntitlements, /<string>group\.com\.example\.app<\/string>/, 'what was there stays');
    const newInfo = infoPlist.getText();
    assert.match(newInfo, /<key>NSHealthShareUsageDescription<\/key>\n\t<string>TODO: say why the app reads Health data<\/string>/);
    assert.match(newInfo, /<key>NSCameraUsageDescription<\/key>/);

    // A second run finds everything there and changes nothing.
    const again = await vscode.commands.executeCommand<CommandResult>('plistSentinel.addCapability', entitlements.uri, 'HealthKit');
    assert.deepEqual(again?.changes, []);
    assert.equal(entitlements.getText(), newEntitlements);
  });
});
