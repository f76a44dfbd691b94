/**
 * The editor's Add Capability: the `plistSentinel/addCapability` request (list what fits a document's target, or
 * the edit for one capability) and the code action that replaces an invented or misplaced key with the capability
 * that writes its real key. Reads files only through `readText`, which the server limits to the workspace.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../../shared/src/catalog';
import type { AddCapabilityParams, AddCapabilityResult, CapabilityChange } from '../../shared/src/protocol';
import { targetFilesOf, type TargetFiles } from './capabilityFiles';
import { capabilitiesFor, findCapability, planCapability, whyNotFor, type CapabilityFileKind, type CapabilityPlan } from './service/capabilities/addCapability';
import { CAPABILITY_FIX_CODES, capabilityForKey, rootEntryAt, textWithoutEntry } from './service/capabilities/capabilityFix';
import type { LanguageService } from './service/languageService';
import type { TargetResolver } from './targetResolver';
import type { Platform } from '../../shared/src/catalog';
import type { ProductType } from '../../shared/src/target';

/** Plists are small; a bigger file is not read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A file's text when it lies inside a workspace folder (after symlinks) and exists; the server reads nothing else. */
export function readWorkspaceText(filePath: string, roots: readonly string[]): string | undefined {
  try {
    const real = realpathSync(filePath);
    if (!roots.some((root) => { const relative = path.relative(realpathSync(root), real); return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative); })) return undefined;
    const stat = statSync(real);
    return stat.isFile() && stat.size <= MAX_FILE_BYTES ? readFileSync(real, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export interface CapabilityRequestContext {
  readonly service: LanguageService;
  readonly resolver: TargetResolver;
  /** The document's path (`file:` documents only). */
  readonly filePath: string;
  readonly overrides: { readonly platform?: Platform | undefined; readonly productType?: ProductType | undefined };
  readonly readText: (filePath: string) => string | undefined;
}

export function answerAddCapability(context: CapabilityRequestContext, params: AddCapabilityParams): AddCapabilityResult {
  const found = targetFilesOf(context.service, context.resolver, { paths: [context.filePath], overrides: context.overrides, readText: context.readText });
  if (typeof found === 'string') return { notes: [], error: found };
  const catalog = context.service.catalog.catalog;
  if (params.capability === undefined) {
    return {
      platforms: found.target.platforms,
      capabilities: capabilitiesFor(catalog, found.target).map((capability) => ({
        id: capability.id,
        name: capability.name,
        writes: capability.writes.map((write) => `${write.file === 'entitlements' ? 'Entitlements' : 'Info.plist'}: ${write.key}`),
        approvalRequired: capability.approval.required,
        ...(capability.approval.howToAsk === undefined ? {} : { howToAsk: capability.approval.howToAsk }),
        ...(capability.approval.requestUrl === undefined ? {} : { requestUrl: capability.approval.requestUrl }),
        ...(capability.note === undefined ? {} : { note: capability.note }),
      })),
      notes: found.notes,
    };
  }
  const capability = findCapability(catalog, params.capability);
  if (capability === undefined) return { notes: [], error: `No capability is named '${params.capability}'.` };
  const whyNot = whyNotFor(capability, found.target);
  if (whyNot !== undefined) return { notes: [], error: whyNot };
  const plan = planCapability(capability, found.target, found.files);
  return { title: capability.name, changes: changesOf(plan), notes: [...found.notes, ...plan.notes] };
}

/**
 * "Add the X capability instead" for each invented, unknown or misplaced key a capability writes the real key of:
 * the key goes, and the capability's keys come, in both files.
 */
export function capabilityActions(context: CapabilityRequestContext, document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const catalog: Catalog = context.service.catalog.catalog;
  for (const diagnostic of diagnostics) {
    if (!CAPABILITY_FIX_CODES.has(String(diagnostic.code))) continue;
    const key = document.getText(diagnostic.range);
    const capability = capabilityForKey(catalog, key, suggestionsOf(diagnostic));
    if (capability === undefined) continue;
    const text = document.getText();
    const entry = rootEntryAt(context.service.parse(text), document.offsetAt(diagnostic.range.start));
    if (entry === undefined) continue;
    const found = targetFilesOf(context.service, context.resolver, { paths: [context.filePath], overrides: context.overrides, readText: (filePath) => (filePath === context.filePath ? textWithoutEntry(text, entry) : context.readText(filePath)) });
    if (typeof found === 'string' || whyNotFor(capability, found.target) !== undefined) continue;
    const plan = planCapability(capability, found.target, found.files);
    const changes = changesOf(plan);
    const own = wholeDocumentEdit(document, found, changes);
    // documentChanges, so the entitlements file a target lacks can be created in the same edit.
    const others = changes.filter((change) => change.uri !== document.uri);
    actions.push({
      title: `Add the ${capability.name} capability instead`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: {
        documentChanges: [
          { textDocument: { uri: document.uri, version: document.version }, edits: [own] },
          ...others.flatMap((change) => [
            ...(change.isNew ? [{ kind: 'create' as const, uri: change.uri, options: { ignoreIfExists: true } }] : []),
            { textDocument: { uri: change.uri, version: null }, edits: change.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) },
          ]),
        ],
      },
    });
  }
  return actions;
}

/** The document's own file as one replacement of its whole text: the removal and the additions in one step. */
function wholeDocumentEdit(document: TextDocument, found: TargetFiles, changes: readonly CapabilityChange[]): TextEdit {
  const ownKind = (Object.keys(found.paths) as CapabilityFileKind[]).find((kind) => found.files[kind].uri === document.uri) ?? 'entitlements';
  const before = found.files[ownKind].text ?? '';
  const change = changes.find((candidate) => candidate.uri === found.files[ownKind].uri);
  const after = change === undefined ? before : applyChange(before, change);
  return { range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, newText: after };
}

function applyChange(text: string, change: CapabilityChange): string {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) lineStarts.push(index + 1);
  const offsetAt = (position: { line: number; character: number }): number => Math.min(text.length, (lineStarts[position.line] ?? text.length) + position.character);
  let result = change.isNew ? '' : text;
  for (const edit of [...change.edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start))) {
    result = result.slice(0, offsetAt(edit.range.start)) + edit.newText + result.slice(offsetAt(edit.range.end));
  }
  return result;
}

function changesOf(plan: CapabilityPlan): CapabilityChange[] {
  return plan.fileEdits.map((edit) => ({ uri: edit.uri, isNew: edit.isNew, edits: edit.edits.map((change) => ({ range: change.range, newText: change.newText })) }));
}

/** The real keys a diagnostic's data suggests (unknown-key's near misses), when it has any. */
function suggestionsOf(diagnostic: Diagnostic): string[] {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null) return [];
  const record = data as Record<string, unknown>;
  const list = record.replacements ?? record.suggestions;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}
