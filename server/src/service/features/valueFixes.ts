/**
 * Quick fixes that edit a value rather than a key: convert it to the element type its key takes
 * (`invalid-value-type`), replace its text with a valid value (`invalid-value`), or keep only the first items of the
 * array that holds it (`invalid-value`, too many entries). Each edit replaces only the flagged value element or its
 * text, or removes the extra items of its array, and keeps the document's indentation style.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValueType } from '../../../../shared/src/catalog';
import type { DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { escapeText } from '../plist/entities';
import { nodeAt, type PlistDocument, type ValueNode } from '../plist/nodes';
import { convertedElement } from '../valueConversion';

/** One fix, before it becomes a code action. */
export interface ValueFix {
  readonly title: string;
  readonly edit: TextEdit;
  readonly isPreferred: boolean;
}

const VALUE_TYPES: ReadonlySet<string> = new Set<ValueType>(['string', 'boolean', 'integer', 'real', 'date', 'data', 'array', 'dictionary']);

/** The value-fix fields of `Diagnostic.data`, narrowed from what the client sends back. */
export function readValueData(record: Readonly<Record<string, unknown>>): Pick<DiagnosticData, 'valueReplacements' | 'convertTo' | 'keepFirstItems'> {
  const valueReplacements = Array.isArray(record.valueReplacements) ? record.valueReplacements.filter((item): item is string => typeof item === 'string') : undefined;
  const convertTo = typeof record.convertTo === 'string' && VALUE_TYPES.has(record.convertTo) ? (record.convertTo as ValueType) : undefined;
  const keepFirstItems = typeof record.keepFirstItems === 'number' && Number.isSafeInteger(record.keepFirstItems) && record.keepFirstItems >= 1 ? record.keepFirstItems : undefined;
  return {
    ...(valueReplacements === undefined ? {} : { valueReplacements }),
    ...(convertTo === undefined ? {} : { convertTo }),
    ...(keepFirstItems === undefined ? {} : { keepFirstItems }),
  };
}

/** The fixes for the value whose element or text starts at `offset`. */
export function getValueFixes(document: TextDocument, parsed: PlistDocument, offset: number, data: DiagnosticData): ValueFix[] {
  if (data.convertTo === undefined && data.valueReplacements === undefined && data.keepFirstItems === undefined) return [];
  const node = valueStartingAt(parsed, offset);
  if (node === undefined) return [];
  const fixes: ValueFix[] = [];
  const replace = (start: number, end: number, newText: string): TextEdit => ({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText });
  const keep = data.keepFirstItems;
  const array = node.parent;
  if (keep !== undefined && keep >= 1 && array?.kind === 'array' && array.items.length > keep && node.offset > (array.items[keep - 1] as ValueNode).offset) {
    // From the end of the last kept item to the end of the last item: the extra items go with the line breaks and
    // indentation before each, so the kept ones stay as they were, in a one-line array as in Xcode's layout. Which
    // entry the author meant is unknowable, so the fix is not preferred (a fix-all must not pick one).
    const start = (array.items[keep - 1] as ValueNode).end;
    const end = (array.items.at(-1) as ValueNode).end;
    fixes.push({ title: keep === 1 ? 'Keep only the first entry' : `Keep only the first ${keep} entries`, edit: replace(start, end, ''), isPreferred: false });
  }
  if (data.convertTo !== undefined && node.kind !== 'dict' && node.kind !== 'array') {
    const converted = data.convertTo === 'array' ? wrappedInArray(parsed.text, node) : convertedElement(node, data.convertTo);
    if (converted !== undefined) {
      const title = data.convertTo === 'array' ? 'Wrap in <array>' : `Change to ${converted}`;
      fixes.push({ title, edit: replace(node.offset, node.end, converted), isPreferred: true });
    }
  }
  if (node.kind !== 'dict' && node.kind !== 'array') {
    const hasText = node.textEnd > node.textOffset;
    (data.valueReplacements ?? []).forEach((replacement, index) => {
      const edit = hasText ? replace(node.textOffset, node.textEnd, escapeText(replacement)) : replace(node.offset, node.end, `<${node.kind}>${escapeText(replacement)}</${node.kind}>`);
      fixes.push({ title: `Change to '${replacement}'`, edit, isPreferred: index === 0 });
    });
  }
  return fixes;
}

/** The value node whose element or text starts at `offset` (a diagnostic covers one or the other). */
function valueStartingAt(parsed: PlistDocument, offset: number): ValueNode | undefined {
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
