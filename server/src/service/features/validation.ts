/**
 * Runs every rule and turns their problems into LSP diagnostics. This is the one place where source, severity,
 * `codeDescription`, tags and related information are filled in.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, docsUrlOf, type DiagnosticCode, type SeverityName, type SeveritySetting } from '../../../../shared/src/diagnosticCodes';
import type { CatalogIndex } from '../catalogIndex';
import type { PlistDocument } from '../plist/nodes';
import { PRIVACY_MANIFEST_RULES } from '../privacy/privacyRules';
import { RULES } from '../rules';
import type { DocumentContext, Problem } from '../types';
import { applySuppressions } from './suppression';

/** What validation needs beyond the document: the context and the user's severity overrides. */
export interface ValidationOptions extends DocumentContext {
  readonly severity: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
  /** Send `relatedInformation` only to clients that support it. */
  readonly supportsRelatedInformation?: boolean;
}

const SEVERITY: Readonly<Record<SeverityName, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Problems from every enabled rule, before conversion. Exposed for the CLI and tests. */
export function collectProblems(parsed: PlistDocument, catalog: CatalogIndex, options: ValidationOptions): Problem[] {
  const problems: Problem[] = [];
  for (const rule of options.fileKind === 'privacyManifest' ? PRIVACY_MANIFEST_RULES : RULES) {
    if (options.severity[rule.code] === 'off') continue;
    // A loop, not push(...found): a rule can find hundreds of thousands of problems in a hostile file, more
    // arguments than a call may take.
    for (const problem of rule.check(parsed, catalog, options)) problems.push(problem);
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

/**
 * At most this many diagnostics per document, the first by position: past it a file is not being edited by hand,
 * and sending more only costs memory in the server and the editor.
 */
export const MAX_DIAGNOSTICS = 2000;

/** Validates one document and returns its diagnostics. */
export function validateDocument(document: TextDocument, parsed: PlistDocument, catalog: CatalogIndex, options: ValidationOptions): Diagnostic[] {
  const named = options.fileName === undefined ? { ...options, fileName: fileNameOf(document.uri) } : options;
  // Suppressions apply before the cap, so that a suppressed flood does not push a real finding out.
  return applySuppressions(parsed, collectProblems(parsed, catalog, named), named).slice(0, MAX_DIAGNOSTICS).map((problem) => toDiagnostic(document, problem, options));
}

/** The last segment of a URI, decoded where it is a valid escape. */
function fileNameOf(uri: string): string {
  const segment = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function toDiagnostic(document: TextDocument, problem: Problem, options: ValidationOptions): Diagnostic {
  const override = options.severity[problem.code];
  const severityName = override !== undefined && override !== 'off' ? override : problem.severity ?? DIAGNOSTIC_CODES[problem.code].defaultSeverity;
  const range = { start: document.positionAt(problem.offset), end: document.positionAt(problem.offset + problem.length) };
  const tags: DiagnosticTag[] = [];
  if (problem.isDeprecated === true) tags.push(DiagnosticTag.Deprecated);
  if (problem.isUnnecessary === true) tags.push(DiagnosticTag.Unnecessary);
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[severityName],
    code: problem.code,
    codeDescription: { href: problem.docUrl ?? docsUrlOf(problem.code) },
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
  if (tags.length > 0) diagnostic.tags = tags;
  if (problem.data !== undefined) diagnostic.data = problem.data;
  if (problem.related !== undefined && options.supportsRelatedInformation !== false) {
    diagnostic.relatedInformation = problem.related.map((related) => ({
      location: { uri: document.uri, range: { start: document.positionAt(related.offset), end: document.positionAt(related.offset + related.length) } },
      message: related.message,
    }));
  }
  return diagnostic;
}
