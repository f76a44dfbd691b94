/**
 * unused-suppression's fix: remove the comment (with its line when nothing else stands there), or only the codes it
 * suppressed nothing for.
 */
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { fix, type FixRequest } from '../fixEdits';

export function unusedSuppressionFixes(request: FixRequest): CodeAction[] {
  const replacement = request.data.suppressionReplacement;
  if (replacement === undefined) return [];
  return [fix(request, replacement === '' ? 'Remove unused suppression' : 'Remove unused codes from suppression', [replaceComment(request, replacement)], true)];
}

/** Replaces the comment the diagnostic covers; removing it takes its line too when nothing else stands there. */
function replaceComment(request: FixRequest, newText: string): TextEdit {
  const { document, diagnostic } = request;
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
