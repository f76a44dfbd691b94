import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitForActivation, waitForDiagnostics } from '../helpers';

// This file runs first (index.ts sorts the suite), in a fresh extension host where nothing is open yet, so
// the first test proves that opening an Info.plist activates the extension. One host activates only once;
// for .entitlements the test proves the same chain link by link: the file gets our language id, the manifest
// activates on that id, and the language server answers for the file.
describe('activation', () => {
  it('activates when an Info.plist is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
    assert.strictEqual(extension.isActive, false, 'the extension activated before any plist was opened');

    const document = await openFixture('App/Info.plist');
    assert.strictEqual(document.languageId, 'info-plist');
    await waitForActivation(extension);
  });

  it('activates on .entitlements files and serves them', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const activationEvents = (extension.packageJSON as { activationEvents?: unknown }).activationEvents;
    assert.ok(Array.isArray(activationEvents) && activationEvents.includes('onLanguage:entitlements'),
      `package.json activationEvents lacks onLanguage:entitlements: ${JSON.stringify(activationEvents)}`);

    const document = await openFixture('App/App.entitlements');
    assert.strictEqual(document.languageId, 'entitlements');
    await waitForActivation(extension);
    // The fixture has a hallucinated key, so a served file always has at least one diagnostic of ours.
    await waitForDiagnostics(document.uri, 'any plist-sentinel diagnostic', (diagnostics) => diagnostics.length > 0);
  });
});
