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
import { PRODUCT_TYPES, readProductType, UNKNOWN_TARGET, type TargetInfo } from '../../../shared/src/target';
import { fileKindOf, guessFileKind } from '../service/fileKind';
import type { LanguageService } from '../service/languageService';
import { createTargetResolver, fileUri, type TargetResolver } from '../targetResolver';
import type { RequiredReasonUse } from '../service/privacy/requiredReasonUses';
import { scanRequiredReasonUses } from '../privacySources';
import { addCapabilityAnswer, checkPlist, findKeysForFeature, listCapabilities, lookupKey, TOOL_DEFINITIONS, type ToolName } from './tools';
import { targetFilesOf } from '../capabilityFiles';
import { findCapability, planCapability, whyNotFor, type CapabilityFiles, type CapabilityTarget } from '../service/capabilities/addCapability';

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
    case 'add_capability':
      return addCapability(input, platform, service, resolver, roots, openText);
  }
}

/** The capability's edits for the target of `paths` (or of the given texts), or the capabilities that fit it. */
function addCapability(input: Record<string, unknown>, platform: Platform | undefined, service: LanguageService, resolver: TargetResolver, roots: readonly string[], openText: OpenText): ToolOutcome {
  const productType = input.productType === undefined ? undefined : readProductType(input.productType);
  if (input.productType !== undefined && productType === undefined) return failure(`Unknown productType ${JSON.stringify(input.productType)}; the kinds are ${PRODUCT_TYPES.join(', ')}.`);
  const catalog = service.catalog.catalog;
  let target: CapabilityTarget;
  let files: CapabilityFiles;
  let fileOf: (fileKind: FileKind) => string;
  let notes: readonly string[] = [];
  if (typeof input.entitlementsText === 'string' || typeof input.infoPlistText === 'string') {
    if (input.paths !== undefined) return failure('Give add_capability paths or texts, not both.');
    const textOf = (raw: unknown): string | undefined => (typeof raw === 'string' && raw.trim() !== '' ? raw : undefined);
    target = { platforms: platform === undefined ? [] : [platform], productType };
    files = { entitlements: { uri: 'entitlements', text: textOf(input.entitlementsText) }, infoPlist: { uri: 'infoPlist', text: textOf(input.infoPlistText) } };
    fileOf = (fileKind) => fileKind;
  } else {
    if (!Array.isArray(input.paths) || input.paths.length === 0 || input.paths.some((entry) => typeof entry !== 'string')) return failure("add_capability needs paths (the target's .entitlements file and/or Info.plist) or the texts.");
    if (roots.length === 0) return failure('No roots were given, so no file may be read; pass the texts instead.');
    const paths = (input.paths as string[]).map((entry) => path.resolve(roots[0] as string, entry));
    const outside = paths.find((filePath) => !mayWrite(filePath, roots));
    if (outside !== undefined) return failure(`${outside} is outside the roots this server may read (${roots.join(', ')}); pass the texts instead.`);
    const found = targetFilesOf(service, resolver, { paths, overrides: { platform, productType }, readText: (filePath) => (mayWrite(filePath, roots) ? readIfThere(filePath, roots, openText) : undefined) });
    if (typeof found === 'string') return failure(found);
    target = found.target;
    files = found.files;
    fileOf = (fileKind) => displayPath(found.paths[fileKind], roots);
    notes = found.notes;
  }
  if (typeof input.capability !== 'string' || input.capability.trim() === '') return success(listCapabilities(catalog, target));
  const capability = findCapability(catalog, input.capability);
  if (capability === undefined) return failure(`No capability is named ${JSON.stringify(input.capability)}; call add_capability without one to list those that fit.`);
  const whyNot = whyNotFor(capability, target);
  if (whyNot !== undefined) return failure(whyNot);
  const answer = addCapabilityAnswer(planCapability(capability, target, files), fileOf);
  return success({ ...answer, notes: [...notes, ...answer.notes] });
}

/** A path inside the roots, or a file not made yet whose folder is inside them (after symlinks). */
function mayWrite(filePath: string, roots: readonly string[]): boolean {
  try {
    return roots.some((root) => isInside(realpathSync(filePath), root));
  } catch {
    try {
      return roots.some((root) => { const folder = realpathSync(path.dirname(filePath)); return folder === root || isInside(folder, root); });
    } catch {
      return false;
    }
  }
}

function readIfThere(filePath: string, roots: readonly string[], openText: OpenText): string | undefined {
  const found = readInsideRoots(filePath, roots, openText);
  return typeof found === 'string' ? undefined : found.text;
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
