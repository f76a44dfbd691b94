import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/**
 * A profile's plist as `security cms -D` decodes it; the server reads those as well as the signed form, which
 * spares this test openssl. The signed form is covered by the unit and protocol tests.
 */
const DECODED_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
\t<key>Name</key><string>E2E Development</string>
\t<key>TeamIdentifier</key><array><string>ABCDE12345</string></array>
\t<key>TeamName</key><string>Example Corp</string>
\t<key>ExpirationDate</key><date>2099-01-01T00:00:00Z</date>
\t<key>Entitlements</key>
\t<dict>
\t\t<key>application-identifier</key><string>ABCDE12345.com.example.e2e</string>
\t\t<key>aps-environment</key><string>development</string>
\t</dict>
</dict>
</plist>
`;

describe('provisioning profiles', () => {
  // The command activates the extension itself (contributed commands are activation events).
  it('shows a profile file as a read-only page', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'plist-sentinel-e2e-')), 'E2E.mobileprovision');
    writeFileSync(file, DECODED_PROFILE);
    await vscode.commands.executeCommand('plistSentinel.showProfile', vscode.Uri.file(file));
    const document = vscode.window.activeTextEditor?.document;
    assert.strictEqual(document?.uri.scheme, 'plist-sentinel-profile');
    const text = document.getText();
    assert.match(text, /^# E2E Development\n/, text);
    assert.match(text, /- `aps-environment`: `development`/, text);
    // Leave the workbench as the next suite expects it: the page closed, the fixture editors as they were.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens a profile file in its read-only profile editor', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'plist-sentinel-e2e-')), 'Opened.mobileprovision');
    writeFileSync(file, DECODED_PROFILE);
    const uri = vscode.Uri.file(file);
    const opened = new Promise<vscode.Tab>((resolve) => {
      const isOurs = (tab: vscode.Tab | undefined) => tab?.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString();
      const subscription = vscode.window.tabGroups.onDidChangeTabs((event) => {
        const tab = [...event.opened, ...event.changed].find(isOurs);
        if (tab !== undefined) {
          subscription.dispose();
          resolve(tab);
        }
      });
    });
    await vscode.commands.executeCommand('vscode.open', uri);
    const tab = await opened;
    assert.ok(tab.input instanceof vscode.TabInputCustom);
    assert.strictEqual(tab.input.viewType, 'plistSentinel.profile');
    await vscode.window.tabGroups.close(tab);
  });
});
