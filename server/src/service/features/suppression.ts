/**
 * Inline suppression: `<!-- plist-sentinel-disable-next-line CODE, CODE -->` before an entry, and
 * `<!-- plist-sentinel-disable CODE -->` ... `<!-- plist-sentinel-enable CODE -->` around a stretch of the file (no
 * code: every code). A directive that suppresses nothing is reported as `unused-suppression`, as ESLint's
 * `--report-unused-disable-directives` does, so that a stale comment cannot hide the next mistake on its line.
 * The directives come from the parse (`PlistDocument.directiveComments`); nothing here scans the text for comments.
 */
import { ALL_DIAGNOSTIC_CODES, isDiagnosticCode, type DiagnosticCode } from '../../../../shared/src/diagnosticCodes';
import { DIRECTIVE_PREFIX } from '../plist/parser';
import type { PlistDocument } from '../plist/nodes';
import { entryEndAt } from '../model/documentModel';
import type { Problem } from '../types';
import type { ValidationOptions } from './validation';

/** The codes this module reports itself, after every rule has run (no rule can know what was suppressed). */
export const SUPPRESSION_CODES: readonly DiagnosticCode[] = ['unused-suppression'];

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

/** One suppression comment as written. */
export interface Directive {
  readonly kind: DirectiveKind | undefined;
  /** The comment's offsets, `<!--` to past `-->`. */
  readonly offset: number;
  readonly end: number;
  /** The codes it names, as written; empty for every code. */
  readonly codes: readonly string[];
  /** The word after `plist-sentinel-` when it names no directive (`plist-sentinel-disable-nextline`). */
  readonly unknownName?: string;
}

/** A stretch of the file where `codes` (all when undefined) are not reported, and which directive made it. */
interface Suppression {
  readonly from: number;
  /** Exclusive. */
  to: number;
  readonly codes: ReadonlySet<string> | undefined;
  readonly directive: number;
}

const DIRECTIVE = /^plist-sentinel-([a-z-]*)(?:\s+([^]*?))?\s*$/;
const KINDS: readonly DirectiveKind[] = ['disable-next-line', 'disable', 'enable'];

/** The directives of a document, in source order. */
export function directivesOf(parsed: PlistDocument): Directive[] {
  const directives: Directive[] = [];
  const comments = parsed.directiveComments;
  for (let index = 0; index < comments.length; index++) {
    const comment = comments.at(index);
    if (comment === undefined) continue;
    const content = parsed.text.slice(comment.offset + 4, comment.end - 3).trim();
    const match = DIRECTIVE.exec(content);
    if (match === null || !content.startsWith(DIRECTIVE_PREFIX)) continue;
    const name = match[1] ?? '';
    const codes = (match[2] ?? '').split(/[\s,]+/).filter((code) => code !== '');
    const kind = KINDS.find((known) => known === name);
    directives.push(kind === undefined ? { kind, offset: comment.offset, end: comment.end, codes, unknownName: name } : { kind, offset: comment.offset, end: comment.end, codes });
  }
  return directives;
}

/**
 * `problems` without those a directive suppresses, plus an `unused-suppression` problem for each directive (or
 * each code it names) that suppressed nothing. `problems` are sorted by offset and so is the result.
 */
