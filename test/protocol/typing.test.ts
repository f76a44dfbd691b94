/**
 * The keystroke path, over stdio: a 300-key Info.plist typed one character at a time (thousands of incremental
 * edits) into the real server. Pushed diagnostics are debounced, never published for a version they were not
 * computed for, and the last ones are right; pulled diagnostics are right for the version they were asked about,
 * or cancelled, never for another version.
 */
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport, Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import { UNKNOWN_TARGET } from '../../shared/src/target';
import { createLanguageService } from '../../server/src/service/languageService';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startClient, type TestClient } from './lspClient';

const URI = 'file:///typing/App/Info.plist';
const BEFORE = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n';
const AFTER = '</dict>\n</plist>\n';

/** The 300 entries typed, with three real mistakes among them. */
function typedBody(): string {
  const entries: string[] = [];
  for (let index = 0; index < 300; index++) {
    let key = `Setting${index}`;
    if (index === 150) key = 'NSCameraUsageDescriptions';
    if (index === 200) key = 'Setting10';
    if (index === 250) key = 'UIRequiresFullScreen';
    entries.push(`\t<key>${key}</key>\n\t${index % 3 === 0 ? '<string>on</string>' : '<true/>'}\n`);
  }
  return entries.join('');
}

const BODY = typedBody();
/** Version 1 is the skeleton; version `n` has the first `n - 1` characters of the body typed. */
const FINAL_VERSION = BODY.length + 1;

function textAt(version: number): string {
  return BEFORE + BODY.slice(0, version - 1) + AFTER;
}

const service = createLanguageService(CATALOG);

/** What the service says about version `version`: code and covered range of each diagnostic, in order. */
function expectedAt(version: number): string[] {
  const text = textAt(version);
  const document = TextDocument.create(URI, 'info-plist', version, text);
  return summarize(service.validate(document, service.parse(text), { fileKind: 'infoPlist', target: UNKNOWN_TARGET, allowedKeys: new Set(), severity: {} }));
}

function summarize(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${String(diagnostic.code)}@${diagnostic.range.start.line}:${diagnostic.range.start.character}-${diagnostic.range.end.line}:${diagnostic.range.end.character}`);
}

/** Sends the body one character per `didChange`, calling `afterEdit` after each with the version just sent. */
async function typeBody(client: TestClient, afterEdit: (version: number) => Promise<void> | void): Promise<void> {
  const position: Position = { line: BEFORE.split('\n').length - 1, character: 0 };
  for (let index = 0; index < BODY.length; index++) {
    const character = BODY.charAt(index);
    const version = index + 2;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version },
      contentChanges: [{ range: { start: position, end: position }, text: character }],
    });
    if (character === '\n') {
      position.line++;
      position.character = 0;
    } else {
      position.character++;
    }
    await afterEdit(version);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`typing a 300-key Info.plist one character at a time (${BODY.length} edits)`, function () {
  this.timeout(120_000);

  it('finds the three mistakes in the finished file', () => {
    const final = expectedAt(FINAL_VERSION).map((item) => item.split('@')[0]);
    assert.deepEqual(final, ['unknown-key', 'duplicate-key', 'deprecated-key']);
  });

  it('pushes debounced diagnostics, each for the version it was computed on, and the last ones right', async () => {
    const client = await startClient(PUSH_CAPABILITIES);
    try {
      await client.open(URI, 'info-plist', textAt(1), 1);
      // Pauses longer than the debounce, as a person stops typing now and then.
      await typeBody(client, async (version) => {
        if (version % 2000 === 0) await sleep(400);
      });
      const last = await client.nextPublished(URI, (params) => params.version === FINAL_VERSION);
      const published = client.published.filter((params) => params.uri === URI);
      const versions = published.map((params) => params.version ?? 0);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only go up');
      assert.equal(new Set(versions).size, versions.length, 'no version is published twice');
      assert.ok(published.length < 60, `${published.length} publications for ${BODY.length} edits: typing is debounced`);
      for (const params of published) {
        assert.deepEqual(summarize(params.diagnostics), expectedAt(params.version ?? 0), `diagnostics published for version ${String(params.version)} are that version's`);
      }
      assert.deepEqual(summarize(last.diagnostics), expectedAt(FINAL_VERSION));
    } finally {
      await client.shutdown();
    }
  });

  it('answers each pull for the version it was asked about, or as cancelled when a newer edit made it stale', async () => {
    const client = await startClient(PULL_CAPABILITIES);
    try {
      await client.open(URI, 'info-plist', textAt(1), 1);
      const outcomes: Array<Promise<{ version: number; items?: string[]; code?: number }>> = [];
      let inFlight: CancellationTokenSource | undefined;
      await typeBody(client, async (version) => {
        if (version % 20 !== 0) return;
        // As an editor does: a new pull after an edit, and the one before it cancelled if still running.
        inFlight?.cancel();
        const source = new CancellationTokenSource();
        inFlight = source;
        const outcome = client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } }, source.token).then(
          (report) => ({ version, items: report.kind === 'full' ? summarize(report.items) : [] }),
          (error: unknown) => ({ version, code: error instanceof ResponseError ? error.code : Number.NaN }),
        );
        outcomes.push(outcome);
        // Now and then the typist pauses until the answer is in, so some pulls finish however slow the machine.
        if (version % 2000 === 0) await outcome;
      });
      const settled = await Promise.all(outcomes);
      for (const outcome of settled) {
        if (outcome.items === undefined) assert.ok(outcome.code === -32800 || outcome.code === -32802, `pull at version ${outcome.version} failed with ${String(outcome.code)}`);
        else assert.deepEqual(outcome.items, expectedAt(outcome.version), `pull at version ${outcome.version}`);
      }
      assert.ok(settled.some((outcome) => outcome.items !== undefined), 'some pulls were answered');
      const final = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } });
      assert.deepEqual(final.kind === 'full' ? summarize(final.items) : [], expectedAt(FINAL_VERSION));
    } finally {
      await client.shutdown();
    }
  });
});
