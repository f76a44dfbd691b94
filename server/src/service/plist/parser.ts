/**
 * Turns plist XML into rows (table.ts) and a list of problems. It never throws and never gives up: on an error it
 * records one problem, recovers at the next tag it understands and carries on, so every key before and after a
 * mistake keeps its exact position. Nesting is held in an explicit stack (parserState.ts), so a 10,000-deep file
 * cannot overflow the call stack. Two paths read the text: the direct path (directReader.ts) takes the common
 * elements straight from the text, and the token path (tokenReader.ts) everything else; each file states its
 * contract.
 */
import { ChunkedList, type ReadonlyList } from './chunkedList';
import { readCommonElements } from './directReader';
import type { CommentSpan, DerivedKey, EntryList, PlistDocument, SyntaxProblem, ValueNode } from './nodes';
import { ParserState } from './parserState';
import { PlistTable, type TableScratch } from './table';
import { readToken } from './tokenReader';
import { treeRootOf } from './tree';

export { MAX_NESTING_DEPTH, MAX_SYNTAX_PROBLEMS } from './parserState';
export { DIRECTIVE_PREFIX } from './tokenReader';

/**
 * Longer texts (in UTF-16 code units) are not parsed: real property lists stay under a megabyte, and a tree for a
 * 100 MB file would take gigabytes and seconds on every keystroke.
 */
export const MAX_TEXT_LENGTH = 16 * 1024 * 1024;

/** Longest first line quoted by the problem on a text too large to parse. */
const MAX_QUOTED_LINE = 200;
const MEGABYTE = 1024 * 1024;
const BINARY_PLIST_MAGIC = 'bplist';
const REPLACEMENT_CHARACTER = '\ufffd';
/** How much of a text's start shows whether it is UTF-16 or UTF-32 read as UTF-8. */
const WIDE_ENCODING_HEAD = 32;
/** NULs in that head that mark a wide encoding: half or more of a plist's first, ASCII characters. */
const WIDE_ENCODING_NULS = 8;

const NO_COMMENTS: ReadonlyList<CommentSpan> = new ChunkedList<CommentSpan>();

/** A parse: the fields, and the tree made from the table when `root` is first read. */
class ParsedDocument implements PlistDocument {
  readonly entryList: EntryList;
  private madeRoot = false;
  private rootNode: ValueNode | undefined = undefined;
  private derivedValues: Map<DerivedKey<unknown>, { readonly inputs: readonly unknown[]; readonly value: unknown }> | undefined = undefined;

  constructor(
    readonly text: string,
    readonly table: PlistTable,
    readonly problems: readonly SyntaxProblem[],
    readonly plistElement: { readonly offset: number; readonly end: number } | undefined,
    readonly directiveComments: ReadonlyList<CommentSpan> = NO_COMMENTS,
  ) {
    this.entryList = { table, keys: table.entryKeys };
  }

  derive<T>(key: DerivedKey<T>, inputs: readonly unknown[], make: () => T): T {
    const kept = this.derivedValues?.get(key);
    if (kept !== undefined && kept.inputs.length === inputs.length && kept.inputs.every((input, index) => input === inputs[index])) return kept.value as T;
    const value = make();
    (this.derivedValues ??= new Map()).set(key, { inputs, value });
    return value;
  }

  get root(): ValueNode | undefined {
    if (!this.madeRoot) {
      this.rootNode = treeRootOf(this.table);
      this.madeRoot = true;
    }
    return this.rootNode;
  }
}

/**
 * Parses plist XML. Always returns a document; problems describe whatever was wrong. A language service passes
 * its `scratch` so that its parses reuse one buffer; without one the parse makes its own.
 */
export function parsePlist(text: string, scratch?: TableScratch): PlistDocument {
  return unparsableDocument(text) ?? parse(text, true, scratch);
}

/**
 * The same parse with every element read through the token path, none by the direct path: the reference the
 * direct path must agree with. Tests compare the two on the corpus and on fuzzed files.
 */
export function parsePlistByTokens(text: string, scratch?: TableScratch): PlistDocument {
  return unparsableDocument(text) ?? parse(text, false, scratch);
}

/** A document with one problem for a text that is not plist XML to parse, or undefined. */
function unparsableDocument(text: string): PlistDocument | undefined {
  if (text.startsWith(BINARY_PLIST_MAGIC)) {
    // A binary plist opened as text: nothing to parse, and every other message would be noise.
    return oneProblem(text, BINARY_PLIST_MAGIC.length, 'This is a binary property list; convert it to XML to edit it (plutil -convert xml1 FILE)');
  }
  const wideEncoding = wideEncodingOf(text);
  if (wideEncoding !== undefined) {
    // Read as UTF-8, every other character is a NUL and each '<' an error: one message says what is wrong instead.
    return oneProblem(text, Math.min(text.length, 2), `This file is ${wideEncoding}-encoded; plist-sentinel reads UTF-8 plists: convert it (plutil -convert xml1 FILE)`);
  }
  if (text.length <= MAX_TEXT_LENGTH) return undefined;
  const firstLineEnd = text.indexOf('\n');
  const length = firstLineEnd < 0 || firstLineEnd > MAX_QUOTED_LINE ? Math.min(text.length, MAX_QUOTED_LINE) : firstLineEnd;
  const megabytes = (text.length / MEGABYTE).toFixed(1);
  return oneProblem(text, length, `File too large to check: ${megabytes} MB, and plist-sentinel checks property lists up to ${MAX_TEXT_LENGTH / MEGABYTE} MB`);
}

function oneProblem(text: string, length: number, message: string): PlistDocument {
  return new ParsedDocument(text, PlistTable.empty(text), [{ offset: 0, length, message }], undefined);
}

/**
 * 'UTF-16' or 'UTF-32' when the text is such a file read as UTF-8 (by the CLI, or an editor that missed its byte
 * order mark): its start, past the mark's undecodable bytes, is XML with NULs between or around the characters.
 */
function wideEncodingOf(text: string): 'UTF-16' | 'UTF-32' | undefined {
  const head = text.slice(0, WIDE_ENCODING_HEAD);
  if (head.split('\u0000').length - 1 < WIDE_ENCODING_NULS || !head.includes('<')) return undefined;
  return head.includes('\u0000\u0000\u0000') ? 'UTF-32' : 'UTF-16';
}

/** Both paths in turn (or the token path alone), then what only the whole text shows. */
function parse(text: string, readsCommonElements: boolean, scratch: TableScratch | undefined): PlistDocument {
  const state = new ParserState(text, scratch);
  do {
    if (readsCommonElements && !state.isPushedBack) readCommonElements(state);
  } while (readToken(state));
  state.closeAll();
  // Undecodable bytes reach us as U+FFFD, from the editor or from Node's decoder in the CLI. Xcode rejects such a
  // file; one problem, at the first, says why.
  const replacement = text.indexOf(REPLACEMENT_CHARACTER);
  if (replacement >= 0) state.report(replacement, 1, 'Invalid UTF-8: bytes here could not be decoded (shown as U+FFFD); save the file as UTF-8');
  const table = state.table;
  if (table.root < 0 && !state.sawPlistTag && text.trim() !== '') state.report(0, 0, 'No <plist> element found');
  const problems = state.problems.sort((a, b) => a.offset - b.offset);
  table.seal();
  return new ParsedDocument(text, table, problems, state.plistElement, state.directiveComments);
}
