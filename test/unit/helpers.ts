/**
 * Small builders shared by the unit tests: tiny plist documents, a `$0` cursor marker, a catalog builder that starts
 * empty, and one-call wrappers around the language service that return what a test asserts on (covered text, the
 * document after an edit).
 */
import { UNKNOWN_TARGET, type TargetInfo } from '../../shared/src/target';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import type { Catalog, CatalogEntry, FileKind, Platform } from '../../shared/src/catalog';
import { CATALOG } from '../../shared/src/catalogData';
import type { DiagnosticCode, SeveritySetting } from '../../shared/src/diagnosticCodes';
import { createLanguageService, type LanguageService } from '../../server/src/service/languageService';
import type { SyntaxProblem } from '../../server/src/service/plist/nodes';
import { parsePlist } from '../../server/src/service/plist/parser';
import { KIND_DICT, KIND_KEY, type PlistTable } from '../../server/src/service/plist/table';
import type { CompanionDocument, DocumentContext } from '../../server/src/service/types';
import type { ProvisioningProfile } from '../../server/src/service/profile/profile';

export const URI = 'file:///workspace/App/App.entitlements';

/** Where the companion built by `companionOf` lives: beside `URI`. */
export const COMPANION_URI = 'file:///workspace/App/Info.plist';

/** The service over the real, generated catalog. */
export const service: LanguageService = createLanguageService(CATALOG);

/** What Xcode writes before the root value. */
export const PLIST_HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  '<plist version="1.0">\n';

/** A whole plist whose root dict holds `body` verbatim. */
export function plist(body: string): string {
  return `${PLIST_HEADER}<dict>${body}</dict>\n</plist>\n`;
}

/** Removes the `$0` cursor marker from `text` and returns where it was. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('$0');
  assert.ok(offset >= 0, 'the test text has no $0 cursor marker');
  assert.equal(text.indexOf('$0', offset + 1), -1, 'the test text has more than one $0 cursor marker');
  return { text: text.slice(0, offset) + text.slice(offset + 2), offset };
}

export function textDocument(text: string): TextDocument {
  return TextDocument.create(URI, 'entitlements', 1, text);
}

/** What a test knows about the document besides its text; everything else is off or unknown. */
export interface ContextOptions {
  readonly fileKind: FileKind;
  /** Shorthand for a target with this one platform and no product type; `target` wins over it. */
  readonly platform?: Platform;
  readonly allowedKeys?: readonly string[];
  readonly target?: TargetInfo;
  readonly companion?: CompanionDocument;
  readonly generatedInfoPlistKeys?: readonly string[];
  readonly profile?: ProvisioningProfile;
  /** The file's name; the document's URI names it otherwise (`App.entitlements`). */
  readonly fileName?: string;
}

export interface DiagnoseOptions extends ContextOptions {
  readonly severity?: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
  readonly supportsRelatedInformation?: boolean;
}

/** The service's diagnostics for `text`. */
export function diagnose(text: string, options: DiagnoseOptions): Diagnostic[] {
  const validationOptions = {
    ...context(options),
    severity: options.severity ?? {},
    ...(options.supportsRelatedInformation === undefined ? {} : { supportsRelatedInformation: options.supportsRelatedInformation }),
  };
  return service.validate(textDocument(text), service.parse(text), validationOptions);
}

