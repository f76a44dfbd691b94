/**
 * Every code's quick fix, end to end through the real server: open the file (and its companion) in a temporary
 * workspace, pull diagnostics, ask for code actions, apply the chosen action's workspace edit to every file it
 * names, check each result is a well-formed plist, send the change, and check the diagnostic is gone.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { parsePlist } from '../../server/src/service/plist/parser';
import { fileUri } from '../../server/src/targetResolver';
import { PULL_CAPABILITIES, startClient, type TestClient } from './lspClient';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n';
const FOOTER = '</dict>\n</plist>\n';
const plist = (body: string) => `${HEADER}${body}${FOOTER}`;

interface FixCase {
  readonly code: string;
  /** The folder of the case holds `App.entitlements` and `Info.plist`; this one is opened. */
  readonly open: 'App.entitlements' | 'Info.plist';
  readonly entitlements: string;
  readonly infoPlist: string;
  readonly settings?: Record<string, unknown>;
  readonly title: string;
  /** The expected text of each file after the fix, by file name. */
  readonly expected: Partial<Record<'App.entitlements' | 'Info.plist', string>>;
}

const EMPTY_INFO = plist('\t<key>CFBundleName</key>\n\t<string>App</string>\n');

const CASES: readonly FixCase[] = [
  {
    code: 'hallucinated-key', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>com.apple.developer.app-groups</key>\n\t<array>\n\t\t<string>group.com.example</string>\n\t</array>\n'),
    title: "Change to 'com.apple.security.application-groups'",
    expected: { 'App.entitlements': plist('\t<key>com.apple.security.application-groups</key>\n\t<array>\n\t\t<string>group.com.example</string>\n\t</array>\n') },
  },
  {
    code: 'unknown-key', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n'),
    title: "Change to 'com.apple.security.app-sandbox'",
    expected: { 'App.entitlements': plist('\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n') },
  },
  {
    code: 'duplicate-key', open: 'Info.plist', entitlements: plist(''),
    infoPlist: plist('\t<key>CFBundleName</key>\n\t<string>App</string>\n\t<key>CFBundleName</key>\n\t<string>Other</string>\n'),
    title: "Remove 'CFBundleName'",
    expected: { 'Info.plist': plist('\t<key>CFBundleName</key>\n\t<string>App</string>\n') },
  },
  {
    code: 'misplaced-key', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t</array>\n'),
    title: "Move 'UIBackgroundModes' to Info.plist",
    expected: {
      'App.entitlements': plist(''),
      'Info.plist': plist('\t<key>CFBundleName</key>\n\t<string>App</string>\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t</array>\n'),
    },
  },
  {
    code: 'private-entitlement', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>com.apple.private.security.no-sandbox</key>\n\t<true/>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'),
    title: "Remove 'com.apple.private.security.no-sandbox'",
    expected: { 'App.entitlements': plist('\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n') },
  },
  {
    code: 'deprecated-key', open: 'Info.plist', entitlements: plist(''),
    infoPlist: plist('\t<key>NSLocationAlwaysUsageDescription</key>\n\t<string>Track your runs in the background.</string>\n'),
    title: "Change to 'NSLocationAlwaysAndWhenInUseUsageDescription'",
    expected: { 'Info.plist': plist('\t<key>NSLocationAlwaysAndWhenInUseUsageDescription</key>\n\t<string>Track your runs in the background.</string>\n') },
  },
  {
    code: 'platform-mismatch', open: 'App.entitlements', infoPlist: EMPTY_INFO, settings: { platform: 'macOS' },
    entitlements: plist('\t<key>aps-environment</key>\n\t<string>development</string>\n'),
    title: "Change to 'com.apple.developer.aps-environment'",
    expected: { 'App.entitlements': plist('\t<key>com.apple.developer.aps-environment</key>\n\t<string>development</string>\n') },
  },
  {
    code: 'app-clip-unsupported', open: 'App.entitlements', settings: { productType: 'app-clip' },
    infoPlist: plist('\t<key>NSHomeKitUsageDescription</key>\n\t<string>Open the garage door.</string>\n'),
    entitlements: plist('\t<key>com.apple.developer.homekit</key>\n\t<true/>\n'),
    title: "Remove 'com.apple.developer.homekit'",
    expected: { 'App.entitlements': plist('') },
  },
  {
    code: 'missing-companion', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>com.apple.developer.homekit</key>\n\t<true/>\n'),
    title: "Add 'NSHomeKitUsageDescription' to Info.plist",
    expected: { 'Info.plist': plist('\t<key>CFBundleName</key>\n\t<string>App</string>\n\t<key>NSHomeKitUsageDescription</key>\n\t<string></string>\n') },
  },
  {
    code: 'invalid-value-type', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>com.apple.security.app-sandbox</key>\n\t<string>YES</string>\n'),
    title: 'Change to <true/>',
    expected: { 'App.entitlements': plist('\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n') },
  },
  {
    code: 'invalid-value', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>aps-environment</key>\n\t<string>prod</string>\n'),
    title: "Change to 'production'",
    expected: { 'App.entitlements': plist('\t<key>aps-environment</key>\n\t<string>production</string>\n') },
  },
  {
    code: 'invalid-value', open: 'App.entitlements', infoPlist: EMPTY_INFO, settings: { productType: 'app-clip' },
    entitlements: plist('\t<key>com.apple.developer.parent-application-identifiers</key>\n\t<array>\n\t\t<string>$(AppIdentifierPrefix)com.example.app</string>\n\t\t<string>$(AppIdentifierPrefix)com.example.other</string>\n\t</array>\n'),
    title: 'Keep only the first entry',
    expected: { 'App.entitlements': plist('\t<key>com.apple.developer.parent-application-identifiers</key>\n\t<array>\n\t\t<string>$(AppIdentifierPrefix)com.example.app</string>\n\t</array>\n') },
  },
  {
    code: 'signing-inserted-key', open: 'App.entitlements', infoPlist: EMPTY_INFO,
    entitlements: plist('\t<key>get-task-allow</key>\n\t<true/>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'),
    title: "Remove 'get-task-allow'",
    expected: { 'App.entitlements': plist('\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n') },
  },
];