export function applySuppressions(parsed: PlistDocument, problems: readonly Problem[], options: ValidationOptions): readonly Problem[] {
  if (parsed.directiveComments.length === 0) return problems;
  const directives = directivesOf(parsed);
  const suppressions = suppressionsOf(parsed, directives);
  // Per directive, the codes it suppressed something for; '*' when it names none.
  const used = directives.map(() => new Set<string>());
  const kept: Problem[] = [];
  // A sweep: suppressions sorted by start, the active ones kept while the problems' offsets pass through them.
  const ordered = [...suppressions].sort((a, b) => a.from - b.from);
  let nextSuppression = 0;
  let active: Suppression[] = [];
  for (const problem of problems) {
    while (nextSuppression < ordered.length && (ordered[nextSuppression] as Suppression).from <= problem.offset) active.push(ordered[nextSuppression++] as Suppression);
    if (active.some((suppression) => suppression.to <= problem.offset)) active = active.filter((suppression) => suppression.to > problem.offset);
    let isSuppressed = false;
    for (const suppression of active) {
      if (suppression.codes !== undefined && !suppression.codes.has(problem.code)) continue;
      isSuppressed = true;
      (used[suppression.directive] as Set<string>).add(suppression.codes === undefined ? '*' : problem.code);
    }
    if (!isSuppressed) kept.push(problem);
  }
  if (options.severity['unused-suppression'] === 'off') return kept;
  const unused = unusedProblems(parsed, directives, suppressions, used, options);
  return unused.length === 0 ? kept : [...kept, ...unused].sort((a, b) => a.offset - b.offset);
}

function suppressionsOf(parsed: PlistDocument, directives: readonly Directive[]): Suppression[] {
  const suppressions: Suppression[] = [];
  const text = parsed.text;
  // The open disable stretches by code ('*' for every code).
  const open = new Map<string, Suppression>();
  const directiveEnds = new Map(directives.map((directive) => [directive.offset, directive.end]));
  directives.forEach((directive, index) => {
    const codes = directive.codes.filter(isDiagnosticCode);
    if (directive.kind === 'disable-next-line') {
      // Stacked comments all speak of the line below the last of them (one per code, or one added by the fix).
      let target = skipBlanks(text, directive.end);
      for (let end = directiveEnds.get(target); end !== undefined; end = directiveEnds.get(target)) target = skipBlanks(text, end);
      if (target >= text.length) return;
      const lineStart = text.lastIndexOf('\n', target - 1) + 1;
      const lineBreak = text.indexOf('\n', target);
      const lineEnd = lineBreak < 0 ? text.length : lineBreak;
      suppressions.push({ from: lineStart, to: Math.max(lineEnd, entryEndAt(parsed, target)), codes: directive.codes.length === 0 ? undefined : new Set(codes), directive: index });
    } else if (directive.kind === 'disable') {
      for (const code of directive.codes.length === 0 ? ['*'] : codes) {
        const previous = open.get(code);
        if (previous !== undefined) previous.to = directive.offset;
        const suppression: Suppression = { from: directive.end, to: text.length, codes: code === '*' ? undefined : new Set([code]), directive: index };
        open.set(code, suppression);
        suppressions.push(suppression);
      }
    } else if (directive.kind === 'enable') {
      for (const code of directive.codes.length === 0 ? [...open.keys()] : codes) {
        const suppression = open.get(code);
        if (suppression === undefined) continue;
        suppression.to = directive.offset;
        open.delete(code);
      }
    }
  });
  return suppressions;
}

function skipBlanks(text: string, from: number): number {
  let offset = from;
  while (offset < text.length && /\s/.test(text.charAt(offset))) offset++;
  return offset;
}

/**
 * Whether this validation could have reported `code` at all: a code that is off, or whose rule lacks what it
 * needs here (a profile, the companion file, a known target), says nothing about a suppression of it. Without
 * this, a comment for a profile finding seen in the editor would be "unused" in a CI run without the profile.
 */
function couldReport(code: DiagnosticCode, options: ValidationOptions): boolean {
  if (options.severity[code] === 'off') return false;
  if (code.startsWith('profile-')) return options.profile !== undefined;
  if (code === 'missing-companion') return options.companion !== undefined;
  if (code === 'platform-mismatch') return options.target.platforms.length > 0;
  if (code === 'app-clip-unsupported') return options.target.productType === 'app-clip';
  return true;
}

