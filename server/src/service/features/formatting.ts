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
  const layout = new Layout(parsed.text);
  const pieces = layout.pieces();
  // A last check that the result means the same: if anything went wrong, format nothing rather than break a file.
  const formatted = pieces.map((piece) => piece.text).join('');
  return parsePlist(formatted).problems.length === 0 ? pieces : undefined;
}

/** One pass over a document's tokens, placing each on its line at the depth of the containers around it. */
class Layout {
  private readonly tokens: Token[];
  private readonly lineBreak: string;
  private readonly placed: Piece[] = [];
  // A byte-order mark stays where it is; the first token follows it directly.
  private gapStart: number;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokensOf(text);
    this.lineBreak = lineBreakOf(text);
    this.gapStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  pieces(): Piece[] {
    for (let index = 0; index < this.tokens.length; index++) index = this.placeToken(index);
    this.placed.push({ offset: this.gapStart, end: this.text.length, text: this.lineBreak });
    return this.placed;
  }

  /** Places the token at `index` (with the ones it takes along); returns the index of the last token taken. */
  private placeToken(index: number): number {
    const token = this.tokens[index] as Token;
    const verbatim = this.text.slice(token.offset, token.end);
    switch (token.type) {
      case 'text':
        this.placeText(token, verbatim);
        return index;
      case 'comment':
        this.placeComment(token, verbatim);
        return index;
      case 'processing-instruction':
      case 'doctype':
        this.place(token.offset, token.end, verbatim);
        return index;
      case 'end-tag':
        if (CONTAINERS.has(token.name)) this.depth--;
        this.place(token.offset, token.end, verbatim);
        return index;
      case 'start-tag':
        if (token.name === 'plist' || (token.isSelfClosing && !BOOLEANS.has(token.name))) {
          this.place(token.offset, token.end, verbatim);
          return index;
        }
        return CONTAINERS.has(token.name) ? this.placeContainer(index, verbatim) : this.placeElement(index);
      case 'cdata':
      case 'eof':
        // CDATA outside a key or string is a syntax problem, so it never gets here.
        return index;
    }
  }

  private place(offset: number, end: number, replacement: string, indent = INDENT.repeat(this.depth)): void {
    this.placed.push({ offset: this.gapStart, end: offset, text: this.placed.length === 0 ? '' : this.lineBreak + indent });
    this.placed.push({ offset, end, text: replacement });
    this.gapStart = end;
  }

  /**
   * Whitespace between elements is what formatting rewrites; anything else is a preprocessor directive (the parser
   * reports all other text), which the C preprocessor wants at the start of its line.
   */
  private placeText(token: Token, verbatim: string): void {
    const lines = verbatim.split(LINE_BREAK).map((line) => line.trim()).filter((line) => line !== '');
    if (lines.length === 0) return;
    const first = token.offset + verbatim.search(/\S/);
    const last = token.offset + verbatim.trimEnd().length;
    this.place(first, last, lines.join(this.lineBreak), '');
  }

  /** A comment written after an element on the same line stays there. */
  private placeComment(token: Token, verbatim: string): void {
    const gap = this.text.slice(this.gapStart, token.offset);
    if (this.placed.length > 0 && !LINE_BREAK.test(gap)) {
      this.placed.push({ offset: this.gapStart, end: token.end, text: this.text.slice(this.gapStart, token.end) });
      this.gapStart = token.end;
    } else {
      this.place(token.offset, token.end, verbatim);
    }
  }

  /** An empty `<dict></dict>` or `<array></array>` becomes self-closed; any other opens a level. */
  private placeContainer(index: number, verbatim: string): number {
    const token = this.tokens[index] as Token;
    const endIndex = nextSignificant(this.tokens, this.text, index + 1);
    const closing = this.tokens[endIndex];
    if (closing?.type === 'end-tag' && closing.name === token.name && verbatim === `<${token.name}>`) {
      this.place(token.offset, closing.end, `<${token.name}/>`);
      return endIndex;
    }
    this.place(token.offset, token.end, verbatim);
    this.depth++;
    return index;
  }

  /** A key or scalar: its content, comments and all, is kept byte for byte up to its end tag. */
  private placeElement(index: number): number {
    const token = this.tokens[index] as Token;
    let endIndex = index;
    if (!token.isSelfClosing) {
      endIndex = index + 1;
      while (endIndex < this.tokens.length && !(this.tokens[endIndex]?.type === 'end-tag' && this.tokens[endIndex]?.name === token.name)) endIndex++;
    }
    const endToken = this.tokens[endIndex] ?? token;
    const element = this.text.slice(token.offset, endToken.end);
    let replacement = element;
    if (BOOLEANS.has(token.name)) replacement = `<${token.name}/>`;
    else if (token.name === 'data' && !token.isSelfClosing) replacement = dataBlock(element, this.lineBreak, INDENT.repeat(this.depth)) ?? element;
    this.place(token.offset, endToken.end, replacement);
    return endIndex;
  }
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
