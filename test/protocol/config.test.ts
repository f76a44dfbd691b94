/**
 * One `.plist-sentinel.json` changes both the CLI's findings and the server's diagnostics (pull and push clients),
 * a change to it re-checks open documents, and an inline suppression holds in both. The real executable in a
 * workspace of its own.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fileUri } from '../../server/src/targetResolver';
import { BIN, PULL_CAPABILITIES, PUSH_CAPABILITIES, eventually, startClient } from './lspClient';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';
const TYPO = '\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n';
const SUPPRESSED = '\t<!-- plist-sentinel-disable-next-line hallucinated-key -->\n\t<key>com.apple.developer.push-notifications</key>\n\t<true/>\n';

interface Workspace {
  readonly folder: string;
  readonly write: (file: string, text: string) => void;
}

/** App/ holds an unknown key and a suppressed invented key; Vendor/ an unknown key; the configuration is at the top. */
function workspace(config: unknown): Workspace {
  const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-config-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  };
  write('App/App.entitlements', `${HEADER}<dict>\n${TYPO}${SUPPRESSED}</dict>\n</plist>\n`);
  write('Vendor/Lib/Lib.entitlements', `${HEADER}<dict>\n${TYPO}</dict>\n</plist>\n`);
  write('.plist-sentinel.json', JSON.stringify(config));
  return { folder, write };
}

function check(folder: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...args], { encoding: 'utf8', cwd: folder });
  const report = result.stdout === '' ? { files: [] } : (JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: number }> }> });
  return { status: result.status, stderr: result.stderr, findings: report.files.flatMap((file) => file.diagnostics.map((finding) => `${file.path.split(path.sep).join('/')} ${finding.code} ${SEVERITY_NAMES[finding.severity] ?? '?'}`)) };
}

const SEVERITY_NAMES: Readonly<Record<number, string>> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const CONFIG = { severity: { 'unknown-key': 'warning' }, ignore: ['Vendor/**'] };

describe('one configuration file for the CLI and the editor', () => {
  describe('the CLI', () => {
    it('reads the nearest file: severities, ignored paths; the suppression holds', () => {
      const { folder } = workspace(CONFIG);
      assert.deepEqual(check(folder, '--no-config').findings, ['App/App.entitlements unknown-key error', 'Vendor/Lib/Lib.entitlements unknown-key error']);
      const run = check(folder);
      assert.deepEqual(run.findings, ['App/App.entitlements unknown-key warning']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /1 file left out by the ignore list of \.plist-sentinel\.json/);
    });

    it('takes the nearest file only, so a folder can say something else', () => {
      const { folder, write } = workspace(CONFIG);
      // App's own file says nothing, and nothing is merged from above: the default severity, and Vendor/ still ignored.
      write('App/.plist-sentinel.json', '{}');
      assert.deepEqual(check(folder).findings, ['App/App.entitlements unknown-key error']);
      write('App/.plist-sentinel.json', JSON.stringify({ allowedKeys: ['com.apple.security.app-sandbx'] }));
      assert.deepEqual(check(folder).findings, []);
    });

    it('uses the file --config names for every file', () => {
      const { folder, write } = workspace({});
      write('ci/strict.json', JSON.stringify({ severity: { 'unknown-key': 'information' } }));
      assert.deepEqual(check(folder, '--config', 'ci/strict.json').findings, ['App/App.entitlements unknown-key information', 'Vendor/Lib/Lib.entitlements unknown-key information']);
    });

    it('exits 2 on a configuration with an error, saying where', () => {
      const { folder } = workspace({ severity: { 'unknown-keys': 'off' } });
      const run = check(folder);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /\.plist-sentinel\.json: severity\.unknown-keys: unknown diagnostic code 'unknown-keys'/);
      const named = check(folder, '--config', 'missing.json');
      assert.equal(named.status, 2);
      assert.match(named.stderr, /missing\.json: cannot read it/);
      assert.equal(check(folder, '--config', 'x.json', '--no-config').status, 2);
    });

    it('takes platform and product type per glob, under the flags', () => {
      const { folder, write } = workspace({ overrides: [{ files: ['Mac/**'], platform: 'macOS' }] });
      write('Mac/Mac.entitlements', `${HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>development</string>\n</dict>\n</plist>\n`);
      assert.ok(check(folder, 'Mac').findings.includes('Mac/Mac.entitlements platform-mismatch warning'));
      assert.deepEqual(check(folder, 'Mac', '--platform', 'iOS').findings, []);
    });
  });

  describe('the server', () => {
    for (const [mode, capabilities] of [['pull', PULL_CAPABILITIES], ['push', PUSH_CAPABILITIES]] as const) {
      it(`follows the file and its changes (${mode} diagnostics)`, async () => {
        const { folder, write } = workspace(CONFIG);
        const client = await startClient(capabilities, { rootUri: fileUri(folder) });
        try {
          const uri = fileUri(path.join(folder, 'App', 'App.entitlements'));
          const vendorUri = fileUri(path.join(folder, 'Vendor', 'Lib', 'Lib.entitlements'));
          const diagnosticsOf = async (documentUri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> => {
            if (mode === 'push') return (await client.nextPublished(documentUri, (params) => accept(params.diagnostics))).diagnostics;
            const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: documentUri } });
            return report.kind === 'full' ? report.items : [];
          };
          const published = mode === 'push' ? diagnosticsOf(uri, (diagnostics) => diagnostics.length > 0) : undefined;
          const publishedVendor = mode === 'push' ? diagnosticsOf(vendorUri, () => true) : undefined;
          await client.open(uri, 'entitlements', readFileSync(path.join(folder, 'App', 'App.entitlements'), 'utf8'));
          await client.open(vendorUri, 'entitlements', readFileSync(path.join(folder, 'Vendor', 'Lib', 'Lib.entitlements'), 'utf8'));
          const first = (await published) ?? (await diagnosticsOf(uri, () => true));
          assert.deepEqual(first.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['unknown-key', 2]]);
          assert.deepEqual((await publishedVendor) ?? (await diagnosticsOf(vendorUri, () => true)), []);

          // The editor's settings win over the file.
          const refreshes = client.refreshCount;
          write('.plist-sentinel.json', JSON.stringify({ severity: { 'unknown-key': 'hint' } }));
          const changed = mode === 'push' ? diagnosticsOf(uri, (diagnostics) => diagnostics[0]?.severity === 4) : undefined;
          await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(folder, '.plist-sentinel.json')), type: 2 }] });
          if (mode === 'pull') await eventually(() => client.refreshCount > refreshes, 'a diagnostics refresh');
          const second = (await changed) ?? (await diagnosticsOf(uri, () => true));
          assert.deepEqual(second.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['unknown-key', 4]]);
          if (mode === 'pull') assert.equal((await diagnosticsOf(vendorUri, () => true)).length, 1);
        } finally {
          await client.shutdown();
        }
      });
    }

    it('lays the editor settings over the file', async () => {
      const { folder } = workspace(CONFIG);
      const client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(folder) });
      try {
        client.settings = { severity: { 'unknown-key': 'information' } };
        const uri = fileUri(path.join(folder, 'App', 'App.entitlements'));
        await client.open(uri, 'entitlements', readFileSync(path.join(folder, 'App', 'App.entitlements'), 'utf8'));
        const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        assert.deepEqual(report.kind === 'full' ? report.items.map((diagnostic) => [diagnostic.code, diagnostic.severity]) : [], [['unknown-key', 3]]);
      } finally {
        await client.shutdown();
      }
    });
  });
});
