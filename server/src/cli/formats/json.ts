/**
 * The JSON format: `{"files":[{"path","fileKind","view","diagnostics":[...]}]}` with LSP `Diagnostic`s (range,
 * severity, code, source, message, and `data` for fixes), each with its `fingerprint` (paths relative to `base`,
 * the current folder), so the report also serves as a baseline. `docs/check-report.schema.json` describes it.
 */
import { fingerprintOf } from '../fingerprint';
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport, options: { readonly base: string }): string {
  const files = report.files.map((file) => ({
    path: file.path,
    fileKind: file.fileKind,
    view: file.view,
    ...(file.architecture === undefined ? {} : { architecture: file.architecture }),
    diagnostics: file.findings.map((finding) => ({ ...finding.diagnostic, fingerprint: fingerprintOf(file, finding, options.base) })),
  }));
  return `${JSON.stringify({ files, ...(report.baselined > 0 ? { baselined: report.baselined } : {}) }, null, 2)}\n`;
}
