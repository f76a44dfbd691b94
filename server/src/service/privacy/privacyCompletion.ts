/**
 * Completion in a privacy manifest: the keys the dict at the cursor may hold (top level, or a dictionary of one of
 * the two arrays) with a value template, and values for the key at hand: data types, purposes, API categories, and
 * for NSPrivacyAccessedAPITypeReasons the reason codes of the category beside it.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogEntry } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { entryOf, nodeAt, type ArrayNode, type DictNode, type PlistDocument, type ScalarNode } from '../plist/nodes';
import { definitionOfKey, valuesFor } from './privacyHover';
import { privacyIndexOf, type PrivacyIndex } from './privacyCatalog';

const NONE: CompletionList = { isIncomplete: false, items: [] };

/** Completions at `offset` in a privacy manifest. */
export function getPrivacyCompletions(document: TextDocument, parsed: PlistDocument, offset: number, catalog: CatalogIndex): CompletionList {
  const index = privacyIndexOf(catalog.catalog);
  const node = nodeAt(parsed, offset);
  if (index === undefined || node === undefined) return NONE;
  const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  if (node.kind === 'key') {
    if (offset < node.textOffset || offset > node.textEnd) return NONE;
    const items = keysOf(node.parent, index).map((entry) => ({ label: entry.key, kind: CompletionItemKind.Property, detail: entry.summary, textEdit: { range: range(node.textOffset, node.textEnd), newText: entry.key } }));
    return { isIncomplete: false, items };
  }
  if (node.kind === 'string') {
    if (offset < node.textOffset || offset > node.textEnd) return NONE;
    const values = valuesAt(node, index);
    return { isIncomplete: false, items: values.map(({ value, detail }) => ({ label: value, kind: CompletionItemKind.EnumMember, detail, textEdit: { range: range(node.textOffset, node.textEnd), newText: value } })) };
  }
  if (node.kind === 'dict') {
    const present = new Set(node.entries.map((entry) => entry.key.text));
    const indent = indentAt(parsed.text, offset);
    const items: CompletionItem[] = keysOf(node, index).filter((entry) => !present.has(entry.key)).map((entry) => ({
      label: entry.key,
      kind: CompletionItemKind.Property,
      detail: entry.summary,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: range(offset, offset), newText: `<key>${entry.key}</key>\n${indent}${templateOf(entry, indent)}` },
    }));
    return { isIncomplete: false, items };
  }
  if (node.kind === 'array') {
    const values = valuesOfArray(node, index);
    return { isIncomplete: false, items: values.map(({ value, detail }) => ({ label: value, kind: CompletionItemKind.EnumMember, detail, textEdit: { range: range(offset, offset), newText: `<string>${value}</string>` } })) };
  }
  return NONE;
}

/** The keys a dict may hold: the top-level keys at the root, a child list inside one of the arrays. */
function keysOf(dict: DictNode, index: PrivacyIndex): readonly CatalogEntry[] {
  if (dict.parent === undefined) return index.manifest.keys;
  const array = dict.parent;
  const owner = array.kind === 'array' ? entryOf(array) : undefined;
  if (owner === undefined || owner.key.parent.parent !== undefined) return [];
  return index.manifest.keys.find((entry) => entry.key === owner.key.text)?.children ?? [];
}

/** The values for a string: the value of a key, or an item of an array under a key. */
function valuesAt(node: ScalarNode, index: PrivacyIndex): Array<{ value: string; detail: string }> {
  const parent = node.parent;
  if (parent?.kind === 'array') return valuesOfArray(parent, index);
  const entry = entryOf(node);
  if (entry === undefined) return [];
  const definition = definitionOfKey(entry.key, index);
  return definition === undefined ? [] : valuesFor(definition.key, index, undefined);
}

function valuesOfArray(array: ArrayNode, index: PrivacyIndex): Array<{ value: string; detail: string }> {
  const entry = entryOf(array);
  if (entry === undefined) return [];
  const definition = definitionOfKey(entry.key, index);
  if (definition === undefined) return [];
  const category = entry.key.parent.entries.find((sibling) => sibling.key.text === 'NSPrivacyAccessedAPIType')?.value;
  return valuesFor(definition.key, index, category?.kind === 'string' ? category.text.trim() : undefined);
}

function templateOf(entry: CatalogEntry, indent: string): string {
  const unit = indent.includes('\t') || indent === '' ? '\t' : '  ';
  switch (entry.type) {
    case 'boolean':
      return '<${1|false,true|}/>';
    case 'string':
      return '<string>$1</string>';
    case 'array':
      return entry.itemType === 'dictionary' ? `<array>\n${indent}${unit}<dict>\n${indent}${unit}${unit}$1\n${indent}${unit}</dict>\n${indent}</array>` : `<array>\n${indent}${unit}<string>$1</string>\n${indent}</array>`;
    default:
      return `<${entry.type}>$1</${entry.type}>`;
  }
}

/** The whitespace before `offset` on its line, when only whitespace is there. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : '';
}