describe('every quick fix, applied end to end over stdio', () => {
  let client: TestClient;
  const workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-fixes-'));
  before(async () => {
    client = await startClient(PULL_CAPABILITIES, { rootUri: fileUri(workspace) });
  });
  after(async () => {
    await client.shutdown();
  });

  async function pull(uri: string): Promise<Diagnostic[]> {
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    return report.kind === 'full' ? report.items : [];
  }

  for (const [index, fixCase] of CASES.entries()) {
    it(`${fixCase.code}: ${fixCase.title}`, async () => {
      const folder = path.join(workspace, `case${index}`);
      mkdirSync(folder);
      const texts: Record<string, string> = { 'App.entitlements': fixCase.entitlements, 'Info.plist': fixCase.infoPlist };
      for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(folder, name), text);
      const uris: Record<string, string> = Object.fromEntries(Object.keys(texts).map((name) => [fileUri(path.join(folder, name)), name]));
      const uri = fileUri(path.join(folder, fixCase.open));
      client.settings = fixCase.settings ?? {};
      await client.open(uri, fixCase.open === 'Info.plist' ? 'info-plist' : 'entitlements', texts[fixCase.open] ?? '');

      const diagnostic = (await pull(uri)).find((candidate) => candidate.code === fixCase.code);
      assert.ok(diagnostic, `no ${fixCase.code} diagnostic`);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const action = actions.find((candidate) => candidate.title === fixCase.title);
      assert.ok(action, `no '${fixCase.title}' among ${JSON.stringify(actions.map((candidate) => candidate.title))}`);

      const changes = action.edit?.changes ?? {};
      assert.ok(Object.keys(changes).length > 0);
      for (const [changedUri, edits] of Object.entries(changes)) {
        const name = uris[changedUri];
        assert.ok(name !== undefined, `the fix edits a file outside the case: ${changedUri}`);
        const after = TextDocument.applyEdits(TextDocument.create(changedUri, 'plist', 1, texts[name] ?? ''), edits);
        assert.deepEqual(parsePlist(after).problems, [], `${name} after the fix:\n${after}`);
        assert.equal(after, fixCase.expected[name as keyof FixCase['expected']], `${name} after the fix`);
        texts[name] = after;
      }
      for (const name of Object.keys(fixCase.expected)) assert.ok(Object.values(uris).includes(name) && Object.keys(changes).some((changed) => uris[changed] === name), `the fix changes ${name}`);

      // As an editor does: the edited companion is opened with its new text, the fixed file changes.
      for (const [changedUri, name] of Object.entries(uris)) {
        if (changedUri !== uri && changes[changedUri] !== undefined) await client.open(changedUri, name === 'Info.plist' ? 'info-plist' : 'entitlements', texts[name] ?? '');
      }
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: texts[fixCase.open] }] });
      const remaining = (await pull(uri)).filter((candidate) => candidate.code === fixCase.code);
      assert.deepEqual(remaining, [], 'the diagnostic is gone after the fix');
      for (const openUri of Object.keys(uris)) {
        if (openUri === uri || changes[openUri] !== undefined) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: openUri } });
      }
    });
  }
});
