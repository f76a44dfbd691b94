/**
 * The Outline: the plist as a tree, one symbol per key (or array item) with its type and a short value, the way
 * Xcode's plist editor lists it. Built without recursion, like every other walk over the tree.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContainerNode, PlistDocument, ValueNode } from '../plist/nodes';

/** Longer values are cut in the symbol's detail, which is one short line in the Outline. */
const MAX_DETAIL_LENGTH = 60;

/**
 * Symbols past this many are left out, the outer levels kept first: the Outline cannot show more usefully, and a
 * file of two million items would otherwise answer with a message of hundreds of megabytes. VS Code's JSON
 * server limits its symbols to the same number.
 */
export const MAX_DOCUMENT_SYMBOLS = 5000;

/** The symbols of a document: the root's entries (or items) at the top, each with its children. */
export function getDocumentSymbols(document: TextDocument, parsed: PlistDocument): DocumentSymbol[] {
  const root = parsed.root;
  if (root === undefined) return [];
  const topLevel: DocumentSymbol[] = [];
  if (root.kind !== 'dict' && root.kind !== 'array') {
    topLevel.push(symbol(document, 'Root', root, root.offset, root.end, root.offset, root.end));
    return topLevel;
  }
  // Breadth first, so that when the bound cuts the list the levels nearest the root are the ones kept.
  const work: Array<{ readonly container: ContainerNode; readonly into: DocumentSymbol[] }> = [{ container: root, into: topLevel }];
  let symbolCount = 0;
  for (let next = 0; next < work.length && symbolCount < MAX_DOCUMENT_SYMBOLS; next++) {
    const { container, into } = work[next] as (typeof work)[number];
    const children: Array<{ readonly symbol: DocumentSymbol; readonly value: ValueNode | undefined }> = [];
    if (container.kind === 'dict') {
      for (const { key, value } of container.entries) {
        if (symbolCount++ >= MAX_DOCUMENT_SYMBOLS) break;
        const hasText = key.textEnd > key.textOffset;
        // An LSP client rejects a symbol with an empty name, and `<key></key>` is legal.
        const name = key.text === '' ? '(empty key)' : key.text;
        const selectionStart = hasText ? key.textOffset : key.offset;
        const selectionEnd = hasText ? key.textEnd : key.end;
        children.push({ symbol: symbol(document, name, value, key.offset, value?.end ?? key.end, selectionStart, selectionEnd), value });
      }
    } else {
      const items = container.items;
      for (let index = 0; index < items.length; index++) {
        if (symbolCount++ >= MAX_DOCUMENT_SYMBOLS) break;
        const value = items[index] as ValueNode;
        children.push({ symbol: symbol(document, `Item ${index}`, value, value.offset, value.end, value.offset, value.end), value });
      }
    }
    for (const child of children) {
      into.push(child.symbol);
      if (child.value !== undefined && (child.value.kind === 'dict' || child.value.kind === 'array') && child.symbol.children !== undefined) {
        work.push({ container: child.value, into: child.symbol.children });
      }
    }
  }
  return topLevel;
}

function symbol(document: TextDocument, name: string, value: ValueNode | undefined, offset: number, end: number, selectionOffset: number, selectionEnd: number): DocumentSymbol {
  const result: DocumentSymbol = {
    name,
    detail: detailOf(value),
    kind: kindOf(value),
    range: { start: document.positionAt(offset), end: document.positionAt(end) },
    selectionRange: { start: document.positionAt(selectionOffset), end: document.positionAt(selectionEnd) },
  };
  if (value !== undefined && (value.kind === 'dict' || value.kind === 'array')) result.children = [];
  return result;
}

function kindOf(value: ValueNode | undefined): SymbolKind {
  switch (value?.kind) {
    case 'dict':
      return SymbolKind.Object;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'integer':
    case 'real':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'date':
    case 'data':
      return SymbolKind.Constant;
    case undefined:
      return SymbolKind.Key;
  }
}

/** What Xcode shows in its Value column: the value itself, or the container's size. */
function detailOf(value: ValueNode | undefined): string {
  if (value === undefined) return 'no value';
  switch (value.kind) {
    case 'dict':
      return `Dictionary (${countOf(value.entries.length)})`;
    case 'array':
      return `Array (${countOf(value.items.length)})`;
    case 'string':
      return value.text === '' ? 'String (empty)' : shorten(value.text);
    case 'data':
      return `Data (${byteCountOf(value.text)} bytes)`;
    default:
      return shorten(value.text.trim());
  }
}

function countOf(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_LENGTH ? `${oneLine.slice(0, MAX_DETAIL_LENGTH - 1)}…` : oneLine;
}

function byteCountOf(base64: string): number {
  const compact = base64.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((compact.length * 3) / 4) - padding);
}
