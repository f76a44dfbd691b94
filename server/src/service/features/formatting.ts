/**
 * Formatting to the layout Xcode writes: one element per line, a tab per level with the root `<dict>` at the left
 * margin, `<true/>` and `<false/>` self-closed, an empty container as `<dict/>`, the lines of a `<data>` block at its
 * element's indentation, one line break at the end. Otherwise only the whitespace between elements changes: the XML
 * declaration, the DOCTYPE, comments and the text of every key and string are kept byte for byte, so the parsed
 * value never changes. A document with syntax problems is left alone, because
 * moving text around a mistake can change what it means.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PlistDocument } from '../plist/nodes';
import { parsePlist } from '../plist/parser';
import { createScanner, type Token } from '../plist/scanner';

/** Xcode indents with tabs whatever the editor's settings, and matching it keeps diffs quiet when Xcode rewrites a file. */
const INDENT = '\t';
const CONTAINERS: ReadonlySet<string> = new Set(['dict', 'array']);
const BOOLEANS: ReadonlySet<string> = new Set(['true', 'false']);

/** A stretch of the original text, `[offset, end)`, and what it becomes. */
interface Piece {
  readonly offset: number;
  readonly end: number;
  readonly text: string;
}

/** The edits that format the document, or none when it is already formatted or has syntax problems. */
export function formatDocument(document: TextDocument, parsed: PlistDocument): TextEdit[] {
  const pieces = formattedPieces(parsed);
  if (pieces === undefined) return [];
  const text = parsed.text;
  const edits: TextEdit[] = [];
  let pending: { offset: number; end: number; text: string } | undefined;
  const flush = () => {
    if (pending === undefined) return;
    edits.push({ range: { start: document.positionAt(pending.offset), end: document.positionAt(pending.end) }, newText: pending.text });
    pending = undefined;
  };
  for (const piece of pieces) {
    if (text.slice(piece.offset, piece.end) === piece.text) {
      flush();
    } else if (pending !== undefined && pending.end === piece.offset) {
      pending.end = piece.end;
      pending.text += piece.text;
    } else {
      flush();
      pending = { offset: piece.offset, end: piece.end, text: piece.text };
    }
  }
  flush();
  return edits;
}

/** The formatted text of a document, or `undefined` when it is not formatted (see `formatDocument`). */
export function formatText(parsed: PlistDocument): string | undefined {
  return formattedPieces(parsed)?.map((piece) => piece.text).join('');
}

/**
 * Cuts the text into pieces that cover it end to end: each token as it is (or in its canonical form) and the gap
 * before it as a line break and indentation. `undefined` when the document should not be formatted.
 */
