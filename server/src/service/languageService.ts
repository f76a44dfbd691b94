/**
 * The pure language service: text in, plain data out. No LSP connection, no VS Code, no file system; the server
 * and the CLI are thin layers over this facade.
 */
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../../../shared/src/catalog';
import { createCatalogIndex, type CatalogIndex } from './catalogIndex';
import { getHover } from './features/hover';
import { getQuickFixes } from './features/quickFixes';
import { validateDocument, type ValidationOptions } from './features/validation';
import type { PlistDocument } from './plist/nodes';
import { parsePlist } from './plist/parser';
import type { DocumentContext } from './rules/types';

export type { ValidationOptions } from './features/validation';
export type { DocumentContext } from './rules/types';

export interface LanguageService {
  readonly catalog: CatalogIndex;
  /** Parses plist text; never throws. */
  parse(text: string): PlistDocument;
  validate(document: TextDocument, parsed: PlistDocument, options: ValidationOptions): Diagnostic[];
  hover(document: TextDocument, parsed: PlistDocument, offset: number, context: DocumentContext): Hover | undefined;
  quickFixes(document: TextDocument, parsed: PlistDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
}

/** Creates a service over `catalog` (tests pass a small one). */
export function createLanguageService(catalog: Catalog): LanguageService {
  const index = createCatalogIndex(catalog);
  return {
    catalog: index,
    parse: parsePlist,
    validate: (document, parsed, options) => validateDocument(document, parsed, index, options),
    hover: (document, parsed, offset, context) => getHover(document, parsed, offset, index, context),
    quickFixes: (document, parsed, diagnostics) => getQuickFixes(document, parsed, diagnostics),
  };
}
