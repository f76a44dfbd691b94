/**
 * The SARIF 2.1.0 format, as GitHub code scanning and other SARIF viewers read it: one run whose driver lists a
 * rule for every diagnostic code (with its docs link and default level), and one result per finding with a region
 * in the checked text (1-based, columns in UTF-16 code units) and a fingerprint that ignores line numbers.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ALL_DIAGNOSTIC_CODES, DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, docsUrlOf, type DiagnosticCode, type SeverityName } from '../../../../shared/src/diagnosticCodes';
import { fileUri } from '../../targetResolver';
import { fingerprintOf, SARIF_FINGERPRINT_KEY } from '../fingerprint';
import { viewNote, type CheckReport, type FileReport } from '../report';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/plist-sentinel/plist-sentinel';
/** SARIF's name for the folder a run's relative paths start from; GitHub resolves it to the checkout. */
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifOptions {
  /** The absolute folder artifact URIs are relative to (`--sarif-base`, else the current folder). */
  readonly base: string;
  readonly toolVersion: string;
}

export function formatSarif(report: CheckReport, options: SarifOptions): string {
  const ruleIndex = new Map<string, number>(ALL_DIAGNOSTIC_CODES.map((code, index) => [code, index]));
  const results = report.files.flatMap((file) =>
    file.findings.map((finding) => {
      const code = String(finding.diagnostic.code);
      const index = ruleIndex.get(code);
      const note = viewNote(file);
      const related = relatedLocations(finding.diagnostic, file, options.base);
      return {
        ruleId: code,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: levelOfSeverity(finding.diagnostic.severity),
        message: { text: typeof finding.diagnostic.message === 'string' ? finding.diagnostic.message : finding.diagnostic.message.value },
        locations: [{ physicalLocation: physicalLocation(file.path, finding.diagnostic.range, options.base), ...(note === undefined ? {} : { message: { text: `${path.basename(file.path)}: ${note}` } }) }],
        ...(related.length === 0 ? {} : { relatedLocations: related }),
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprintOf(file, finding, options.base) },
      };
    }),
  );
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: DIAGNOSTIC_SOURCE,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: ALL_DIAGNOSTIC_CODES.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(code: DiagnosticCode) {
  const info = DIAGNOSTIC_CODES[code];
  const helpUri = docsUrlOf(code);
  return {
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_match: string, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: shortDescriptionOf(info.summary) },
    fullDescription: { text: info.summary },
    helpUri,
    help: { text: `${info.summary} See ${helpUri}`, markdown: `${info.summary}\n\n[Documentation](${helpUri})` },
    defaultConfiguration: { level: levelOfSeverityName(info.defaultSeverity) },
  };
}

/** The summary's first clause: GitHub shows the short description as the rule's title. */
function shortDescriptionOf(summary: string): string {
  return summary.split(/:\s|;\s|, such as |, with |, shown | \(|, where |\.\s|\.$/)[0] ?? summary;
}

function levelOfSeverityName(severity: SeverityName): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** LSP severities 3 (information) and 4 (hint) both become `note`, SARIF's lowest level that is still shown. */
function levelOfSeverity(severity: number | undefined): SarifLevel {
  return severity === undefined || severity === 1 ? 'error' : severity === 2 ? 'warning' : 'note';
}

function physicalLocation(filePath: string, range: Diagnostic['range'], base: string) {
  return {
    artifactLocation: artifactLocation(filePath, base),
    region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
  };
}

/** Relative to the source root when the file is inside it (what GitHub needs to show it); else an absolute URI. */
function artifactLocation(filePath: string, base: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(base, path.resolve(filePath));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: fileUri(filePath) };
  return { uri: relative.split(path.sep).map((part) => encodeURIComponent(part)).join('/'), uriBaseId: SOURCE_ROOT };
}

function relatedLocations(diagnostic: Diagnostic, file: FileReport, base: string) {
  return (diagnostic.relatedInformation ?? []).map((related, index) => {
    let relatedPath = file.path;
    try {
      if (related.location.uri !== fileUri(file.path)) relatedPath = fileURLToPath(related.location.uri);
    } catch {
      relatedPath = file.path;
    }
    return { id: index, physicalLocation: physicalLocation(relatedPath, related.location.range, base), message: { text: related.message } };
  });
}
