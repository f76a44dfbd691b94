/**
 * What `check` found, as plain data the output formats write out: per file, its diagnostics with the covered text
 * that identifies each one in fingerprints and baselines.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileKind } from '../../../shared/src/catalog';
import type { SourceView } from './readInputs';

export interface Finding {
  readonly diagnostic: Diagnostic;
  /** The checked text the diagnostic covers, trimmed; its line's text when it covers nothing. */
  readonly coveredText: string;
  /** How many earlier findings in the same file have the same code and covered text. */
  readonly occurrence: number;
}

export interface FileReport {
  /** The file as the user named it or as it was found. */
  readonly path: string;
  readonly fileKind: FileKind;
  /** How the checked text came from the file; positions refer to that text. */
  readonly view: SourceView;
  /** The slices of a universal binary this text came from, when its slices differ. */
  readonly architecture?: string;
  readonly findings: readonly Finding[];
}

export interface CheckReport {
  readonly files: readonly FileReport[];
  /** Findings left out because the baseline holds them. */
  readonly baselined: number;
}

/** Severity names as the text format prints them, by LSP severity number. */
export const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'] as const;

/** The file's path, with its slice when the slices of a universal binary differ. */
export function displayPath(file: FileReport): string {
  return file.architecture === undefined ? file.path : `${file.path} (${file.architecture})`;
}

/** Pairs each diagnostic with what identifies it apart from its position. */
export function toFindings(document: TextDocument, diagnostics: readonly Diagnostic[]): Finding[] {
  const seen = new Map<string, number>();
  return diagnostics.map((diagnostic) => {
    let coveredText = document.getText(diagnostic.range).trim();
    if (coveredText === '') {
      const line = diagnostic.range.start.line;
      coveredText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim();
    }
    const key = `${String(diagnostic.code)}\0${coveredText}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { diagnostic, coveredText, occurrence };
  });
}

/** A note on where positions point when the checked text is not the file's own text. */
export function viewNote(file: FileReport): string | undefined {
  if (file.view === 'binary-plist') return 'a binary property list: lines and columns refer to its XML form, as plutil -convert xml1 writes it';
  if (file.view === 'code-signature') return 'the entitlements in its code signature: lines and columns refer to their XML, as codesign -d --entitlements - --xml prints it';
  return undefined;
}