function formattedPieces(parsed: PlistDocument): Piece[] | undefined {
  if (parsed.root === undefined || parsed.problems.length > 0) return undefined;
  const text = parsed.text;
  const tokens = tokensOf(text);
  const lineBreak = lineBreakOf(text);
  const pieces: Piece[] = [];
  // A byte-order mark stays where it is; the first token follows it directly.
  let gapStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let depth = 0;

  function place(offset: number, end: number, replacement: string, indent = INDENT.repeat(depth)): void {
    pieces.push({ offset: gapStart, end: offset, text: pieces.length === 0 ? '' : lineBreak + indent });
    pieces.push({ offset, end, text: replacement });
    gapStart = end;
  }

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const verbatim = text.slice(token.offset, token.end);
    switch (token.type) {
      case 'text': {
        // Whitespace between elements is what formatting rewrites; anything else is a preprocessor directive
        // (the parser reports all other text), which the C preprocessor wants at the start of its line.
        const lines = verbatim.split(LINE_BREAK).map((line) => line.trim()).filter((line) => line !== '');
        if (lines.length === 0) break;
        const first = token.offset + verbatim.search(/\S/);
        const last = token.offset + verbatim.trimEnd().length;
        place(first, last, lines.join(lineBreak), '');
        break;
      }
      case 'comment': {
        // A comment written after an element on the same line stays there.
        const gap = text.slice(gapStart, token.offset);
        if (pieces.length > 0 && !LINE_BREAK.test(gap)) {
          pieces.push({ offset: gapStart, end: token.end, text: text.slice(gapStart, token.end) });
          gapStart = token.end;
        } else {
          place(token.offset, token.end, verbatim);
        }
        break;
      }
      case 'processing-instruction':
      case 'doctype':
        place(token.offset, token.end, verbatim);
        break;
      case 'end-tag':
        if (CONTAINERS.has(token.name)) depth--;
        place(token.offset, token.end, verbatim);
        break;
      case 'start-tag': {
        if (token.name === 'plist' || (token.isSelfClosing && !BOOLEANS.has(token.name))) {
          place(token.offset, token.end, verbatim);
          break;
        }
        if (CONTAINERS.has(token.name)) {
          const endIndex = nextSignificant(tokens, text, index + 1);
          const closing = tokens[endIndex];
          if (closing?.type === 'end-tag' && closing.name === token.name && verbatim === `<${token.name}>`) {
            place(token.offset, closing.end, `<${token.name}/>`);
            index = endIndex;
          } else {
            place(token.offset, token.end, verbatim);
            depth++;
          }
          break;
        }
        // A key or scalar: its content, comments and all, is kept byte for byte up to its end tag.
        let endIndex = index;
        if (!token.isSelfClosing) {
          endIndex = index + 1;
          while (endIndex < tokens.length && !(tokens[endIndex]?.type === 'end-tag' && tokens[endIndex]?.name === token.name)) endIndex++;
        }
        const endToken = tokens[endIndex] ?? token;
        let replacement = text.slice(token.offset, endToken.end);
        if (BOOLEANS.has(token.name)) replacement = `<${token.name}/>`;
        else if (token.name === 'data' && !token.isSelfClosing) replacement = dataBlock(text.slice(token.offset, endToken.end), lineBreak, INDENT.repeat(depth)) ?? replacement;
        place(token.offset, endToken.end, replacement);
        index = endIndex;
        break;
      }
      case 'cdata':
      case 'eof':
        // CDATA outside a key or string is a syntax problem, so it never gets here.
        break;
    }
  }
  pieces.push({ offset: gapStart, end: text.length, text: lineBreak });
  // A last check that the result means the same: if anything went wrong, format nothing rather than break a file.
  const formatted = pieces.map((piece) => piece.text).join('');
  return parsePlist(formatted).problems.length === 0 ? pieces : undefined;
}

/**
 * Base64 ignores whitespace, and Xcode writes a multi-line `<data>` block with its lines at the element's indentation.
 * One-line data, and data holding a comment, stay as written.
 */
function dataBlock(element: string, lineBreak: string, indent: string): string | undefined {
  const content = /^<data>([^<]*)<\/data>$/.exec(element)?.[1];
  if (content === undefined || !LINE_BREAK.test(content)) return undefined;
  const lines = content.split(LINE_BREAK).map((line) => line.trim()).filter((line) => line !== '');
  return `<data>${lines.map((line) => lineBreak + indent + line).join('')}${lineBreak}${indent}</data>`;
}

/** CR, LF or CRLF: a line break in any style, as LSP counts lines. */
const LINE_BREAK = /\r\n|\r|\n/;

/** The file's line break: CRLF wherever it occurs, else the first CR or LF, else LF. */
function lineBreakOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  return /[\r\n]/.exec(text)?.[0] ?? '\n';
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  const scanner = createScanner(text);
  for (let token = scanner.scan(); token.type !== 'eof'; token = scanner.scan()) tokens.push(token);
  return tokens;
}

/** The index of the next token that is not whitespace. */
function nextSignificant(tokens: readonly Token[], text: string, from: number): number {
  let index = from;
  while (index < tokens.length) {
    const token = tokens[index] as Token;
    if (token.type !== 'text' || text.slice(token.offset, token.end).trim() !== '') break;
    index++;
  }
  return index;
}
