/**
 * Quick fixes are lossless, as a property over the whole corpus: every fix offered for every diagnostic of every
 * file, applied, gives a well-formed plist (for us and for the `plist` package), and every edit lies inside the
 * fixed entry (its key and value, or the lines they fill), so the rest of the text is kept byte for byte.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import type { DictEntry, PlistDocument, ValueNode } from '../../server/src/service/plist/nodes';
import { toValue, type PlistValue } from '../../server/src/service/plist/value';
import { loadCorpusFiles, normalizeValue, targetOf } from './corpusFiles';

/** The innermost dict entry whose key-to-value span holds `offset`. */
function entryAround(parsed: PlistDocument, offset: number): DictEntry | undefined {
  let found: DictEntry | undefined;
  const work: ValueNode[] = parsed.root === undefined ? [] : [parsed.root];
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    if (node.kind === 'dict') {
      for (const entry of node.entries) {
        const end = entry.value?.end ?? entry.key.end;
        if (entry.key.offset <= offset && offset <= end) {
          found = entry;
          if (entry.value !== undefined) work.push(entry.value);
        }
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) if (item.offset <= offset && offset <= item.end) work.push(item);
    }
  }
  return found;
}

/** The dict below the top level of `value` that holds `key`, found depth first. */
function homeOf(value: Record<string, unknown>, key: string, depth = 0): Record<string, unknown> | undefined {
  if (depth > 0 && key in value) return value;
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      const found = homeOf(child as Record<string, unknown>, key, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** `value` with `key` taken out of every nested dict, to compare what a move leaves untouched. */
function withoutNested(value: Record<string, unknown>, key: string, depth = 0): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) {
    if (depth > 0 && name === key) continue;
    copy[name] = typeof child === 'object' && child !== null && !Array.isArray(child) ? withoutNested(child as Record<string, unknown>, key, depth + 1) : child;
  }
  // A dict the move made holds nothing else: it is dropped, so a made dict compares as an absent one.
  return Object.fromEntries(Object.entries(copy).filter(([, child]) => !(typeof child === 'object' && child !== null && !Array.isArray(child) && Object.keys(child).length === 0)));
}

/** Where a fix of `entry` may change the text: the entry, widened to the whole lines it fills. */
function allowedSpan(text: string, entry: DictEntry): { start: number; end: number } {
  const start = text.lastIndexOf('\n', entry.key.offset - 1) + 1;
  const lineEnd = text.indexOf('\n', entry.value?.end ?? entry.key.end);
  return { start, end: lineEnd < 0 ? text.length : lineEnd + 1 };
}

describe('quick fixes on the corpus (test/corpus/apps)', function () {
  this.timeout(60_000);
  const service = createLanguageService(CATALOG);

  it('applies every offered fix losslessly: well-formed, and changed only at the fixed key or value', async () => {
    const plist = await import('plist');
    let applied = 0;
    const failures: string[] = [];
    for (const { file, kind, platformGuess, text } of loadCorpusFiles()) {
      const document = TextDocument.create(`file:///corpus/${file}`, kind, 1, text);
      const parsed = service.parse(text);
      const diagnostics: Diagnostic[] = service.validate(document, parsed, { fileKind: kind, target: targetOf(platformGuess), allowedKeys: new Set(), severity: {} });
      for (const diagnostic of diagnostics) {
        const entry = entryAround(parsed, document.offsetAt(diagnostic.range.start));
        for (const action of service.quickFixes(document, parsed, [diagnostic])) {
          const edits = action.edit?.changes?.[document.uri];
          // Fixes that only edit the other file of the target need that file; the corpus checks files alone.
          if (edits === undefined || edits.length === 0) continue;
          const label = `${file}: ${String(diagnostic.code)} '${text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end))}' -> ${action.title}`;
          const fixed = TextDocument.applyEdits(document, edits);
          applied++;
          const reparsed = service.parse(fixed);
          if (reparsed.problems.length > 0) {
            failures.push(`${label}: not well-formed: ${reparsed.problems.map((problem) => problem.message).join('; ')}`);
            continue;
          }
          try {
            assert.deepEqual(normalizeValue(plist.parse(fixed)), normalizeValue(toValue(reparsed) as PlistValue));
          } catch (error) {
            failures.push(`${label}: the plist package reads it differently: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
            continue;
          }
          const before = normalizeValue(plist.parse(text)) as Record<string, unknown>;
          const after = normalizeValue(plist.parse(fixed)) as Record<string, unknown>;
          // A fix that changes no value (a suppression comment) is held to the entry's span below, like any other.
          if (diagnostic.code === 'missing-companion' && JSON.stringify(after) !== JSON.stringify(before)) {
            // A key another key of the same file needs: one pure insertion, adding exactly that key and nothing else.
            const added = Object.keys(after).filter((key) => !(key in before));
            const rest = Object.fromEntries(Object.entries(after).filter(([key]) => key !== added[0]));
            if (edits.some((edit) => document.offsetAt(edit.range.start) !== document.offsetAt(edit.range.end)) || added.length !== 1 || JSON.stringify(rest) !== JSON.stringify(before)) {
              failures.push(`${label}: not one insertion of one new key (added ${added.join(', ') || 'none'})`);
            }
            continue;
          }
          if (diagnostic.code === 'misplaced-key' && action.title.startsWith('Move ') && entry !== undefined && JSON.stringify(after) !== JSON.stringify(before)) {
            // A sub-key moved into its dict in this file: gone from the top level, held there with its value, and the rest unchanged.
            const key = entry.key.text;
            const home = homeOf(after, key);
            const rest = { ...after };
            delete rest[key];
            const { [key]: moved, ...restBefore } = before;
            if (home === undefined || JSON.stringify(home[key]) !== JSON.stringify(moved) || JSON.stringify(withoutNested(rest, key)) !== JSON.stringify(withoutNested(restBefore, key))) {
              failures.push(`${label}: not a move of '${key}' into one dict with the rest unchanged`);
            }
            continue;
          }
          if (entry === undefined) {
            failures.push(`${label}: the diagnostic is on no entry`);
            continue;
          }
          // Text outside the edits is kept as it was, so every edit must sit inside the fixed entry.
          const span = allowedSpan(text, entry);
          for (const edit of edits) {
            const start = document.offsetAt(edit.range.start);
            const end = document.offsetAt(edit.range.end);
            if (start < span.start || end > span.end) failures.push(`${label}: edits ${start}..${end}, outside the entry's ${span.start}..${span.end}`);
          }
        }
      }
    }
    assert.deepEqual(failures.slice(0, 10), []);
    assert.ok(applied > 50, `only ${applied} fixes were applied: the property was hardly tested`);
  });
});
