/**
 * The I/O half of Add Capability, shared by the editor request, the CLI and the agent tool: from one or two of a
 * target's files, find the other (the Xcode project's pairing, else the neighbour), read both (either may not exist
 * yet) and infer the target. The pure half, what to write, is service/capabilities/addCapability.ts.
 */
import * as path from 'node:path';
import type { FileKind, Platform } from '../../shared/src/catalog';
import type { ProductType } from '../../shared/src/target';
import type { CapabilityFiles, CapabilityTarget, FileEdit } from './service/capabilities/addCapability';
import { fileKindOf } from './service/fileKind';
import type { LanguageService } from './service/languageService';
import { fileUri, type TargetResolver } from './targetResolver';

export interface TargetFiles {
  readonly target: CapabilityTarget;
  /** Each file's path, whether or not it exists. */
  readonly paths: Readonly<Record<FileKind, string>>;
  readonly files: CapabilityFiles;
  /** Said when a path was chosen for a file that does not exist yet. */
  readonly notes: readonly string[];
}

export interface TargetFilesRequest {
  /** Paths of the target's entitlements file and/or Info.plist, as given (absolute). */
  readonly paths: readonly string[];
  readonly overrides: { readonly platform?: Platform | undefined; readonly productType?: ProductType | undefined };
  /** The file's text, or `undefined` when it does not exist (open editors win over the disk). */
  readonly readText: (filePath: string) => string | undefined;
}

/** The target's two files and the target, or why not, in a sentence. */
export function targetFilesOf(service: LanguageService, resolver: TargetResolver, request: TargetFilesRequest): TargetFiles | string {
  const given: Partial<Record<FileKind, string>> = {};
  for (const filePath of request.paths) {
    const kind = fileKindOf(filePath);
    if (kind === undefined) return `${filePath} is neither an .entitlements file nor an Info.plist (by its name).`;
    if (given[kind] !== undefined) return `Two ${kind === 'entitlements' ? '.entitlements files' : 'Info.plist files'} were given; give one of each at most.`;
    given[kind] = filePath;
  }
  const anchorKind: FileKind | undefined = given.entitlements !== undefined && request.readText(given.entitlements) !== undefined ? 'entitlements' : given.infoPlist !== undefined ? 'infoPlist' : given.entitlements !== undefined ? 'entitlements' : undefined;
  if (anchorKind === undefined) return 'Give the path of the target\'s .entitlements file or Info.plist (the entitlements file may not exist yet).';
  const anchor = given[anchorKind] as string;
  const anchorText = request.readText(anchor);
  const resolved = resolver.resolve({ filePath: anchor, fileKind: anchorKind, parsed: service.parse(anchorText ?? ''), overrides: request.overrides });
  const notes: string[] = [];
  const otherKind: FileKind = anchorKind === 'entitlements' ? 'infoPlist' : 'entitlements';
  let otherPath = given[otherKind];
  if (otherPath === undefined && resolved.companion !== undefined) otherPath = uriToPath(resolved.companion.uri);
  if (otherPath === undefined) {
    const folder = path.dirname(anchor);
    otherPath = path.join(folder, otherKind === 'entitlements' ? `${resolved.target.name ?? path.basename(folder)}.entitlements` : 'Info.plist');
    notes.push(otherKind === 'entitlements'
      ? `The target has no entitlements file yet: ${path.basename(otherPath)} is made beside ${path.basename(anchor)}; set the target's CODE_SIGN_ENTITLEMENTS build setting to it.`
      : `No Info.plist was found beside ${path.basename(anchor)}.`);
  }
  const paths = { [anchorKind]: anchor, [otherKind]: otherPath } as Record<FileKind, string>;
  const files: CapabilityFiles = {
    entitlements: { uri: fileUri(paths.entitlements), text: request.readText(paths.entitlements) },
    infoPlist: { uri: fileUri(paths.infoPlist), text: request.readText(paths.infoPlist) },
  };
  return { target: { platforms: resolved.target.platforms, productType: resolved.target.productType }, paths, files, notes };
}

/** A file's text after its edits (a new file's one edit is its whole text). */
export function textAfter(edit: FileEdit, before: string | undefined): string {
  const text = edit.isNew ? '' : (before ?? '');
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) lineStarts.push(index + 1);
  const offsetAt = (position: { line: number; character: number }): number => Math.min(text.length, (lineStarts[position.line] ?? text.length) + position.character);
  const sorted = [...edit.edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start));
  let result = text;
  for (const change of sorted) result = result.slice(0, offsetAt(change.range.start)) + change.newText + result.slice(offsetAt(change.range.end));
  return result;
}

function uriToPath(uri: string): string {
  return decodeURIComponent(new URL(uri).pathname);
}
