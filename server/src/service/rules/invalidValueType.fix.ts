/**
 * invalid-value-type's fix: convert the value to the element type its key takes, where the conversion keeps its
 * meaning (`<string>YES</string>` to `<true/>`), or wrap it in the `<array>` its key takes, in the document's
 * indentation style.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import type { ValueNode } from '../plist/nodes';
import { convertedElement } from '../valueConversion';
import { fix, replaceText, valueStartingAt, type FixRequest } from '../fixEdits';

export function invalidValueTypeFixes(request: FixRequest): CodeAction[] {
  const convertTo = request.data.convertTo;
  if (convertTo === undefined) return [];
  const node = valueStartingAt(request.parsed, request.document.offsetAt(request.diagnostic.range.start));
  if (node === undefined || node.kind === 'dict' || node.kind === 'array') return [];
  const converted = convertTo === 'array' ? wrappedInArray(request.parsed.text, node) : convertedElement(node, convertTo);
  if (converted === undefined) return [];
  const title = convertTo === 'array' ? 'Wrap in <array>' : `Change to ${converted}`;
  return [fix(request, title, [replaceText(request.document, node.offset, node.end, converted)], true)];
}

/**
 * `<array>` around the element, on lines of their own indented like the rest of the document; in a one-line
 * document, on one line.
 */
function wrappedInArray(text: string, node: ValueNode): string {
  const element = text.slice(node.offset, node.end);
  const container = node.parent;
  if (container !== undefined && !text.slice(container.offset, container.end).includes('\n')) return `<array>${element}</array>`;
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const unit = indentUnit(indent, depthOf(node));
  return `<array>\n${indent}${unit}${element}\n${indent}</array>`;
}

/** One level of indentation: a tab where the document uses tabs, else the line's spaces divided by its depth. */
function indentUnit(indent: string, depth: number): string {
  if (indent.includes('\t') || indent === '') return indent === '' ? '' : '\t';
  return ' '.repeat(Math.max(1, Math.round(indent.length / Math.max(1, depth))));
}

/** How many containers hold `node`: 1 for a value in the root dict. */
function depthOf(node: ValueNode): number {
  let depth = 0;
  for (let parent = node.parent; parent !== undefined; parent = parent.parent) depth++;
  return depth;
}
