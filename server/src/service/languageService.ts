/**
 * The pure language service: text in, plain data out. No LSP connection, no VS Code, no file system; the server
 * and the CLI are thin layers over this facade.
 */
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../../../shared/src/catalog';
import { createCatalogIndex, type CatalogIndex } from './catalogIndex';
import { getCompletions } from './features/completion';
import { getDocumentSymbols } from './features/documentSymbols';
import { getFoldingRanges } from './features/folding';
import { formatDocument } from './features/formatting';
import { getHover } from './features/hover';
import { getQuickFixes } from './features/quickFixes';
import { validateDocument, type ValidationOptions } from './features/validation';
import type { PlistDocument } from './plist/nodes';
import { parsePlist } from './plist/parser';
import { getPrivacyCompletions } from './privacy/privacyCompletion';
import { getPrivacyHover } from './privacy/privacyHover';
import { TableScratch } from './plist/tableScratch';
import type { DocumentContext } from './types';

export type { ValidationOptions } from './features/validation';
export type { DocumentContext } from './types';

export interface LanguageService {
  readonly catalog: CatalogIndex;
  /** Parses plist text; never throws. */
  parse(text: string): PlistDocument;
  validate(document: TextDocument, parsed: PlistDocument, options: ValidationOptions): Diagnostic[];
  hover(document: TextDocument, parsed: PlistDocument, offset: number, context: DocumentContext): Hover | undefined;
  quickFixes(document: TextDocument, parsed: PlistDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  /** Keys that fit the dict at `offset`, or values for the key before it; an empty list when nothing fits. */
  complete(document: TextDocument, parsed: PlistDocument, offset: number, context: DocumentContext): CompletionList;
  /** The plist as a tree of keys for the Outline. */
  documentSymbols(document: TextDocument, parsed: PlistDocument): DocumentSymbol[];
  foldingRanges(document: TextDocument, parsed: PlistDocument): FoldingRange[];
  /** Edits to Xcode's layout; none when the document has syntax problems. */
  format(document: TextDocument, parsed: PlistDocument): TextEdit[];
}

/**
 * Creates a service over `catalog` (tests pass a small one). The service owns the scratch space its parses write
 * into, so two services never share a buffer.
 */
export function createLanguageService(catalog: Catalog): LanguageService {
  const index = createCatalogIndex(catalog);
  const scratch = TableScratch.shared();
  return {
    catalog: index,
    parse: (text) => parsePlist(text, scratch),
    validate: (document, parsed, options) => validateDocument(document, parsed, index, options),
    hover: (document, parsed, offset, context) => (context.fileKind === 'privacyManifest' ? getPrivacyHover(document, parsed, offset, index) : getHover(document, parsed, offset, index, context)),
    quickFixes: (document, parsed, diagnostics) => getQuickFixes(document, parsed, diagnostics),
    complete: (document, parsed, offset, context) => (context.fileKind === 'privacyManifest' ? getPrivacyCompletions(document, parsed, offset, index) : getCompletions(document, parsed, offset, index, context)),
    documentSymbols: getDocumentSymbols,
    foldingRanges: getFoldingRanges,
    format: formatDocument,
  };
}