function unusedProblems(parsed: PlistDocument, directives: readonly Directive[], suppressions: readonly Suppression[], used: ReadonlyArray<ReadonlySet<string>>, options: ValidationOptions): Problem[] {
  const problems: Problem[] = [];
  // An enable is used when it ends a stretch that suppressed something, or one whose codes cannot be judged here.
  const endedBy = new Map<number, number[]>();
  for (const suppression of suppressions) {
    const directive = directives[suppression.directive] as Directive;
    if (directive.kind !== 'disable') continue;
    const enable = directives.findIndex((other) => other.kind === 'enable' && other.offset === suppression.to);
    if (enable >= 0) endedBy.set(enable, [...(endedBy.get(enable) ?? []), suppression.directive]);
  }
  directives.forEach((directive, index) => {
    const report = (message: string, replacement: string) => problems.push(unusedProblem(directive, message, replacement));
    if (directive.kind === undefined) {
      report(`Unknown directive '${DIRECTIVE_PREFIX}${directive.unknownName ?? ''}'; use ${KINDS.map((kind) => DIRECTIVE_PREFIX + kind).join(', ')}`, '');
      return;
    }
    const unknownCodes = directive.codes.filter((code) => !isDiagnosticCode(code));
    if (directive.kind === 'enable') {
      const ended = endedBy.get(index) ?? [];
      if (ended.length === 0) report(`Nothing to enable: no ${DIRECTIVE_PREFIX}disable${directive.codes.length === 0 ? '' : ` ${directive.codes.join(', ')}`} is open here`, '');
      else if (unknownCodes.length > 0) report(unknownCodesMessage(unknownCodes), rewritten(parsed, directive, unknownCodes));
      return;
    }
    const usedCodes = used[index] as ReadonlySet<string>;
    if (directive.codes.length === 0) {
      if (usedCodes.size === 0 && everyCodeJudgeable(options)) report(`Unused suppression: nothing is reported ${directive.kind === 'disable' ? 'in this stretch' : 'on the next line'}`, '');
      return;
    }
    const unusedCodes = directive.codes.filter((code) => !usedCodes.has(code) && (!isDiagnosticCode(code) || couldReport(code, options)));
    if (unusedCodes.length === 0) return;
    const isEveryCodeUnused = unusedCodes.length === directive.codes.length;
    const what = unusedCodes.filter(isDiagnosticCode);
    const message = what.length === 0 ? unknownCodesMessage(unknownCodes) : `Unused suppression: no ${what.map((code) => `'${code}'`).join(' or ')} ${directive.kind === 'disable' ? 'in this stretch' : 'on the next line'}${unknownCodes.length === 0 ? '' : `; ${unknownCodesMessage(unknownCodes)}`}`;
    report(message, isEveryCodeUnused ? '' : rewritten(parsed, directive, unusedCodes));
  });
  return problems;
}

/** A blanket directive is judged only when every code could have been reported here (no context is missing). */
function everyCodeJudgeable(options: ValidationOptions): boolean {
  return ALL_DIAGNOSTIC_CODES.every((code) => code === 'unused-suppression' || options.severity[code] === 'off' || couldReport(code, options));
}

function unknownCodesMessage(codes: readonly string[]): string {
  return `${codes.map((code) => `'${code}'`).join(', ')} ${codes.length === 1 ? 'is' : 'are'} not a plist-sentinel code`;
}

/** The directive's comment with `dropped` codes left out. */
function rewritten(parsed: PlistDocument, directive: Directive, dropped: readonly string[]): string {
  const kept = directive.codes.filter((code) => !dropped.includes(code));
  const original = parsed.text.slice(directive.offset, directive.end);
  const isSpaced = /^<!--\s/.test(original);
  return isSpaced ? `<!-- ${DIRECTIVE_PREFIX}${directive.kind ?? ''} ${kept.join(', ')} -->` : `<!--${DIRECTIVE_PREFIX}${directive.kind ?? ''} ${kept.join(', ')}-->`;
}

function unusedProblem(directive: Directive, message: string, replacement: string): Problem {
  return { code: 'unused-suppression', offset: directive.offset, length: directive.end - directive.offset, message, data: { suppressionReplacement: replacement }, isUnnecessary: true };
}
