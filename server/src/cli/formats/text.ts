/** The text format: `path:line:col: severity code message`, one finding a line, and a one-line summary. */
import { displayPath, SEVERITY_NAMES, type CheckReport } from '../report';

/** One line per finding (for stdout); empty when there are none. */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const { diagnostic } of file.findings) {
      const { line, character } = diagnostic.range.start;
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      lines.push(`${displayPath(file)}:${line + 1}:${character + 1}: ${SEVERITY_NAMES[diagnostic.severity ?? 1]} ${String(diagnostic.code)} ${message}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** `3 files checked: 2 errors, 1 warning` (for stderr), with how many findings the baseline left out. */
export function summarizeText(report: CheckReport): string {
  let errors = 0;
  let warnings = 0;
  for (const file of report.files) {
    for (const { diagnostic } of file.findings) {
      if (diagnostic.severity === 1) errors++;
      else if (diagnostic.severity === 2) warnings++;
    }
  }
  const count = (amount: number, noun: string) => `${amount} ${noun}${amount === 1 ? '' : 's'}`;
  const baselined = report.baselined > 0 ? ` (${count(report.baselined, 'finding')} in the baseline not shown)` : '';
  return `${count(report.files.length, 'file')} checked: ${count(errors, 'error')}, ${count(warnings, 'warning')}${baselined}\n`;
}
