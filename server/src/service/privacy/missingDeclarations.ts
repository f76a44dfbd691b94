/**
 * ITMS-91053 before the upload: a required-reason API category the target's code uses (found by the server or the
 * CLI in the workspace's sources) that the manifest does not declare. The finding sits on NSPrivacyAccessedAPITypes
 * (or the root dict when the key is missing), names the first file:line using the API, and carries the entry to add,
 * with the category's first reason as a placeholder to choose from.
 */
import type { PlistDocument, DictNode } from '../plist/nodes';
import type { Problem } from '../types';
import type { PrivacyIndex } from './privacyCatalog';
import type { RequiredReasonUse } from './requiredReasonUses';

const API_TYPES_KEY = 'NSPrivacyAccessedAPITypes';

export function missingDeclarations(document: PlistDocument, root: DictNode, index: PrivacyIndex, uses: readonly RequiredReasonUse[]): Problem[] {
  if (uses.length === 0) return [];
  const apiTypes = root.entries.find((entry) => entry.key.text === API_TYPES_KEY);
  const declared = new Set<string>();
  if (apiTypes?.value?.kind === 'array') {
    for (const item of apiTypes.value.items) {
      if (item.kind !== 'dict') continue;
      const type = item.entries.find((entry) => entry.key.text === 'NSPrivacyAccessedAPIType')?.value;
      if (type?.kind === 'string') declared.add(type.text.trim());
    }
  } else if (apiTypes?.value !== undefined) {
    // A value of the wrong type is already reported; adding entries to it would not make sense.
    return [];
  }
  const firstUse = new Map<string, RequiredReasonUse>();
  for (const use of uses) if (!declared.has(use.category) && !firstUse.has(use.category) && index.categories.has(use.category)) firstUse.set(use.category, use);
  const anchor = apiTypes === undefined ? { offset: root.offset, length: '<dict>'.length } : { offset: apiTypes.key.textOffset, length: apiTypes.key.textEnd - apiTypes.key.textOffset };
  const problems: Problem[] = [];
  for (const [category, use] of firstUse) {
    const definition = index.categories.get(category);
    const placeholder = definition?.reasons.find((reason) => reason.isSdkOnly !== true)?.code ?? '';
    const insertion = insertionFor(document, root, apiTypes?.value?.kind === 'array' ? apiTypes.value : undefined, category, placeholder);
    problems.push({
      code: 'missing-api-declaration',
      ...anchor,
      message: `'${use.symbol}' (${use.file}:${use.line}) is a required-reason API, but ${category} is not declared in ${API_TYPES_KEY} (ITMS-91053)`,
      docUrl: 'https://developer.apple.com/documentation/bundleresources/describing-use-of-required-reason-api',
      data: { companionEdit: { uri: '', fileName: index.manifest.fileName, key: category, ...insertion } },
    });
  }
  return problems;
}

/** Where the new entry goes and its text: into the array, or as a new key before the root's `</dict>`. */
function insertionFor(document: PlistDocument, root: DictNode, array: { offset: number; end: number; isClosed: boolean; items: readonly unknown[] } | undefined, category: string, reason: string): { position: { line: number; character: number }; end?: { line: number; character: number }; newText: string } {
  const text = document.text;
  const unit = /\n( +)</.exec(text)?.[1] ?? '\t';
  const indent = /\n([ \t]+)<key>/.exec(text)?.[1] ?? unit;
  const entry = (level: string) => [`${level}<dict>`, `${level}${unit}<key>NSPrivacyAccessedAPIType</key>`, `${level}${unit}<string>${category}</string>`, `${level}${unit}<key>NSPrivacyAccessedAPITypeReasons</key>`, `${level}${unit}<array>`, `${level}${unit}${unit}<string>${reason}</string>`, `${level}${unit}</array>`, `${level}</dict>`];
  if (array !== undefined) {
    const isSelfClosed = text.startsWith('<array/>', array.offset);
    if (isSelfClosed) {
      const lines = ['<array>', ...entry(indent + unit), `${indent}</array>`];
      return { position: positionOf(text, array.offset), end: positionOf(text, array.end), newText: lines.join('\n') };
    }
    const close = text.lastIndexOf('</array>', array.end);
    const lineStart = text.lastIndexOf('\n', close) + 1;
    const at = /^[ \t]*$/.test(text.slice(lineStart, close)) ? lineStart : close;
    const lines = entry(indent + unit);
    return { position: positionOf(text, at), newText: at === lineStart ? `${lines.join('\n')}\n` : `\n${lines.join('\n')}\n${indent}` };
  }
  const close = root.isClosed ? text.lastIndexOf('</dict>', root.end) : root.end;
  const lineStart = text.lastIndexOf('\n', close) + 1;
  const at = /^[ \t]*$/.test(text.slice(lineStart, close)) ? lineStart : close;
  const lines = [`${indent}<key>${API_TYPES_KEY}</key>`, `${indent}<array>`, ...entry(indent + unit), `${indent}</array>`];
  return { position: positionOf(text, at), newText: at === lineStart ? `${lines.join('\n')}\n` : `\n${lines.join('\n')}\n` };
}

/** The LSP position of `offset` in `text` (lines split at \n, \r\n and \r, characters in UTF-16 units). */
function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 || (char === 13 && text.charCodeAt(index + 1) !== 10)) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, character: offset - lineStart };
}
