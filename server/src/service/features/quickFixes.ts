/**
 * Quick fixes, chosen by diagnostic code and built from the diagnostic's `data` and the document alone, so the
 * server keeps no cache of fixes. Each edit touches only what its title names: a rename replaces the key's text,
 * a removal deletes the key, its value and the line they stood on.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, isDiagnosticCode, type CompanionEdit, type DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { escapeText } from '../plist/entities';
import { entryOf, nodeAt, type DictEntry, type PlistDocument } from '../plist/nodes';
import { valueOf } from '../plist/value';
import { getValueFixes, readValueData } from './valueFixes';

/** Codes whose `data.replacements` are offered as renames. */
const RENAME_CODES: ReadonlySet<string> = new Set(['hallucinated-key', 'unknown-key', 'deprecated-key', 'platform-mismatch']);

/** The quick fixes for `diagnostics` (ours only) in `document`. */
export function getQuickFixes(document: TextDocument, parsed: PlistDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticCode(diagnostic.code)) continue;
    const data = readData(diagnostic.data);
    if (diagnostic.code === 'unused-suppression') {
      if (data.suppressionReplacement !== undefined) actions.push(fix(document, diagnostic, data.suppressionReplacement === '' ? 'Remove unused suppression' : 'Remove unused codes from suppression', [replaceComment(document, diagnostic, data.suppressionReplacement)], true));
      continue;
    }
    const entry = entryAt(parsed, document.offsetAt(diagnostic.range.start));
    const companionEdit = data.companionEdit;
    if (companionEdit !== undefined) {
      const insertion: TextEdit = { range: { start: companionEdit.position, end: companionEdit.end ?? companionEdit.position }, newText: companionEdit.newText };
      if (diagnostic.code === 'misplaced-key' && entry !== undefined) {
        // An empty uri moves the entry within this file (a sub-key into its dict).
        const changes = companionEdit.uri === '' ? { [document.uri]: [removeEntry(document, parsed, entry), insertion] } : { [document.uri]: [removeEntry(document, parsed, entry)], [companionEdit.uri]: [insertion] };
        actions.push(fixWithChanges(diagnostic, `Move '${entry.key.text}' to ${companionEdit.fileName}`, changes, true));
      } else if (diagnostic.code === 'unknown-key' && entry !== undefined) {
        // A key naming a feature gated in the other file: the gate goes there and the invented key goes.
        const changes = { [document.uri]: [removeEntry(document, parsed, entry)], [companionEdit.uri]: [insertion] };
        actions.push(fixWithChanges(diagnostic, `Replace with '${companionEdit.key}' in ${companionEdit.fileName}`, changes, true));
      } else if (diagnostic.code === 'missing-companion') {
        const uri = companionEdit.uri === '' ? document.uri : companionEdit.uri;
        actions.push(fixWithChanges(diagnostic, `Add '${companionEdit.key}' to ${companionEdit.fileName}`, { [uri]: [insertion] }, true));
      }
    }
    for (const valueFix of getValueFixes(document, parsed, document.offsetAt(diagnostic.range.start), data)) {
      actions.push(fix(document, diagnostic, valueFix.title, [valueFix.edit], valueFix.isPreferred));
    }
    const suppression = suppressionFix(document, parsed, diagnostic);
    if (entry === undefined) {
      if (suppression !== undefined) actions.push(suppression);
      continue;
    }
    let isRemovalOffered = false;
    if (RENAME_CODES.has(diagnostic.code)) {
      (data.replacements ?? []).forEach((replacement, index) => {
        const sibling = siblingKeyed(entry, replacement);
        if (sibling === undefined) {
          actions.push(fix(document, diagnostic, `Change to '${replacement}'`, [renameKey(document, entry, replacement)], index === 0));
        } else if (!isRemovalOffered && hasSameValue(parsed, entry, sibling)) {
          // A rename would make a duplicate key, and readers that keep the last value would lose one of the two.
          isRemovalOffered = true;
          const title = `Remove '${entry.key.text}' ('${replacement}' has the same value)`;
          actions.push(fix(document, diagnostic, title, [removeEntry(document, parsed, entry)], index === 0));
        }
        // A sibling with a different value is text the user wrote for the new key: neither entry is touched.
      });
    }
    if (data.canRemove === true && !isRemovalOffered) {
      const isPreferred = (data.replacements ?? []).length === 0 && data.companionEdit === undefined;
      actions.push(fix(document, diagnostic, `Remove '${entry.key.text}'`, [removeEntry(document, parsed, entry)], isPreferred));
    }
    if (suppression !== undefined) actions.push(suppression);
  }
  return actions;
}

