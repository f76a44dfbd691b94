/**
 * What every rule's fix file builds from: the request a fix answers (the diagnostic, its narrowed `data`, the entry
 * it sits on), code actions, and the edits fixes share (rename a key, remove an entry, replace a value's text).
 * Each edit touches only what its title names, so fixes stay small and a fix-all cannot rewrite unrelated text.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompanionEdit, DiagnosticData } from '../../../shared/src/diagnosticCodes';
import { escapeText } from './plist/entities';
import { nodeAt, type DictEntry, type PlistDocument, type ValueNode } from './plist/nodes';
import { valueOf } from './plist/value';

/** One diagnostic of ours, with what its fixes are built from. */
export interface FixRequest {
  readonly document: TextDocument;
  readonly parsed: PlistDocument;
  readonly diagnostic: Diagnostic;
  readonly data: DiagnosticData;
  /** The entry whose key the diagnostic starts on, if it still does. */
  readonly entry: DictEntry | undefined;
}

/** A code's fixes for one of its diagnostics, best first. */
export type CodeFixes = (request: FixRequest) => CodeAction[];

/** A quick fix whose edits are all in the diagnosed file. */
export function fix(request: FixRequest, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
  return fixWithChanges(request.diagnostic, title, { [request.document.uri]: edits }, isPreferred);
}

/** A quick fix whose edits may span files (this one and its companion). */
export function fixWithChanges(diagnostic: Diagnostic, title: string, changes: Record<string, TextEdit[]>, isPreferred: boolean): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes } };
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** The companion edit as an LSP edit: an insertion, or a replacement of a self-closed root. */
export function companionInsertion(companionEdit: CompanionEdit): TextEdit {
  return { range: { start: companionEdit.position, end: companionEdit.end ?? companionEdit.position }, newText: companionEdit.newText };
}

/** Removes the entry here and adds `data.companionEdit` to the other file, under `title(companionEdit)`; preferred. */
export function moveToCompanionFixes(request: FixRequest, title: (entry: DictEntry, companionEdit: CompanionEdit) => string): CodeAction[] {
  const { document, parsed, diagnostic, entry } = request;
  const companionEdit = request.data.companionEdit;
  if (companionEdit === undefined || entry === undefined) return [];
  // An empty uri moves the entry within this file (a sub-key into its dict): both edits go to this document.
  const changes = companionEdit.uri === ''
    ? { [document.uri]: [removeEntry(document, parsed, entry), companionInsertion(companionEdit)] }
    : { [document.uri]: [removeEntry(document, parsed, entry)], [companionEdit.uri]: [companionInsertion(companionEdit)] };
  return [fixWithChanges(diagnostic, title(entry, companionEdit), changes, true)];
}

/**
 * "Change to 'X'" for each of `data.replacements`, then "Remove" when `data.canRemove` says the key can go. A
 * rename onto a sibling with the same value becomes a removal instead, offered once.
 */
export function renameAndRemovalFixes(request: FixRequest): CodeAction[] {
  const { parsed, entry, data } = request;
  if (entry === undefined) return [];
  const actions: CodeAction[] = [];
  let isRemovalOffered = false;
  (data.replacements ?? []).forEach((replacement, index) => {
    const sibling = siblingKeyed(entry, replacement);
    if (sibling === undefined) {
      actions.push(fix(request, `Change to '${replacement}'`, [renameKey(request.document, entry, replacement)], index === 0));
    } else if (!isRemovalOffered && hasSameValue(parsed, entry, sibling)) {
      // A rename would make a duplicate key, and readers that keep the last value would lose one of the two.
      isRemovalOffered = true;
      const title = `Remove '${entry.key.text}' ('${replacement}' has the same value)`;
      actions.push(fix(request, title, [removeEntry(request.document, parsed, entry)], index === 0));
    }
    // A sibling with a different value is text the user wrote for the new key: neither entry is touched.
  });
  if (!isRemovalOffered) actions.push(...removalFixes(request));
  return actions;
}

