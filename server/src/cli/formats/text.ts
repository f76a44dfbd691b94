/** The text format: `path:line:col: severity code message`, one finding a line, and a one-line summary. */
import { paint, type Style } from '../color';
import { displayPath, SEVERITY_NAMES, type CheckReport } from '../report';

export interface TextOptions {
  /** ANSI colours for the severity and code (see `color.ts` for when). */
  readonly color?: boolean;
}

const SEVERITY_STYLES: readonly (Style | undefined)[] = [undefined, 'red', 'yellow', 'cyan', 'dim'];

/** One line per finding (for stdout); empty when there are none. */
export function formatText(report: CheckReport, options: TextOptions = {}): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const { diagnostic } of file.findings) {
      const { line, character } = diagnostic.range.start;
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      const severity = diagnostic.severity ?? 1;
      const style = SEVERITY_STYLES[severity];
      const severityName = options.color === true && style !== undefined ? paint(SEVERITY_NAMES[severity], style) : SEVERITY_NAMES[severity];
      const code = options.color === true ? paint(String(diagnostic.code), 'dim') : String(diagnostic.code);
      lines.push(`${displayPath(file)}:${line + 1}:${character + 1}: ${severityName} ${code} ${message}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface SummaryOptions {
  /** Hints found but left out of the report (shown with `--hints`). */
  readonly hiddenHints?: number;
}

/**
 * `3 files checked: 2 errors, 2 warnings` (for stderr), then infos and hints when there are any, and how many
 * findings the baseline left out.
 */
export function summarizeText(report: CheckReport, options: SummaryOptions = {}): string {
  const counts = [0, 0, 0, 0, 0];
  for (const file of report.files) {
    for (const { diagnostic } of file.findings) {
      const severity = diagnostic.severity ?? 1;
      counts[severity] = (counts[severity] ?? 0) + 1;
    }
  }
  const count = (amount: number, noun: string) => `${amount} ${noun}${amount === 1 ? '' : 's'}`;
  const hiddenHints = options.hiddenHints ?? 0;
  const parts = [count(counts[1] ?? 0, 'error'), count(counts[2] ?? 0, 'warning')];
  if ((counts[3] ?? 0) > 0) parts.push(count(counts[3] ?? 0, 'info'));
  if ((counts[4] ?? 0) > 0) parts.push(count(counts[4] ?? 0, 'hint'));
  if (hiddenHints > 0) parts.push(`${count(hiddenHints, 'hint')} not shown (--hints shows them)`);
  const baselined = report.baselined > 0 ? ` (${count(report.baselined, 'finding')} in the baseline not shown)` : '';
  return `${count(report.files.length, 'file')} checked: ${parts.join(', ')}${baselined}\n`;
}
