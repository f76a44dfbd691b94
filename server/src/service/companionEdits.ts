/**
 * Insertions into the target's other file, for fixes that add or move an entry there. Computed from the companion's
 * parsed text so the new entry lands before the root dict's `</dict>` with the file's own indentation.
 */
import type { CompanionEdit } from '../../../shared/src/diagnosticCodes';
import { escapeText } from './plist/entities';
import type { CompanionDocument } from './rules/types';

/** An edit adding `<key>key</key>` and `valueXml` at the end of the companion's root dict, or `undefined`. */
export function insertEntryEdit(companion: CompanionDocument, key: string, valueXml: string): CompanionEdit | undefined {
  const root = companion.parsed.root;
  if (root?.kind !== 'dict' || !root.isClosed) return undefined;
  const text = companion.parsed.text;
  const closeOffset = text.lastIndexOf('</dict>', root.end);
  if (closeOffset < root.offset) return undefined;
  const firstKey = root.entries[0]?.key;
  const indent = firstKey === undefined ? '\t' : leadingWhitespace(text, firstKey.offset) || '\t';
  const lineStart = text.lastIndexOf('\n', closeOffset - 1) + 1;
  const isOwnLine = /^[ \t]*$/.test(text.slice(lineStart, closeOffset));
  const entry = `${indent}<key>${escapeText(key)}</key>\n${indent}${valueXml}\n`;
  const offset = isOwnLine ? lineStart : closeOffset;
  return { uri: companion.uri, fileName: companion.fileName, key, position: positionOf(text, offset), newText: isOwnLine ? entry : `\n${entry}` };
}

function leadingWhitespace(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : '';
}

/** Line and UTF-16 character of `offset`, as LSP counts them. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}
