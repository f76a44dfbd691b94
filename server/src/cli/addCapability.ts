/**
 * `plist-sentinel add-capability NAME PATH... [--write]`: adds one of Xcode's capabilities to a target's
 * entitlements file and Info.plist, as Signing & Capabilities would. Prints the change as a unified diff (a new file
 * in full), or writes it with `--write`. `--list` prints the capabilities that fit the target instead.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG } from '../../../shared/src/catalogData';
import { readPlatform } from '../../../shared/src/settings';
import { readProductType } from '../../../shared/src/target';
import { targetFilesOf, textAfter } from '../capabilityFiles';
import { capabilitiesFor, findCapability, planCapability, whyNotFor } from '../service/capabilities/addCapability';
import { createLanguageService } from '../service/languageService';
import { createTargetResolver } from '../targetResolver';
import type { CliIo } from './check';

export const ADD_CAPABILITY_USAGE = `Usage: plist-sentinel add-capability NAME PATH... [--write] [--platform P] [--product-type T]
       plist-sentinel add-capability --list PATH...
Adds Xcode's capability NAME (e.g. "Push Notifications", app-groups) to the target whose .entitlements file and/or
Info.plist are given; the other file is found from the Xcode project or beside the first, and an entitlements file
that does not exist yet is made. Prints the change as a diff; --write applies it. --list shows what fits.`;

/** Plists are small; a bigger file is not one to rewrite. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function runAddCapability(args: readonly string[], io: CliIo): number {
  let values: { write?: boolean; list?: boolean; platform?: string; 'product-type'?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { write: { type: 'boolean' }, list: { type: 'boolean' }, platform: { type: 'string' }, 'product-type': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`plist-sentinel add-capability: ${error instanceof Error ? error.message : String(error)}\n\n${ADD_CAPABILITY_USAGE}\n`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(`${ADD_CAPABILITY_USAGE}\n`);
    return 0;
  }
  const platform = values.platform === undefined ? undefined : readPlatform(values.platform);
  const productType = values['product-type'] === undefined ? undefined : readProductType(values['product-type']);
  if ((values.platform !== undefined && platform === undefined) || (values['product-type'] !== undefined && productType === undefined)) {
    io.stderr(`plist-sentinel add-capability: unknown --platform or --product-type\n\n${ADD_CAPABILITY_USAGE}\n`);
    return 2;
  }
  const [name, ...paths] = values.list === true ? ['', ...positionals] : positionals;
  if (name === undefined || paths.length === 0) {
    io.stderr(`${ADD_CAPABILITY_USAGE}\n`);
    return 2;
  }
  const service = createLanguageService(CATALOG);
  const resolver = createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => [], isSnapshot: true });
  const found = targetFilesOf(service, resolver, { paths: paths.map((given) => path.resolve(given)), overrides: { platform, productType }, readText });
  if (typeof found === 'string') {
    io.stderr(`plist-sentinel add-capability: ${found}\n`);
    return 2;
  }
  const targetLine = `Target: ${found.target.platforms.join(', ') || 'platforms unknown'}${found.target.productType === undefined ? '' : ` ${found.target.productType}`}`;
  if (values.list === true) {
    io.stdout(`${targetLine}\n`);
    for (const capability of capabilitiesFor(CATALOG, found.target)) {
      const approval = capability.approval.required ? '  [Apple must approve]' : '';
      io.stdout(`  ${capability.name} (${capability.id})${approval}\n`);
    }
    return 0;
  }
  const capability = findCapability(CATALOG, name);
  if (capability === undefined) {
    io.stderr(`plist-sentinel add-capability: no capability named '${name}'; see add-capability --list PATH\n`);
    return 1;
  }
  const whyNot = whyNotFor(capability, found.target);
  if (whyNot !== undefined) {
    io.stderr(`plist-sentinel add-capability: ${whyNot}\n`);
    return 1;
  }
  const plan = planCapability(capability, found.target, found.files);
  const cwd = process.cwd();
  for (const edit of plan.fileEdits) {
    const filePath = found.paths[edit.file];
    const before = found.files[edit.file].text;
    const after = textAfter(edit, before);
    const shown = path.relative(cwd, filePath) || filePath;
    if (values.write === true) {
      mkdirSync(path.dirname(filePath), { recursive: true });
      writeFileSync(filePath, after);
      io.stdout(`${edit.isNew ? 'Created' : 'Updated'} ${shown}\n`);
    } else {
      io.stdout(unifiedDiff(shown, edit.isNew ? undefined : (before ?? ''), after));
    }
  }
  if (plan.fileEdits.length === 0) io.stdout(`${capability.name} is already there: nothing to change.\n`);
  for (const note of [...found.notes, ...plan.notes]) io.stderr(`note: ${note}\n`);
  return 0;
}

function readText(filePath: string): string | undefined {
  if (!existsSync(filePath)) return undefined;
  const stat = statSync(filePath);
  if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
  return readFileSync(filePath, 'utf8');
}

/**
 * A unified diff of `before` and `after` with three lines of context. Capability edits only insert lines or
 * replace `<dict/>` and `<array/>`, so an LCS over the lines of these small files is plenty.
 */
export function unifiedDiff(name: string, before: string | undefined, after: string): string {
  const a = before === undefined ? [] : splitLines(before);
  const b = splitLines(after);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${name}`}\n+++ b/${name}\n`;
  const ops = lineDiff(a, b);
  const changes = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const hunks: string[] = [];
  const context = 3;
  for (let group = 0; group < changes.length; ) {
    // Changes closer than twice the context share a hunk.
    let last = group;
    while (last + 1 < changes.length && (changes[last + 1] as number) - (changes[last] as number) <= context * 2) last++;
    const start = Math.max(0, (changes[group] as number) - context);
    const end = Math.min(ops.length, (changes[last] as number) + context + 1);
    const slice = ops.slice(start, end);
    const aStart = ops.slice(0, start).filter((op) => op.kind !== '+').length;
    const bStart = ops.slice(0, start).filter((op) => op.kind !== '-').length;
    const aCount = slice.filter((op) => op.kind !== '+').length;
    const bCount = slice.filter((op) => op.kind !== '-').length;
    hunks.push(`@@ -${aCount === 0 ? aStart : aStart + 1},${aCount} +${bCount === 0 ? bStart : bStart + 1},${bCount} @@\n${slice.map((op) => `${op.kind}${op.line}\n`).join('')}`);
    group = last + 1;
  }
  return header + hunks.join('');
}

interface DiffOp {
  readonly kind: ' ' | '-' | '+';
  readonly line: string;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function lineDiff(a: readonly string[], b: readonly string[]): DiffOp[] {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table = new Uint32Array(rows * columns);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * columns + j] = a[i] === b[j] ? (table[(i + 1) * columns + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * columns + j] ?? 0, table[i * columns + j + 1] ?? 0);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || (table[i * columns + j + 1] ?? 0) >= (table[(i + 1) * columns + j] ?? 0))) {
      ops.push({ kind: '+', line: b[j] as string });
      j++;
    } else {
      ops.push({ kind: '-', line: a[i] as string });
      i++;
    }
  }
  return ops;
}