/**
 * "Suppress 'CODE' for this entry": a disable-next-line comment above the innermost entry holding the diagnostic,
 * indented as its key. None outside an entry (a syntax problem, the root), where a comment could land in text.
 */
function suppressionFix(document: TextDocument, parsed: PlistDocument, diagnostic: Diagnostic): CodeAction | undefined {
  if (typeof diagnostic.code !== 'string' || diagnostic.code === 'plist-syntax') return undefined;
  let node = nodeAt(parsed, document.offsetAt(diagnostic.range.start));
  let key = node?.kind === 'key' ? node : undefined;
  while (key === undefined && node !== undefined && node.kind !== 'key') {
    key = entryOf(node)?.key;
    node = node.parent;
  }
  if (key === undefined) return undefined;
  const text = parsed.text;
  const lineStart = text.lastIndexOf('\n', key.offset - 1) + 1;
  const before = text.slice(lineStart, key.offset);
  const comment = `<!-- plist-sentinel-disable-next-line ${diagnostic.code} -->`;
  const edit: TextEdit =
    before.trim() === ''
      ? { range: { start: document.positionAt(lineStart), end: document.positionAt(lineStart) }, newText: `${before}${comment}\n` }
      : { range: { start: document.positionAt(key.offset), end: document.positionAt(key.offset) }, newText: `${comment}\n${/^\s*/.exec(before)?.[0] ?? ''}` };
  return fix(document, diagnostic, `Suppress '${diagnostic.code}' for this entry`, [edit], false);
}

function fix(document: TextDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
  return fixWithChanges(diagnostic, title, { [document.uri]: edits }, isPreferred);
}

/** A quick fix whose edits may span files (this one and its companion). */
function fixWithChanges(diagnostic: Diagnostic, title: string, changes: Record<string, TextEdit[]>, isPreferred: boolean): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes } };
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** Narrows `Diagnostic.data`, which comes back from the client as `unknown`. */
function readData(raw: unknown): DiagnosticData {
  if (typeof raw !== 'object' || raw === null) return {};
  const record = raw as Record<string, unknown>;
  const replacements = Array.isArray(record.replacements) ? record.replacements.filter((item): item is string => typeof item === 'string') : undefined;
  const companionEdit = readCompanionEdit(record.companionEdit);
  const suppressionReplacement = typeof record.suppressionReplacement === 'string' ? record.suppressionReplacement : undefined;
  return {
    ...(replacements === undefined ? {} : { replacements }),
    canRemove: record.canRemove === true,
    ...(companionEdit === undefined ? {} : { companionEdit }),
    ...(suppressionReplacement === undefined ? {} : { suppressionReplacement }),
    ...readValueData(record),
  };
}

/** Replaces the comment the diagnostic covers; removing it takes its line too when nothing else stands there. */
function replaceComment(document: TextDocument, diagnostic: Diagnostic, newText: string): TextEdit {
  const text = document.getText();
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  if (newText !== '') return { range: diagnostic.range, newText };
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineBreak = text.indexOf('\n', end);
  const lineEnd = lineBreak < 0 ? text.length : lineBreak + 1;
  const isAlone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineBreak < 0 ? text.length : lineBreak).trim() === '';
  return isAlone ? { range: { start: document.positionAt(lineStart), end: document.positionAt(lineEnd) }, newText: '' } : { range: diagnostic.range, newText: '' };
}

function readCompanionEdit(raw: unknown): CompanionEdit | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const position = record.position as Record<string, unknown> | undefined;
  if (typeof record.uri !== 'string' || typeof record.fileName !== 'string' || typeof record.key !== 'string' || typeof record.newText !== 'string') return undefined;
  if (typeof position?.line !== 'number' || typeof position.character !== 'number') return undefined;
  const end = record.end as Record<string, unknown> | undefined;
  const hasEnd = typeof end?.line === 'number' && typeof end.character === 'number';
  return {
    uri: record.uri,
    fileName: record.fileName,
    key: record.key,
    newText: record.newText,
    position: { line: position.line, character: position.character },
    ...(hasEnd ? { end: { line: end.line as number, character: end.character as number } } : {}),
  };
}

function entryAt(parsed: PlistDocument, offset: number): DictEntry | undefined {
  const node = nodeAt(parsed, offset);
  return node?.kind === 'key' ? entryOf(node) : undefined;
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

function renameKey(document: TextDocument, entry: DictEntry, replacement: string): TextEdit {
  const key = entry.key;
  return { range: { start: document.positionAt(key.textOffset), end: document.positionAt(key.textEnd) }, newText: escapeText(replacement) };
}

/** Deletes the key and its value; when they fill their lines, the whole lines go so no blank line is left. */
function removeEntry(document: TextDocument, parsed: PlistDocument, entry: DictEntry): TextEdit {
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
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '' };
}
