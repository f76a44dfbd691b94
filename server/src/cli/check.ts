/**
 * `plist-sentinel check [paths or globs...] [--format text|json] [--platform NAME] [--product-type TYPE]`: the language service over
 * files on disk, for CI. Exit 1 when any error is reported, 2 for bad usage or an unreadable path, else 0.
 */
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Platform } from '../../../shared/src/catalog';
import { CATALOG } from '../../../shared/src/catalogData';
import { PRODUCT_TYPES, readProductType, type ProductType } from '../../../shared/src/target';
import { createTargetResolver, fileUri } from '../targetResolver';
import { readPlatform, PLATFORMS } from '../../../shared/src/settings';
import { fileKindOf, guessFileKind } from '../service/fileKind';
import { createLanguageService } from '../service/languageService';
import { expandPaths } from './findFiles';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const USAGE = `Usage:
  plist-sentinel check [paths or globs...] [--format text|json] [--platform ${PLATFORMS.join('|')}]
                       [--product-type ${PRODUCT_TYPES.join('|')}]
  plist-sentinel --stdio          start the language server on stdio

A folder means every *.entitlements and Info.plist / *-Info.plist inside it (node_modules, Pods, build and
DerivedData are skipped). With no path, the current folder is checked.
Exit status: 1 if any error is reported, 2 for bad usage or an unreadable path, else 0.`;

const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'] as const;

interface CheckOptions {
  readonly paths: string[];
  readonly format: 'text' | 'json';
  readonly platform: Platform | undefined;
  readonly productType: ProductType | undefined;
}

function parseArguments(args: readonly string[]): CheckOptions | string {
  const paths: string[] = [];
  let format: 'text' | 'json' = 'text';
  let platform: Platform | undefined;
  let productType: ProductType | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inlineValue ?? args[++index];
    if (flag === '--format') {
      const chosen = value();
      if (chosen !== 'text' && chosen !== 'json') return `--format must be text or json, not '${chosen ?? ''}'`;
      format = chosen;
    } else if (flag === '--platform') {
      const chosen = value();
      platform = readPlatform(chosen);
      if (platform === undefined) return `--platform must be one of ${PLATFORMS.join(', ')}, not '${chosen ?? ''}'`;
    } else if (flag === '--product-type') {
      const chosen = value();
      productType = readProductType(chosen);
      if (productType === undefined) return `--product-type must be one of ${PRODUCT_TYPES.join(', ')}, not '${chosen ?? ''}'`;
    } else if (flag.startsWith('-')) {
      return `unknown option '${flag}'`;
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length === 0 ? ['.'] : paths, format, platform, productType };
}

/** Runs the check and returns the exit code. */
export function runCheck(args: readonly string[], io: CliIo): number {
  const options = parseArguments(args);
  if (typeof options === 'string') {
    io.stderr(`plist-sentinel: ${options}\n\n${USAGE}\n`);
    return 2;
  }
  const service = createLanguageService(CATALOG);
  const resolver = createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => [] });
  const { files, errors } = expandPaths(options.paths);
  let hasUnreadable = errors.length > 0;
  for (const error of errors) io.stderr(`plist-sentinel: ${error}\n`);
  const results: Array<{ path: string; diagnostics: Diagnostic[] }> = [];
  const textLines: string[] = [];
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      io.stderr(`plist-sentinel: ${path}: cannot read (${error instanceof Error ? error.message : String(error)})\n`);
      hasUnreadable = true;
      continue;
    }
    const parsed = service.parse(text);
    const fileKind = fileKindOf(path) ?? guessFileKind(parsed, service.catalog);
    if (fileKind === undefined) {
      io.stderr(`plist-sentinel: ${path}: neither an .entitlements nor an Info.plist file; skipped\n`);
      continue;
    }
    const document = TextDocument.create(fileUri(path), fileKind, 1, text);
    const context = resolver.resolve({ filePath: path, fileKind, parsed, overrides: { platform: options.platform, productType: options.productType } });
    const diagnostics = service.validate(document, parsed, { fileKind, ...context, allowedKeys: new Set(), severity: {} });
    results.push({ path, diagnostics });
    for (const diagnostic of diagnostics) {
      const { line, character } = diagnostic.range.start;
      textLines.push(`${path}:${line + 1}:${character + 1}: ${SEVERITY_NAMES[diagnostic.severity ?? 1]} ${String(diagnostic.code)} ${typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value}`);
    }
  }
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ files: results }, null, 2)}\n`);
  } else {
    if (textLines.length > 0) io.stdout(`${textLines.join('\n')}\n`);
    const counts = countBySeverity(results);
    io.stderr(`${results.length} file${results.length === 1 ? '' : 's'} checked: ${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}\n`);
  }
  if (hasUnreadable) return 2;
  return countBySeverity(results).errors > 0 ? 1 : 0;
}

function countBySeverity(results: ReadonlyArray<{ diagnostics: Diagnostic[] }>): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const { diagnostics } of results) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === 1) errors++;
      else if (diagnostic.severity === 2) warnings++;
    }
  }
  return { errors, warnings };
}
