/**
 * Runs the agent tools (`tools.ts`) for a host, the MCP server or the language server: narrows the arguments, reads
 * a checked file only when it lies inside the roots the host was given (after resolving symlinks, so a link out
 * of the workspace is refused too), and finds the file's target the way the CLI does.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileKind, Platform } from '../../../shared/src/catalog';
import { PLATFORMS, readPlatform } from '../../../shared/src/settings';
import { UNKNOWN_TARGET, type TargetInfo } from '../../../shared/src/target';
import { fileKindOf, guessFileKind } from '../service/fileKind';
import type { LanguageService } from '../service/languageService';
import { createTargetResolver, fileUri, type TargetResolver } from '../targetResolver';
import type { RequiredReasonUse } from '../service/privacy/requiredReasonUses';
import { scanRequiredReasonUses } from '../privacySources';
import { checkPlist, findKeysForFeature, lookupKey, TOOL_DEFINITIONS, type ToolName } from './tools';

/** An answer as data, or why there is none, in words an agent can act on. */
export type ToolOutcome = { readonly isError: false; readonly value: unknown } | { readonly isError: true; readonly message: string };

export interface ToolRunner {
  /** The real folders files may be read from. */
  readonly roots: readonly string[];
  call(name: string, args: unknown): ToolOutcome;
}

/** Plists are small; a larger file is not one an agent should have the server read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * A runner over `roots` (made real here; a root that does not exist is left out). `openText` gives the text of a
 * file open in an editor, which wins over the disk, as the language server's own diagnostics do.
 */