/** "Remove 'KEY'" when `data.canRemove` says so; preferred when nothing else (a rename, a move) is on offer. */
export function removalFixes(request: FixRequest): CodeAction[] {
  const { entry, data } = request;
  if (entry === undefined || data.canRemove !== true) return [];
  const isPreferred = (data.replacements ?? []).length === 0 && data.companionEdit === undefined;
  return [fix(request, `Remove '${entry.key.text}'`, [removeEntry(request.document, request.parsed, entry)], isPreferred)];
}

/** "Change to 'X'" for each of `data.valueReplacements`, on the value the diagnostic starts at; the first preferred. */
export function valueReplacementFixes(request: FixRequest): CodeAction[] {
  const replacements = request.data.valueReplacements;
  if (replacements === undefined) return [];
  const node = valueStartingAt(request.parsed, request.document.offsetAt(request.diagnostic.range.start));
  if (node === undefined || node.kind === 'dict' || node.kind === 'array') return [];
  const hasText = node.textEnd > node.textOffset;
  return replacements.map((replacement, index) => {
    const edit = hasText ? replaceText(request.document, node.textOffset, node.textEnd, escapeText(replacement)) : replaceText(request.document, node.offset, node.end, `<${node.kind}>${escapeText(replacement)}</${node.kind}>`);
    return fix(request, `Change to '${replacement}'`, [edit], index === 0);
  });
}

/** An edit replacing `[start, end)` of the document with `newText`. */
export function replaceText(document: TextDocument, start: number, end: number, newText: string): TextEdit {
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText };
}

/** The value node whose element or text starts at `offset` (a diagnostic covers one or the other). */
export function valueStartingAt(parsed: PlistDocument, offset: number): ValueNode | undefined {
  // One past the start is inside the element, even where the previous sibling ends at `offset`.
  let node: ValueNode | undefined;
  const found = nodeAt(parsed, offset + 1);
  if (found !== undefined && found.kind !== 'key') node = found;
  for (; node !== undefined; node = node.parent) {
    if (node.offset === offset) return node;
    if (node.kind !== 'dict' && node.kind !== 'array' && node.textOffset === offset) return node;
  }
  return undefined;
}

/** The other entry of `entry`'s dict whose key is `key`, if there is one. */
function siblingKeyed(entry: DictEntry, key: string): DictEntry | undefined {
  return entry.key.parent.entries.find((other) => other.key.offset !== entry.key.offset && other.key.text === key);
}

/** Whether two entries' values are the same plist value, compared as plain data; missing values never match. */
function hasSameValue(parsed: PlistDocument, entry: DictEntry, other: DictEntry): boolean {
  if (entry.value === undefined || other.value === undefined || entry.value.kind !== other.value.kind) return false;
  const text = parsed.text;
  if (text.slice(entry.value.offset, entry.value.end) === text.slice(other.value.offset, other.value.end)) return true;
  return JSON.stringify(valueOf(entry.value)) === JSON.stringify(valueOf(other.value));
}

/** Replaces only the key's text, escaped. */
export function renameKey(document: TextDocument, entry: DictEntry, replacement: string): TextEdit {
  const key = entry.key;
  return replaceText(document, key.textOffset, key.textEnd, escapeText(replacement));
}

/** Deletes the key and its value; when they fill their lines, the whole lines go so no blank line is left. */
export function removeEntry(document: TextDocument, parsed: PlistDocument, entry: DictEntry): TextEdit {
  const text = parsed.text;
  let start = entry.key.offset;
  let end = entry.value?.end ?? entry.key.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndIndex = text.indexOf('\n', end);
  const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t\r]*\n?$/.test(text.slice(end, lineEnd))) {
    start = lineStart;
    end = lineEnd;
  }
  return replaceText(document, start, end, '');
}
