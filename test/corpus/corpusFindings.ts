/**
 * The errors and warnings the checker reports on each corpus, as the corpus tests and `npm run corpus:judged`
 * compare them with the judgements: the apps corpus through the service with each file's platform guess, the
 * projects corpus through the CLI on the whole folder, as a user would run it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CATALOG } from '../../shared/src/catalogData';
import { runCheck } from '../../server/src/cli/check';
import { createLanguageService } from '../../server/src/service/languageService';
import { loadCorpusFiles, targetOf } from './corpusFiles';
import { FALSE_SILENCE, findingText, type CorpusFinding } from './judgements';

export const PROJECTS = path.join(__dirname, 'projects');
export const PROJECT_FILES = path.join(PROJECTS, 'files');

/** One file of the projects corpus as the CLI reported it, its path relative to `files/`. */
export interface CheckedFile {
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Errors and warnings only: the levels a CI job fails on. */
const isJudged = (diagnostic: Diagnostic): boolean => (diagnostic.severity ?? 1) <= 2;

export function appsFindings(): CorpusFinding[] {
  const service = createLanguageService(CATALOG);
  const findings: CorpusFinding[] = [];
  for (const { file, kind, platformGuess, text } of loadCorpusFiles()) {
    const document = TextDocument.create(`file:///${file}`, kind, 1, text);
    const diagnostics = service.validate(document, service.parse(text), { fileKind: kind, target: targetOf(platformGuess), allowedKeys: new Set(), severity: {} });
    for (const diagnostic of diagnostics.filter(isJudged)) {
      findings.push({ file: `apps/${file}`, code: String(diagnostic.code), text: findingText(text, document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)) });
    }
  }
  return findings;
}

/** The CLI's JSON report over the whole projects folder. */
export function checkProjects(): CheckedFile[] {
  let stdout = '';
  runCheck(['--format', 'json', PROJECT_FILES], { stdout: (text) => (stdout += text), stderr: () => undefined });
  const report = JSON.parse(stdout) as { files: Array<{ path: string; diagnostics: Diagnostic[] }> };
  return report.files.map((file) => ({ path: path.relative(PROJECT_FILES, path.resolve(file.path)).split(path.sep).join('/'), diagnostics: file.diagnostics }));
}

/** The manifest's entitlements files, relative to `files/`. */
export function projectEntitlementsFiles(): string[] {
  return readFileSync(path.join(PROJECTS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).flatMap((line) => {
    const [repo = '', repoPath = '', , kind = ''] = line.split('\t');
    return kind === 'entitlements' ? [`${repo.replace('/', '__')}/${repoPath}`] : [];
  });
}

/** Errors and warnings of the checked files, and a false silence for each entitlements file not checked. */
export function projectsFindings(checked: readonly CheckedFile[] = checkProjects()): CorpusFinding[] {
  const findings: CorpusFinding[] = [];
  for (const file of checked) {
    const document = TextDocument.create('file:///x', 'plist', 1, readFileSync(path.join(PROJECT_FILES, file.path), 'utf8'));
    for (const diagnostic of file.diagnostics.filter(isJudged)) {
      const text = findingText(document.getText(), document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
      findings.push({ file: `projects/${file.path}`, code: String(diagnostic.code), text });
    }
  }
  const checkedPaths = new Set(checked.map((file) => file.path));
  for (const file of projectEntitlementsFiles().filter((file) => !checkedPaths.has(file))) findings.push({ file: `projects/${file}`, code: FALSE_SILENCE, text: '' });
  return findings;
}