export function createToolRunner(service: LanguageService, roots: readonly string[], openText?: (filePath: string) => string | undefined): ToolRunner {
  const realRoots = roots.flatMap((root) => {
    try {
      return [realpathSync(path.resolve(root))];
    } catch {
      return [];
    }
  });
  const resolver = createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => realRoots, ...(openText === undefined ? {} : { openText }) });
  return {
    roots: realRoots,
    call(name, args) {
      if (!isToolName(name)) return failure(`Unknown tool '${name}'; the tools are ${TOOL_DEFINITIONS.map((tool) => tool.name).join(', ')}.`);
      const input = isRecord(args) ? args : {};
      try {
        return runTool(name, input, service, resolver, realRoots, openText);
      } catch (error) {
        return failure(`The ${name} tool failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

type OpenText = ((filePath: string) => string | undefined) | undefined;

function runTool(name: ToolName, input: Record<string, unknown>, service: LanguageService, resolver: TargetResolver, roots: readonly string[], openText: OpenText): ToolOutcome {
  const platform = input.platform === undefined ? undefined : readPlatform(input.platform);
  if (input.platform !== undefined && platform === undefined) return failure(`Unknown platform ${JSON.stringify(input.platform)}; the platforms are ${PLATFORMS.join(', ')}.`);
  const fileKind = readFileKind(input.fileKind);
  if (input.fileKind !== undefined && fileKind === undefined) return failure(`fileKind must be entitlements, infoPlist or privacyManifest, not ${JSON.stringify(input.fileKind)}.`);
  switch (name) {
    case 'check_plist':
      return check(input, fileKind, platform, service, resolver, roots, openText);
    case 'lookup_key':
      if (typeof input.key !== 'string' || input.key.trim() === '') return failure('lookup_key needs a key.');
      return success(lookupKey(service.catalog, input.key, fileKind));
    case 'find_keys_for_feature': {
      if (typeof input.feature !== 'string' || input.feature.trim() === '') return failure('find_keys_for_feature needs a feature described in words.');
      const limit = typeof input.limit === 'number' && Number.isFinite(input.limit) ? input.limit : undefined;
      return success(findKeysForFeature(service.catalog, input.feature, { ...(platform === undefined ? {} : { platform }), ...(limit === undefined ? {} : { limit }) }));
    }
  }
}

function check(input: Record<string, unknown>, givenKind: FileKind | undefined, platform: Platform | undefined, service: LanguageService, resolver: TargetResolver, roots: readonly string[], openText: OpenText): ToolOutcome {
  const target = platform === undefined ? UNKNOWN_TARGET : userTarget(platform);
  if (typeof input.text === 'string') {
    if (input.path !== undefined) return failure('Give check_plist a path or a text, not both.');
    const parsed = service.parse(input.text);
    const fileKind = givenKind ?? guessFileKind(parsed, service.catalog);
    if (fileKind === undefined) return failure('Say which file the text is: fileKind entitlements or infoPlist.');
    const document = TextDocument.create('untitled:text', fileKind, 1, input.text);
    return success(checkPlist(service, { document, parsed, file: 'text', context: { fileKind, target, allowedKeys: new Set() }, fileOfUri: (uri) => uri }));
  }
  if (typeof input.path !== 'string' || input.path === '') return failure('check_plist needs a path or a text.');
  const found = readInsideRoots(input.path, roots, openText);
  if (typeof found === 'string') return failure(found);
  const parsed = service.parse(found.text);
  const fileKind = givenKind ?? fileKindOf(found.realPath) ?? guessFileKind(parsed, service.catalog);
  if (fileKind === undefined) return failure(`${input.path} is neither an .entitlements nor an Info.plist file by its name or its keys; pass fileKind.`);
  const context = resolver.resolve({ filePath: found.realPath, fileKind, parsed, overrides: { platform } });
  const document = TextDocument.create(fileUri(found.realPath), fileKind, 1, found.text);
  const shown = (filePath: string): string => displayPath(filePath, roots);
  return success(checkPlist(service, {
    document,
    parsed,
    file: shown(found.realPath),
    context: { fileKind, fileName: path.basename(found.realPath), ...context, ...requiredReasonUsesOf(fileKind, found.realPath, roots, service), allowedKeys: new Set() },
    fileOfUri: (uri) => (uri.startsWith('file:') ? shown(fileURLToPath(uri)) : uri),
  }));
}

/** For a privacy manifest inside the roots: the required-reason APIs the sources beside it use (ITMS-91053). */
function requiredReasonUsesOf(fileKind: FileKind, realPath: string, roots: readonly string[], service: LanguageService): { requiredReasonUses?: RequiredReasonUse[] } {
  const root = roots.find((candidate) => isInside(realPath, candidate));
  if (fileKind !== 'privacyManifest' || root === undefined) return {};
  return { requiredReasonUses: scanRequiredReasonUses(path.dirname(realPath), root, service.catalog.catalog.privacyManifest?.apiCategories ?? []).uses };
}

/** The file's text, or why it may not be read: outside every root (after symlinks), missing, not a file, too big. */
function readInsideRoots(requested: string, roots: readonly string[], openText: OpenText): { realPath: string; text: string } | string {
  if (roots.length === 0) return 'No roots were given, so no file may be read; pass the text instead.';
  const absolute = path.resolve(roots[0] as string, requested);
  let realPath: string;
  try {
    realPath = realpathSync(absolute);
  } catch {
    return `${requested}: no such file.`;
  }
  if (!roots.some((root) => isInside(realPath, root))) return `${requested} is outside the roots this server may read (${roots.join(', ')}); pass the text instead.`;
  const open = openText?.(realPath) ?? (realPath === absolute ? undefined : openText?.(absolute));
  if (open !== undefined) return { realPath, text: open };
  const stat = statSync(realPath);
  if (!stat.isFile()) return `${requested} is not a file.`;
  if (stat.size > MAX_FILE_BYTES) return `${requested} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, too large for a plist.`;
  return { realPath, text: readFileSync(realPath, 'utf8') };
}

function isInside(filePath: string, root: string): boolean {
  const relative = path.relative(root, filePath);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/** A path relative to the root holding it, as the agent named files in its workspace. */
function displayPath(filePath: string, roots: readonly string[]): string {
  const root = roots.find((candidate) => isInside(filePath, candidate));
  return root === undefined ? filePath : path.relative(root, filePath).split(path.sep).join('/');
}

function userTarget(platform: Platform): TargetInfo {
  return { platforms: [platform], productType: undefined, reasons: ['set by the caller'], platformSource: 'user' };
}

function readFileKind(raw: unknown): FileKind | undefined {
  return raw === 'entitlements' || raw === 'infoPlist' || raw === 'privacyManifest' ? raw : undefined;
}

function isToolName(name: string): name is ToolName {
  return TOOL_DEFINITIONS.some((tool) => tool.name === name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function success(value: unknown): ToolOutcome {
  return { isError: false, value };
}

function failure(message: string): ToolOutcome {
  return { isError: true, message };
}
