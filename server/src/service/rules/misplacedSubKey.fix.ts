/**
 * The edit that moves a sub-key into the dict it belongs in: an entry added at the end of that dict, with the dicts
 * on the way made when the file lacks them, in the file's own indentation and line endings. The caller removes the
 * misplaced entry; this only inserts.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompanionEdit } from '../../../../shared/src/diagnosticCodes';
import { escapeText } from '../plist/entities';
import type { DictNode, PlistDocument } from '../plist/nodes';

export interface MoveTarget {
  /** The file to edit: `''` for the diagnosed file itself. */
  readonly uri: string;
  /** How the fix's title names the place, e.g. `NSAppTransportSecurity`. */
  readonly placeName: string;
  readonly parsed: PlistDocument;
}

/**
 * An insertion of `<key>key</key>` and `valueXml` (as written, its lines indented by `valueIndent`) into the dict at
 * `path` from the root of `target`, or `undefined` when the dict already holds the key (a second one would be a
 * duplicate), when a key on the way holds something other than a dict, or when the file is not whole enough to edit.
 */
export function moveIntoDictEdit(target: MoveTarget, path: readonly string[], key: string, valueXml: string, valueIndent: string): CompanionEdit | undefined {
  const { parsed } = target;
  const root = parsed.root;
  if (root?.kind !== 'dict' || !root.isClosed) return undefined;
  let dict: DictNode = root;
  let depth = 0;
  let dictKeyOffset: number | undefined;
  for (; depth < path.length; depth++) {
    const found = dict.entries.filter((entry) => entry.key.text === path[depth]);
    if (found.length === 0) break;
    const value = found.length === 1 ? found[0]?.value : undefined;
    if (value?.kind !== 'dict' || !value.isClosed) return undefined;
    dictKeyOffset = found[0]?.key.offset;
    dict = value;
  }
  if (depth === path.length && dict.entries.some((entry) => entry.key.text === key)) return undefined;
  const text = parsed.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(parsed);
  const outer = dictKeyOffset === undefined ? '' : lineIndent(text, dictKeyOffset);
  const firstKey = dict.entries[0]?.key;
  const inner = (firstKey === undefined ? '' : lineIndent(text, firstKey.offset)) || outer + unit;
  const lines = entryLines(path.slice(depth), key, valueXml, valueIndent, inner, unit);
  const document = TextDocument.create(target.uri, 'plist', 0, text);
  const base = { uri: target.uri, fileName: target.placeName, key };
  if (isSelfClosed(text, dict)) {
    // `<dict/>` becomes an open dict holding the entry.
    const newText = `<dict>${eol}${lines.join(eol)}${eol}${outer}</dict>`;
    return { ...base, position: document.positionAt(dict.offset), end: document.positionAt(dict.end), newText };
  }
  const closeOffset = dict.end - '</dict>'.length;
  if (text.slice(closeOffset, dict.end) !== '</dict>') return undefined;
  const lineStart = text.lastIndexOf('\n', closeOffset - 1) + 1;
  const isOwnLine = /^[ \t]*$/.test(text.slice(lineStart, closeOffset));
  const block = lines.map((line) => line + eol).join('');
  return isOwnLine
    ? { ...base, position: document.positionAt(lineStart), newText: block }
    : { ...base, position: document.positionAt(closeOffset), newText: eol + block };
}

/** The lines of the entry, inside the dicts still to be made: `<key>A</key>`, `<dict>`, ..., `</dict>`. */
function entryLines(missing: readonly string[], key: string, valueXml: string, valueIndent: string, indent: string, unit: string): string[] {
  const lines: string[] = [];
  let current = indent;
  for (const dictKey of missing) {
    lines.push(`${current}<key>${escapeText(dictKey)}</key>`, `${current}<dict>`);
    current += unit;
  }
  // The value's later lines keep their shape, shifted to the new depth.
  const shift = current.startsWith(valueIndent) ? current.slice(valueIndent.length) : '';
  const value = valueXml.replace(/\n/g, `\n${shift}`);
  lines.push(`${current}<key>${escapeText(key)}</key>`, `${current}${value}`);
  for (let level = missing.length - 1; level >= 0; level--) lines.push(`${indent}${unit.repeat(level)}</dict>`);
  return lines;
}

function isSelfClosed(text: string, dict: DictNode): boolean {
  return dict.entries.length === 0 && /^<dict\s*\/>$/.test(text.slice(dict.offset, dict.end));
}

/** The file's indentation step: the leading whitespace of the root's first key, else a tab. */
function indentUnit(parsed: PlistDocument): string {
  const first = parsed.root?.kind === 'dict' ? parsed.root.entries[0] : undefined;
  return (first === undefined ? '' : lineIndent(parsed.text, first.key.offset)) || '\t';
}

/** The whitespace before `offset` on its line, when nothing else stands there. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : '';
}
