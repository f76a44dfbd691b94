import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/**
 * A signed provisioning profile (CMS signed data, as Apple ships them): the server reads a profile file only when it
 * really is one. Signed once with openssl and a throwaway certificate, so this test needs no openssl; its plist
 * names "E2E Development", team ABCDE12345, and grants aps-environment development.
 */
const SIGNED_PROFILE = Buffer.from(
  'MIIIcwYJKoZIhvcNAQcCoIIIZDCCCGACAQExDTALBglghkgBZQMEAgEwggH+BgkqhkiG9w0BBwGgggHvBIIB6zw/eG1sIHZlcnNpb249IjEu' +
  'MCIgZW5jb2Rpbmc9IlVURi04Ij8+CjxwbGlzdCB2ZXJzaW9uPSIxLjAiPgo8ZGljdD4KCTxrZXk+TmFtZTwva2V5PjxzdHJpbmc+RTJFIERl' +
  'dmVsb3BtZW50PC9zdHJpbmc+Cgk8a2V5PlRlYW1JZGVudGlmaWVyPC9rZXk+PGFycmF5PjxzdHJpbmc+QUJDREUxMjM0NTwvc3RyaW5nPjwv' +
  'YXJyYXk+Cgk8a2V5PlRlYW1OYW1lPC9rZXk+PHN0cmluZz5FeGFtcGxlIENvcnA8L3N0cmluZz4KCTxrZXk+RXhwaXJhdGlvbkRhdGU8L2tl' +
  'eT48ZGF0ZT4yMDk5LTAxLTAxVDAwOjAwOjAwWjwvZGF0ZT4KCTxrZXk+RW50aXRsZW1lbnRzPC9rZXk+Cgk8ZGljdD4KCQk8a2V5PmFwcGxp' +
  'Y2F0aW9uLWlkZW50aWZpZXI8L2tleT48c3RyaW5nPkFCQ0RFMTIzNDUuY29tLmV4YW1wbGUuZTJlPC9zdHJpbmc+CgkJPGtleT5hcHMtZW52' +
  'aXJvbm1lbnQ8L2tleT48c3RyaW5nPmRldmVsb3BtZW50PC9zdHJpbmc+Cgk8L2RpY3Q+CjwvZGljdD4KPC9wbGlzdD4KoIIDtTCCA7EwggKZ' +
  'oAMCAQICFDrqg5qzVBjwiRdKDJaFTN1bhIXCMA0GCSqGSIb3DQEBCwUAMGcxLDAqBgNVBAMMI0FwcGxlIERldmVsb3BtZW50OiBFMkUgKEFC' +
  'Q0RFMTIzNDUpMRMwEQYDVQQLDApBQkNERTEyMzQ1MRUwEwYDVQQKDAxFeGFtcGxlIENvcnAxCzAJBgNVBAYTAlVTMCAXDTI2MTIwNzE2MDI1' +
  'NVoYDzIxMjYxMTEzMTYwMjU1WjBnMSwwKgYDVQQDDCNBcHBsZSBEZXZlbG9wbWVudDogRTJFIChBQkNERTEyMzQ1KTETMBEGA1UECwwKQUJD' +
  'REUxMjM0NTEVMBMGA1UECgwMRXhhbXBsZSBDb3JwMQswCQYDVQQGEwJVUzCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALl1lTKg' +
  'gKK/Tw20ZvS+aI47QUs3NdIZpZAs3IGyFU1V+nSIte5Q01ip2AwCCgP/UKwirqPG0/G351urAaR20UojC+94WgWlstDc8LzoNgDUa/N4Ebb5' +
  'mEF12cPBUUfwBe1imE7fNgl/mP3S42iVSGzpRPku7NkBJDknXP/+AZXUtTtK5NKzgCofIaIaSEOqvS5JbfNwN11iV5LezvGh3lrJkNpk0KP2' +
  '+uAWV4cM5wR0gHb+qgLfJb4F+tHEZYnawldCmn179amJSPVPh8jvOcQk19jXbvEQnImj5/zJvI9OBT5od9v0PIQI5WF+Rpc9FZWg51JBb9uo' +
  'LxsN6nY/Zk0CAwEAAaNTMFEwHQYDVR0OBBYEFOxg9AvNdZB1aCaRygzbIdrBQ6SDMB8GA1UdIwQYMBaAFOxg9AvNdZB1aCaRygzbIdrBQ6SD' +
  'MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAJrSvdQkEuKtpv6//jrixy9HoAPCC4PdyAMM/AZfp24hqNiOAipRsgm9ZM4p' +
  'FgGk1Sn2npIvcFz47xn93eLA7nG0bG1Gw6/To47YdZQ914ekHmy3QjVBQ31Aj4O8rpGWFBGOo9SPtWo+DQLUDFN++1KhYqJdsIaHZ28/hvlv' +
  'XTgxKNt9mUrCMolQsWHChtA98IwUFkH9qZQT5VENkPJq1Xev8X3qVjjkGTNrfsvY0avMWyns6ef07sbcgkyXA+hO8SJdjDkmQxn/ZzlCcSI7' +
  'GAAhypwKOXEQIF/S3I9Yqu11BxSrMknQkxpPeurE8ikPc/pJ2ESUx9Gl3QQjxJ14ufQxggKPMIICiwIBATB/MGcxLDAqBgNVBAMMI0FwcGxl' +
  'IERldmVsb3BtZW50OiBFMkUgKEFCQ0RFMTIzNDUpMRMwEQYDVQQLDApBQkNERTEyMzQ1MRUwEwYDVQQKDAxFeGFtcGxlIENvcnAxCzAJBgNV' +
  'BAYTAlVTAhQ66oOas1QY8IkXSgyWhUzdW4SFwjALBglghkgBZQMEAgGggeQwGAYJKoZIhvcNAQkDMQsGCSqGSIb3DQEHATAcBgkqhkiG9w0B' +
  'CQUxDxcNMjYxMjA3MTYwMjU1WjAvBgkqhkiG9w0BCQQxIgQgyMDzgsIjNJ1cTzcv0Of7qlu2bYRuUOWVfQmHzQivJegweQYJKoZIhvcNAQkP' +
  'MWwwajALBglghkgBZQMEASowCwYJYIZIAWUDBAEWMAsGCWCGSAFlAwQBAjAKBggqhkiG9w0DBzAOBggqhkiG9w0DAgICAIAwDQYIKoZIhvcN' +
  'AwICAUAwBwYFKw4DAgcwDQYIKoZIhvcNAwICASgwDQYJKoZIhvcNAQEBBQAEggEAkvsG6dR6DfMRF6elWKTIt4Yf0dMG/XuC4wCOxRhU5hVu' +
  '3mEVOejYuhHUq/rbns3jsek4/qgP4pjb9ZBkWuzibBZ/Q9XbnjwLakZ0/0iZMooWp8kbt/xkV5ZQ6hQ8Y+yPoObslMAAz+3cNe1lrrLs7dVH' +
  'uwOTHBdUt1mYHGsYoSeNszXoQwIuda1lkLNRaWm+GGuFGw3aUzoR2pTr5kidIPVsM7P5Rr39JpcSftewUdqhxsDiB7X4VZeE0F9uFC5K0Kao' +
  'ecnj+1FKIwQnVklNUwhkBvxQ0VdvMwN1T8TO2A8C/zj60nY+EaIyuPsYU5aiw60iBm3Ll0RcBq1qPXNgpQ==',
  'base64',
);

describe('provisioning profiles', () => {
  // The command activates the extension itself (contributed commands are activation events).
  it('shows a profile file as a read-only page', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'plist-sentinel-e2e-')), 'E2E.mobileprovision');
    writeFileSync(file, SIGNED_PROFILE);
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
    writeFileSync(file, SIGNED_PROFILE);
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
