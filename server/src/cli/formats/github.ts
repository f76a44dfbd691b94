/**
 * GitHub Actions workflow commands (`::error file=...,line=...::message`), which a workflow step's log turns into
 * annotations on the pull request's diff without any upload. Paths are relative to `base` (the current folder, the
 * checkout in a workflow), lines and columns 1-based. A finding in converted text (a binary plist, a code
 * signature) annotates the file without a position, since its lines exist only in the converted XML.
 */
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { displayPath, viewNote, type CheckReport } from '../report';

const COMMANDS = ['', 'error', 'warning', 'notice', 'notice'] as const;

export function formatGithub(report: CheckReport, options: { readonly base: string }): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const relativePath = path.relative(options.base, path.resolve(file.path)).split(path.sep).join('/');
    const note = viewNote(file);
    for (const { diagnostic } of file.findings) {
      const properties: Array<[string, string | number]> = [['file', relativePath]];
      if (note === undefined) properties.push(...positionOf(diagnostic));
      properties.push(['title', String(diagnostic.code)]);
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      const text = note === undefined ? message : `${message} (${displayPath(file)}: ${note})`;
      const command = COMMANDS[diagnostic.severity ?? 1] ?? 'error';
      lines.push(`::${command} ${properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',')}::${escapeData(text)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function positionOf(diagnostic: Diagnostic): Array<[string, number]> {
  const { start, end } = diagnostic.range;
  return [
    ['line', start.line + 1],
    ['col', start.character + 1],
    ['endLine', end.line + 1],
    ['endColumn', end.character + 1],
  ];
}

/** The escapes of @actions/core's `toCommandValue`: a message may not break the line the command is on. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape the `,` and `:` that separate properties and end the list. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
