import * as assert from 'assert';
import * as vscode from 'vscode';

/** The extension's id, `publisher.name` from package.json. */
export const EXTENSION_ID = 'plist-sentinel.plist-sentinel';

/** The `source` every diagnostic of ours carries. */
export const SOURCE = 'plist-sentinel';

/** Upper bound for one awaited event; a test that hits it fails with what it saw instead. */
const EVENT_TIMEOUT_MS = 20_000;

/** The URI of a file in the fixture workspace (the first workspace folder). */
export function fixtureUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open test/fixtures/e2e-workspace (or a copy) as its folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Opens a fixture file in an editor, as a user would (pull diagnostics are requested for visible documents). */
export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Our diagnostics on a document. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** The diagnostic's code as a string, whether VS Code holds it plain or as `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Our diagnostics with one code. */
export function diagnosticsWithCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return ourDiagnostics(uri).filter((diagnostic) => codeOf(diagnostic) === code);
}

function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics';
  return all
    .map((d) => `${d.source ?? '?'}/${codeOf(d) ?? '?'} ${vscode.DiagnosticSeverity[d.severity]} ` +
      `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`)
    .join('\n  ');
}

/**
 * Resolves once `predicate` holds for the document's diagnostics. It checks now, then again on every
 * `onDidChangeDiagnostics` for that URI; it never sleeps. `what` names the expectation in the failure message.
 */
export function waitForDiagnostics<T>(
  uri: vscode.Uri,
  what: string,
  predicate: (diagnostics: vscode.Diagnostic[]) => T | undefined | false,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = (): boolean => {
      const result = predicate(ourDiagnostics(uri));
      if (result === undefined || result === false) return false;
      resolve(result);
      return true;
    };
    if (check()) return;
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (check()) finish();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`Timed out after ${EVENT_TIMEOUT_MS} ms waiting for ${what} on ${uri.path}; ` +
        `it has:\n  ${describeDiagnostics(uri)}`));
    }, EVENT_TIMEOUT_MS);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
  });
}

/**
 * Resolves once the extension has activated successfully. The extension API has no activation event, so this
 * re-checks `isActive` whenever the extension host reports progress we can observe (a change of the extension
 * list or of any diagnostics), backed by a short poll and bounded by the same timeout: it waits for a state,
 * not for a fixed time. `isActive` is also true after an `activate()` that threw, so it then asks
 * `extension.activate()`, which settles at once for an active extension and rejects if activation failed.
 */
export async function waitForActivation(extension: vscode.Extension<unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    if (extension.isActive) {
      resolve();
      return;
    }
    const started = Date.now();
    const onProgress = (): void => {
      if (extension.isActive) {
        finish();
        resolve();
      } else if (Date.now() - started > EVENT_TIMEOUT_MS) {
        finish();
        reject(new Error(`${extension.id} did not activate within ${EVENT_TIMEOUT_MS} ms`));
      }
    };
    const subscriptions = [
      vscode.extensions.onDidChange(onProgress),
      vscode.languages.onDidChangeDiagnostics(onProgress),
    ];
    const poll = setInterval(onProgress, 50);
    function finish(): void {
      clearInterval(poll);
      for (const subscription of subscriptions) subscription.dispose();
    }
  });
  try {
    await extension.activate();
  } catch (error) {
    throw new Error(`${extension.id} activated with an error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The range of `text`'s first occurrence inside `<key>…</key>` in the document. */
export function keyRange(document: vscode.TextDocument, key: string, occurrence = 0): vscode.Range {
  const text = document.getText();
  let offset = -1;
  for (let index = 0; index <= occurrence; index++) {
    offset = text.indexOf(`<key>${key}</key>`, offset + 1);
    assert.ok(offset >= 0, `the document has no <key>${key}</key> (occurrence ${occurrence})`);
  }
  const start = offset + '<key>'.length;
  return new vscode.Range(document.positionAt(start), document.positionAt(start + key.length));
}

/** Replaces the whole document text through the workspace edit API, as an undoable user edit would. */
export async function replaceDocumentText(document: vscode.TextDocument, newText: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), newText);
  assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit refused to restore the document');
}

/** Formats a range the way an editor shows it, for assertion messages. */
export function showRange(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** Plain text of hover contents, whatever form each part takes. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
