/**
 * Runs one text through every entry point of the language service, as both kinds of file and for a plain and a
 * platform-specific target, and returns what went wrong: a throw, a range outside the document, a node whose
 * offsets do not nest, a parse that differs from the token loop's (sameParse.ts), or a call slower than the time
 * bound. The fuzz test, `npm run fuzz` and the hostile-input
 * tests share it, so they agree on what "did not break" means.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { FileKind } from '../../shared/src/catalog';
import { UNKNOWN_TARGET, type TargetInfo } from '../../shared/src/target';
import type { LanguageService, ValidationOptions } from '../../server/src/service/languageService';
import type { PlistDocument, ValueNode } from '../../server/src/service/plist/nodes';
import { parsePlistByTokens } from '../../server/src/service/plist/parser';
import { toValue } from '../../server/src/service/plist/value';
import type { Random } from './mutations';
import { parseDifference } from './sameParse';

export interface CheckOptions {
  /** Milliseconds any one entry point may take on this input. */
  readonly timeBoundMs: number;
  /** Where to ask for hover and completion besides the key and value offsets (random offsets when given). */
  readonly random?: Random;
  /** How many offsets to ask hover and completion about (the ends and middle first, then keys, then random). */
  readonly probeCount?: number;
}

export interface CheckResult {
  readonly failures: string[];
  /** The slowest single call, for reports. */
  readonly slowestMs: number;
  readonly slowest: string;
}

const TARGETS: readonly TargetInfo[] = [
  UNKNOWN_TARGET,
  { platforms: ['iOS'], platformSource: 'project', productType: 'app-clip', reasons: ['fuzz'] },
];

