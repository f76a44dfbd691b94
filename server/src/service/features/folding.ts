/**
 * Folding ranges for every dict, array and multi-line value or comment, plus `<!-- #region -->` pairs. The closing
 * tag stays visible when it sits on its own line, as in the HTML service.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PlistDocument, ValueNode } from '../plist/nodes';
import { createScanner } from '../plist/scanner';

/**
 * Ranges past this many, in order of their start lines, are left out: VS Code folds no more than 5,000 regions
 * by default (`editor.foldingMaximumRegions`), so more would only make the message larger.
 */
export const MAX_FOLDING_RANGES = 5000;

/** The folding ranges of a document, ordered by start line; the first `MAX_FOLDING_RANGES` of them. */
export function getFoldingRanges(document: TextDocument, parsed: PlistDocument): FoldingRange[] {
  const text = parsed.text;
  const ranges: FoldingRange[] = [];
  const work: ValueNode[] = parsed.root === undefined ? [] : [parsed.root];
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    const range = elementRange(document, text, node);
    if (range !== undefined) ranges.push(range);
    if (node.kind === 'dict') {
      for (const entry of node.entries) if (entry.value !== undefined) work.push(entry.value);
    } else if (node.kind === 'array') {
      for (const item of node.items) work.push(item);
    }
  }
  // Loops rather than push(...): a hostile file can hold more items or comments than a call takes arguments.
  for (const range of commentRanges(document, text)) ranges.push(range);
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  if (ranges.length > MAX_FOLDING_RANGES) ranges.length = MAX_FOLDING_RANGES;
  return ranges;
}

function elementRange(document: TextDocument, text: string, node: ValueNode): FoldingRange | undefined {
  if (node.kind === 'boolean') return undefined;
  const startLine = document.positionAt(node.offset).line;
  const endTagOffset = node.isClosed ? text.lastIndexOf('<', node.end - 1) : node.end;
  const endTagPosition = document.positionAt(endTagOffset);
  const isEndTagAlone = text.slice(endTagOffset - endTagPosition.character, endTagOffset).trim() === '';
  const endLine = node.isClosed && isEndTagAlone ? endTagPosition.line - 1 : endTagPosition.line;
  return endLine > startLine ? { startLine, endLine } : undefined;
}

function commentRanges(document: TextDocument, text: string): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const openRegions: number[] = [];
  const scanner = createScanner(text);
  for (let token = scanner.scan(); token.type !== 'eof'; token = scanner.scan()) {
    if (token.type !== 'comment') continue;
    const startLine = document.positionAt(token.offset).line;
    const content = text.slice(token.offset + 4, token.end - 3).trim();
    if (/^#region\b/.test(content)) {
      openRegions.push(startLine);
      continue;
    }
    if (/^#endregion\b/.test(content)) {
      const regionStart = openRegions.pop();
      if (regionStart !== undefined && startLine > regionStart) ranges.push({ startLine: regionStart, endLine: startLine, kind: FoldingRangeKind.Region });
      continue;
    }
    const endLine = document.positionAt(token.end).line;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
  }
  return ranges;
}
