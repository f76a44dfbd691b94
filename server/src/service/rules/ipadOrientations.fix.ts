/**
 * The fix for an incomplete orientation list: the missing values added at the end of the array, one per line in the
 * array's own indentation (or inline for a one-line array), as an insertion into this same file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompanionEdit } from '../../../../shared/src/diagnosticCodes';
import { escapeText } from '../plist/entities';
import type { ArrayNode, PlistDocument } from '../plist/nodes';
import { lineIndent } from './misplacedSubKey.fix';

export function addArrayItemsEdit(document: PlistDocument, array: ArrayNode, values: readonly string[]): CompanionEdit | undefined {
  const text = document.text;
  const closeOffset = array.end - '</array>'.length;
  if (text.slice(closeOffset, array.end) !== '</array>') return undefined;
  const lines = TextDocument.create('', 'plist', 0, text);
  const base = { uri: '', fileName: 'Info.plist', key: values.join(', ') };
  const items = values.map((value) => `<string>${escapeText(value)}</string>`);
  const last = array.items.at(-1);
  const lineStart = text.lastIndexOf('\n', closeOffset - 1) + 1;
  if (last !== undefined && /^[ \t]*$/.test(text.slice(lineStart, closeOffset))) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = lineIndent(text, last.offset);
    return { ...base, position: lines.positionAt(last.end), newText: items.map((item) => `${eol}${indent}${item}`).join('') };
  }
  return { ...base, position: lines.positionAt(last?.end ?? closeOffset), newText: items.join('') };
}
