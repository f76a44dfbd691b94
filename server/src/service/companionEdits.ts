/**
 * Insertions into the target's other file, for fixes that add or move an entry there. Computed from the companion's
 * parsed text so the new entry lands before the root dict's `</dict>` with the file's own indentation.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompanionEdit } from '../../../shared/src/diagnosticCodes';
import { escapeText } from './plist/entities';
import type { CompanionDocument } from './types';

/**
 * An edit adding `<key>key</key>` and `valueXml` at the end of the companion's root dict, or `undefined` when the
 * root already holds the key, as a second entry would be a duplicate whichever value readers keep.
 */
export function insertEntryEdit(companion: CompanionDocument, key: string, valueXml: string): CompanionEdit | undefined {
  const root = companion.parsed.root;
  if (root?.kind !== 'dict' || !root.isClosed) return undefined;
  if (root.entries.some((entry) => entry.key.text === key)) return undefined;
  const text = companion.parsed.text;
  const lines = TextDocument.create(companion.uri, 'plist', 0, text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (root.entries.length === 0 && /^<dict\s*\/>$/.test(text.slice(root.offset, root.end))) {
    // A new file as Xcode writes it: `<dict/>` becomes an open dict holding the entry.
    const newText = `<dict>${eol}\t<key>${escapeText(key)}</key>${eol}\t${valueXml}${eol}</dict>`;
    return { uri: companion.uri, fileName: companion.fileName, key, position: lines.positionAt(root.offset), end: lines.positionAt(root.end), newText };
  }
  const closeOffset = text.lastIndexOf('</dict>', root.end);
  if (closeOffset < root.offset) return undefined;
  const firstKey = root.entries[0]?.key;
  const indent = firstKey === undefined ? '\t' : leadingWhitespace(text, firstKey.offset) || '\t';
  const lineStart = text.lastIndexOf('\n', closeOffset - 1) + 1;
  const isOwnLine = /^[ \t]*$/.test(text.slice(lineStart, closeOffset));
  // The file's own line ending (above), so a CRLF file does not end up with mixed ones.
  const entry = `${indent}<key>${escapeText(key)}</key>${eol}${indent}${valueXml}${eol}`;
  const offset = isOwnLine ? lineStart : closeOffset;
  return { uri: companion.uri, fileName: companion.fileName, key, position: lines.positionAt(offset), newText: isOwnLine ? entry : `${eol}${entry}` };
}

function leadingWhitespace(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : '';
}
