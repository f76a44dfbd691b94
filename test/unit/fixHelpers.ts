/**
 * Builders shared by the tests of fixes (test/unit/service/fixEdits.test.ts and rules/<rule>.fix.test.ts): the
 * value tree of a fixed document, the fixes for the one diagnostic of a text, and one code's fixes at a marker.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../shared/src/diagnosticCodes';
import type { CodeFixes } from '../../server/src/service/fixEdits';
import { parsePlist } from '../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../server/src/service/plist/value';
import { applyAction, diagnose, quickFixes, service, textDocument, type DiagnoseOptions } from './helpers';

export type Dict = { [key: string]: PlistValue };

/** The root dict's value; the test input must be well-formed. */
export function rootValue(text: string): Dict {
  const document = parsePlist(text);
  assert.deepEqual(document.problems, [], 'the result is well-formed');
  return toValue(document) as Dict;
}

/** The fixes for the one diagnostic in `text`. */
export function fixesFor(text: string, options: DiagnoseOptions): { diagnostic: Diagnostic; actions: CodeAction[] } {
  const diagnostics = diagnose(text, options);
  assert.equal(diagnostics.length, 1, 'exactly one diagnostic');
  const diagnostic = diagnostics[0] as Diagnostic;
  return { diagnostic, actions: quickFixes(text, diagnostics) };
}

export function action(actions: readonly CodeAction[], title: string): CodeAction {
  const found = actions.find((candidate) => candidate.title === title);
  assert.ok(found !== undefined, `no '${title}' among ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  return found;
}

/** The value tree with `from` renamed to `to`, keeping its value. */
export function renamed(value: Dict, from: string, to: string): Dict {
  const copy: Dict = Object.create(null) as Dict;
  for (const [key, item] of Object.entries(value)) copy[key === from ? to : key] = item;
  return copy;
}

export function without(value: Dict, key: string): Dict {
  const copy: Dict = Object.create(null) as Dict;
  for (const [name, item] of Object.entries(value)) if (name !== key) copy[name] = item;
  return copy;
}

/**
 * What `fixes` offer for a diagnostic starting at the first occurrence of `marker` in `text` with `data`, each
 * applied on its own; the diagnostic's code does not matter to a code's own fixes.
 */
export function fixesAt(text: string, marker: string, data: DiagnosticData, ...fixes: CodeFixes[]): Array<{ title: string; result: string; isPreferred: boolean }> {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, marker);
  const document = textDocument(text);
  const position = document.positionAt(offset);
  const diagnostic: Diagnostic = { range: { start: position, end: position }, message: '' };
  const request = { document, parsed: service.parse(text), diagnostic, data, entry: undefined };
  return fixes.flatMap((codeFixes) => codeFixes(request)).map((fix) => ({ title: fix.title, result: applyAction(text, fix), isPreferred: fix.isPreferred === true }));
}