/** Every entry point of `service` on `text`; never throws itself. */
export function checkInput(service: LanguageService, text: string, options: CheckOptions): CheckResult {
  const failures: string[] = [];
  let slowestMs = 0;
  let slowest = '';
  const call = <T>(label: string, work: () => T): T | undefined => {
    const start = performance.now();
    try {
      return work();
    } catch (error) {
      failures.push(`${label} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    } finally {
      const elapsed = performance.now() - start;
      if (elapsed > slowestMs) {
        slowestMs = elapsed;
        slowest = label;
      }
      if (elapsed > options.timeBoundMs) failures.push(`${label} took ${elapsed.toFixed(0)} ms (bound ${options.timeBoundMs} ms)`);
    }
  };

  const parsed = call('parse', () => service.parse(text));
  if (parsed === undefined) return { failures, slowestMs, slowest };
  const difference = parseDifference(parsed, parsePlistByTokens(text));
  if (difference !== undefined) failures.push(`parse differs from parsePlistByTokens: ${difference}`);
  checkTree(parsed, text.length, failures);
  call('toValue', () => toValue(parsed));
  const offsets = probeOffsets(parsed, text.length, options.random).slice(0, options.probeCount ?? 24);

  for (const fileKind of ['entitlements', 'infoPlist'] as const satisfies readonly FileKind[]) {
    const document = TextDocument.create(fileKind === 'entitlements' ? 'file:///fuzz/App.entitlements' : 'file:///fuzz/Info.plist', fileKind, 1, text);
    const inRange = (what: string, range: Range | undefined) => {
      if (range !== undefined && !isRangeInside(document, range)) failures.push(`${what} range ${JSON.stringify(range)} is outside the document`);
    };
    for (const target of TARGETS) {
      const context = { fileKind, target, allowedKeys: new Set<string>() };
      const validationOptions: ValidationOptions = { ...context, allowedKeys: new Set<string>(), severity: {} };
      const label = `${fileKind}/${target.platforms.join(',') || 'any'}`;
      const diagnostics: Diagnostic[] = call(`validate ${label}`, () => service.validate(document, parsed, validationOptions)) ?? [];
      for (const diagnostic of diagnostics) {
        inRange(`diagnostic ${String(diagnostic.code)}`, diagnostic.range);
        for (const related of diagnostic.relatedInformation ?? []) inRange('related information', related.location.range);
      }
      const actions = call(`quickFixes ${label}`, () => service.quickFixes(document, parsed, diagnostics)) ?? [];
      for (const action of actions) for (const edit of action.edit?.changes?.[document.uri] ?? []) inRange(`quick fix '${action.title}'`, edit.range);
      // Hover and completion read the target only for wording; asking once per file kind is enough.
      for (const offset of target === TARGETS[0] ? offsets : []) {
        const hover = call(`hover ${label} at ${offset}`, () => service.hover(document, parsed, offset, context));
        inRange('hover', hover?.range);
        const completions = call(`complete ${label} at ${offset}`, () => service.complete(document, parsed, offset, context));
        for (const item of completions?.items ?? []) {
          const edit = item.textEdit;
          if (edit !== undefined) inRange(`completion '${item.label}'`, 'range' in edit ? edit.range : edit.replace);
          for (const extra of item.additionalTextEdits ?? []) inRange(`completion '${item.label}' extra edit`, extra.range);
        }
      }
    }
    const symbols = call(`documentSymbols ${fileKind}`, () => service.documentSymbols(document, parsed)) ?? [];
    for (let work = [...symbols], symbol = work.pop(); symbol !== undefined; symbol = work.pop()) {
      inRange(`symbol '${symbol.name}'`, symbol.range);
      inRange(`symbol '${symbol.name}' selection`, symbol.selectionRange);
      for (const child of symbol.children ?? []) work.push(child);
    }
    for (const folding of call(`foldingRanges ${fileKind}`, () => service.foldingRanges(document, parsed)) ?? []) {
      if (folding.startLine < 0 || folding.endLine >= document.lineCount || folding.startLine > folding.endLine) failures.push(`folding range ${JSON.stringify(folding)} is outside the document`);
    }
    const edits: TextEdit[] = call(`format ${fileKind}`, () => service.format(document, parsed)) ?? [];
    for (const edit of edits) inRange('format edit', edit.range);
  }
  return { failures, slowestMs, slowest };
}

/** Offsets worth asking hover and completion about: every key and value boundary (a sample), ends, random ones. */
function probeOffsets(parsed: PlistDocument, length: number, random: Random | undefined): number[] {
  const offsets = new Set<number>([0, length, Math.floor(length / 2)]);
  const nodes: ValueNode[] = parsed.root === undefined ? [] : [parsed.root];
  let budget = 12;
  for (let node = nodes.pop(); node !== undefined && budget > 0; node = nodes.pop()) {
    if (node.kind === 'dict') {
      for (const entry of node.entries) {
        offsets.add(entry.key.textOffset);
        offsets.add(entry.key.textEnd);
        if (entry.value !== undefined) nodes.push(entry.value);
      }
      budget--;
    } else if (node.kind === 'array') {
      for (const item of node.items) nodes.push(item);
    } else {
      offsets.add(node.textOffset);
      budget--;
    }
  }
  const random4 = random === undefined ? [] : [0, 1, 2, 3].map(() => random.below(length + 1));
  // Interleave random offsets early, so a small probe count still gets some.
  return [...new Set([...[...offsets].slice(0, 3), ...random4, ...offsets])];
}

/** Node offsets nest: the element contains its text, children sit inside their parent, all within the text. */
function checkTree(parsed: PlistDocument, length: number, failures: string[]): void {
  for (const problem of parsed.problems) {
    if (problem.offset < 0 || problem.length < 0 || problem.offset + problem.length > length) failures.push(`syntax problem ${JSON.stringify(problem)} is outside the text`);
  }
  const work: ValueNode[] = parsed.root === undefined ? [] : [parsed.root];
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    if (!(node.offset >= 0 && node.offset <= node.end && node.end <= length)) failures.push(`${node.kind} at ${node.offset}..${node.end} is outside the text`);
    if (node.parent !== undefined && (node.offset < node.parent.offset || node.end > node.parent.end)) failures.push(`${node.kind} at ${node.offset} is outside its parent`);
    if (node.kind === 'dict') {
      for (const { key, value } of node.entries) {
        if (!(key.offset <= key.textOffset && key.textOffset <= key.textEnd && key.textEnd <= key.end && key.end <= length)) failures.push(`key at ${key.offset} has offsets out of order`);
        if (value !== undefined) work.push(value);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) work.push(item);
    } else if (!(node.offset <= node.textOffset && node.textOffset <= node.textEnd && node.textEnd <= node.end)) {
      failures.push(`${node.kind} at ${node.offset} has offsets out of order`);
    }
  }
}

function isPositionInside(document: TextDocument, position: Position): boolean {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0) return false;
  if (position.line >= document.lineCount) return false;
  // A position is inside when it round-trips through an offset unchanged (past a line's end it would be clamped).
  const roundTrip = document.positionAt(document.offsetAt(position));
  return roundTrip.line === position.line && roundTrip.character === position.character;
}

function isRangeInside(document: TextDocument, range: Range): boolean {
  return isPositionInside(document, range.start) && isPositionInside(document, range.end) && document.offsetAt(range.start) <= document.offsetAt(range.end);
}