/** A document context with nothing allowed, no platform and no companion unless given. */
export function context(options: ContextOptions): DocumentContext {
  const target = options.target ?? (options.platform === undefined ? UNKNOWN_TARGET : { platforms: [options.platform], productType: undefined, reasons: [] });
  return {
    fileKind: options.fileKind,
    target,
    allowedKeys: new Set(options.allowedKeys ?? []),
    ...(options.companion === undefined ? {} : { companion: options.companion }),
    ...(options.generatedInfoPlistKeys === undefined ? {} : { generatedInfoPlistKeys: options.generatedInfoPlistKeys }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
  };
}

/** A target as target inference would report it, with no reasons. */
export function targetOf(platforms: readonly Platform[], options: { productType?: TargetInfo['productType']; platformSource?: TargetInfo['platformSource'] } = {}): TargetInfo {
  return { platforms, productType: options.productType, reasons: [], platformSource: options.platformSource ?? 'project' };
}

/** The target's other file, parsed, at `COMPANION_URI` unless given. */
export function companionOf(text: string, fileKind: FileKind, uri = COMPANION_URI): CompanionDocument {
  return { uri, fileName: uri.slice(uri.lastIndexOf('/') + 1), fileKind, parsed: parsePlist(text) };
}

/** The text a diagnostic (or any LSP range) underlines. */
export function coveredText(text: string, diagnostic: Pick<Diagnostic, 'range'>): string {
  const document = textDocument(text);
  return text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
}

/** Each diagnostic as its code and covered text: what most rule tests compare. */
export function findings(text: string, diagnostics: readonly Diagnostic[]): Array<{ code: string; covered: string }> {
  return diagnostics.map((diagnostic) => ({ code: String(diagnostic.code), covered: coveredText(text, diagnostic) }));
}

/** Asserts that a diagnostic's message names each of `names` (the key, a suggestion), whatever its wording. */
export function assertMentions(diagnostic: Diagnostic | undefined, ...names: string[]): void {
  assert.ok(diagnostic !== undefined, 'expected a diagnostic');
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  for (const name of names) assert.ok(message.includes(name), `'${message}' does not name '${name}'`);
}

/** The covered text of each parser problem, in order. */
export function problemTexts(text: string, problems: readonly SyntaxProblem[]): string[] {
  return problems.map((problem) => text.slice(problem.offset, problem.offset + problem.length));
}

/** Applies LSP edits the way the client would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(textDocument(text), [...edits]);
}

/**
 * The quick fixes the service offers for `diagnostics`, short of "Suppress 'CODE' for this entry", which every
 * finding in an entry has (tested in features/suppression.test.ts); `allQuickFixes` keeps it.
 */
export function quickFixes(text: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return allQuickFixes(text, diagnostics).filter((action) => !isSuppressionAction(action));
}

export function allQuickFixes(text: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return service.quickFixes(textDocument(text), service.parse(text), diagnostics);
}

/** The "Suppress 'CODE' for this entry" action. */
export function isSuppressionAction(action: CodeAction): boolean {
  return action.title.startsWith('Suppress ');
}

/** The document after applying a code action's edits. */
export function applyAction(text: string, action: CodeAction): string {
  return applyActionTo(URI, text, action);
}

/** The document at `uri` (the companion, for fixes that edit both files) after applying the action's edits to it. */
export function applyActionTo(uri: string, text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits !== undefined, `'${action.title}' has no edit for ${uri}`);
  return applyEdits(text, edits);
}

/** The hover at the `$0` marker, with its markdown and the text its range covers. */
export function hoverAt(textWithCursor: string, options: ContextOptions): { markdown: string; covered: string } | undefined {
  const { text, offset } = withCursor(textWithCursor);
  const hover: Hover | undefined = service.hover(textDocument(text), service.parse(text), offset, context(options));
  if (hover === undefined) return undefined;
  assert.ok(hover.range !== undefined, 'a hover always says what it is about');
  return { markdown: (hover.contents as MarkupContent).value, covered: coveredText(text, { range: hover.range }) };
}

/** A catalog entry with harmless defaults; tests override only what they are about. */
export function catalogEntry(key: string, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    key,
    file: 'entitlements',
    summary: `Summary of ${key}.`,
    type: 'boolean',
    platforms: ['iOS'],
    isManaged: false,
    docUrl: `https://developer.apple.com/documentation/${encodeURIComponent(key)}`,
    confidence: 'high',
    sources: ['test'],
    ...overrides,
  };
}

/** A catalog that knows nothing but what the test passes. */
export function catalogOf(parts: Partial<Catalog>): Catalog {
  return {
    entitlements: [],
    infoPlist: [],
    privateKeyPatterns: [],
    companionRules: [],
    hallucinations: [],
    crossFileRules: [],
    features: [],
    capabilities: [],
    usageCounts: {},
    source: { generatedFrom: 'test', referenceDigest: 'test' },
    ...parts,
  };
}

/** The key path of a container from the rows alone (`keyPathOf` of its node): the keys above it, arrays skipped. */
export function keyPathOfElement(table: PlistTable, container: number): string[] {
  const path: string[] = [];
  for (let current = container; current >= 0; current = table.parent(current)) {
    const key = table.keyOf(current);
    if (key >= 0) path.push(table.textOf(key));
  }
  return path.reverse();
}

/**
 * Every dict reachable from the root once, in the order their start tags appear, found by walking the rows from the
 * root (children by `firstChild`/`nextSibling`, a key's value by `valueOf`): what the parser's entry list must agree with.
 */
export function reachableDicts(table: PlistTable): number[] {
  const dicts: number[] = [];
  const work = table.root < 0 ? [] : [table.root];
  for (let element = work.pop(); element !== undefined; element = work.pop()) {
    if (table.kind(element) === KIND_DICT) dicts.push(element);
    for (let child = table.firstChild(element); child >= 0; child = table.nextSibling(child)) {
      const value = table.valueOf(child);
      if (value >= 0) work.push(value);
      else if (table.kind(child) !== KIND_KEY) work.push(child);
    }
  }
  return dicts.sort((a, b) => a - b);
}
