/**
 * The I/O half of target inference: finds the Xcode projects above a file (never above the workspace roots it is
 * given), reads and caches them by modification time, reads the companion file, and hands plain data to the pure
 * `inferTarget`. Shared by the server and the CLI.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileKind, Platform } from '../../shared/src/catalog';
import type { ProductType } from '../../shared/src/target';
import type { CatalogIndex } from './service/catalogIndex';
import { fileKindOf } from './service/fileKind';
import type { PlistDocument } from './service/plist/nodes';
import { inferTarget, normalizePath, type ProjectInput } from './service/project/targetInference';
import { readXcodeProject } from './service/project/xcodeProject';
import type { DocumentContext } from './service/types';
import { containedRealPath, isWithin } from './fileAccess';
import { createLruCache } from './lruCache';

/** How far up from a file to look for an `.xcodeproj` when no workspace root bounds the search. */
const MAX_ANCESTORS = 8;
/** Project files larger than this are not read (real ones are well under 5 MB). */
const MAX_PROJECT_BYTES = 20 * 1024 * 1024;
/**
 * Companion parses and read projects kept, the most recently used: enough for the files a user has open at once,
 * while closing and opening thousands of documents leaves memory flat instead of keeping every companion's parse.
 */
export const COMPANION_CACHE_CAPACITY = 32;
export const PROJECT_CACHE_CAPACITY = 32;

export interface ResolveRequest {
  readonly filePath: string;
  readonly fileKind: FileKind;
  readonly parsed: PlistDocument;
  readonly overrides: { readonly platform?: Platform | undefined; readonly productType?: ProductType | undefined };
}

export interface TargetResolver {
  resolve(request: ResolveRequest): Pick<DocumentContext, 'target' | 'companion' | 'generatedInfoPlistKeys'>;
  /** Forgets cached projects (after a project file changed). */
  clear(): void;
}

export interface ResolverOptions {
  readonly catalog: CatalogIndex;
  readonly parse: (text: string) => PlistDocument;
  /** Folders the resolver may read in; empty means "any ancestor, up to a few levels". */
  readonly roots: () => readonly string[];
  /** The text of an open document, which wins over the file on disk. */
  readonly openText?: (filePath: string) => string | undefined;
  /**
   * True when the files cannot change while the resolver lives (the CLI's one run): folder listings and project
   * files are then read once, not once per checked file, as every file of a tree shares its ancestors.
   */
  readonly isSnapshot?: boolean;
}

export function createTargetResolver(options: ResolverOptions): TargetResolver {
  return new FileTargetResolver(options);
}

/** Projects, listings and companion parses cached per resolver; everything read only inside its roots. */
class FileTargetResolver implements TargetResolver {
  private readonly projects = createLruCache<string, { mtimeMs: number; input: ProjectInput }>(PROJECT_CACHE_CAPACITY);
  // Every request for a file (diagnostics, hover, completion) resolves its companion; parse that only when its text
  // changed, not once per request.
  private readonly companionParses = createLruCache<string, { text: string; parsed: PlistDocument }>(COMPANION_CACHE_CAPACITY);
  private readonly listings = new Map<string, readonly string[]>();
  private readonly snapshotProjects = new Map<string, ProjectInput | undefined>();
  private readonly neighbours = new Map<string, readonly string[]>();

  constructor(private readonly options: ResolverOptions) {}

  resolve(request: ResolveRequest): Pick<DocumentContext, 'target' | 'companion' | 'generatedInfoPlistKeys'> {
    const filePath = path.resolve(request.filePath);
    const projects = this.projectsAbove(filePath);
    const inference = inferTarget({ filePath: toPosix(filePath), fileKind: request.fileKind, parsed: request.parsed, projects, overrides: request.overrides }, this.options.catalog);
    const companionPath = inference.companionPath ?? this.neighbourCompanion(filePath, request.fileKind);
    const companionText = companionPath === undefined ? undefined : this.readText(companionPath, this.readableFolders(filePath, projects));
    const companionKind: FileKind = request.fileKind === 'entitlements' ? 'infoPlist' : 'entitlements';
    return {
      target: inference.target,
      generatedInfoPlistKeys: inference.generatedInfoPlistKeys,
      ...(companionPath === undefined || companionText === undefined
        ? {}
        : { companion: { uri: fileUri(companionPath), fileName: path.basename(companionPath), fileKind: companionKind, parsed: this.parseCompanion(companionPath, companionText) } }),
    };
  }

  clear(): void {
    this.projects.clear();
    this.companionParses.clear();
    this.listings.clear();
    this.snapshotProjects.clear();
    this.neighbours.clear();
  }

  private listFolder(folder: string): readonly string[] {
    const cached = this.options.isSnapshot === true ? this.listings.get(folder) : undefined;
    if (cached !== undefined) return cached;
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      names = [];
    }
    if (this.options.isSnapshot === true) this.listings.set(folder, names);
    return names;
  }

  private parseCompanion(filePath: string, text: string): PlistDocument {
    const cached = this.companionParses.get(filePath);
    if (cached !== undefined && cached.text === text) return cached.parsed;
    const parsed = this.options.parse(text);
    this.companionParses.set(filePath, { text, parsed });
    return parsed;
  }

  private isInsideRoots(folder: string): boolean {
    const roots = this.options.roots();
    if (roots.length === 0) return true;
    return roots.some((root) => isWithin(root, folder));
  }

  /**
   * Where a file read for `filePath`'s target may lie: the workspace folders, or without any, the outermost
   * folder holding one of its projects (else its own folder). Compared by real path, so links cannot lead out.
   */
  private readableFolders(filePath: string, projects: readonly ProjectInput[]): readonly string[] {
    const roots = this.options.roots();
    if (roots.length > 0) return roots;
    const outermost = projects.reduce<string | undefined>((best, project) => (best === undefined || project.projectDir.length < best.length ? project.projectDir : best), undefined);
    return [outermost ?? path.dirname(filePath)];
  }

  private projectsAbove(filePath: string): ProjectInput[] {
    const found: ProjectInput[] = [];
    let folder = path.dirname(filePath);
    for (let level = 0; level < MAX_ANCESTORS && this.isInsideRoots(folder); level++) {
      const names = this.listFolder(folder).filter((name) => name.endsWith('.xcodeproj'));
      for (const name of names) {
        // The project must really be where it is listed: a linked .xcodeproj may point anywhere.
        const roots = this.options.roots();
        const projectFile = containedRealPath(path.join(folder, name, 'project.pbxproj'), roots.length > 0 ? roots : [folder]);
        if (projectFile === undefined) continue;
        const project = this.readProject(projectFile, folder, name);
        if (project !== undefined) found.push(project);
      }
      const parent = path.dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
    return found;
  }

  private readProject(file: string, projectDir: string, projectName: string): ProjectInput | undefined {
    if (this.options.isSnapshot === true && this.snapshotProjects.has(file)) return this.snapshotProjects.get(file);
    const input = this.readProjectFile(file, projectDir, projectName);
    if (this.options.isSnapshot === true) this.snapshotProjects.set(file, input);
    return input;
  }

  private readProjectFile(file: string, projectDir: string, projectName: string): ProjectInput | undefined {
    try {
      const stats = statSync(file);
      if (!stats.isFile() || stats.size > MAX_PROJECT_BYTES) return undefined;
      const cached = this.projects.get(file);
      if (cached !== undefined && cached.mtimeMs === stats.mtimeMs) return cached.input;
      const input: ProjectInput = { projectDir: toPosix(projectDir), projectName, targets: readXcodeProject(readFileSync(file, 'utf8')) };
      this.projects.set(file, { mtimeMs: stats.mtimeMs, input });
      return input;
    } catch {
      return undefined;
    }
  }

  private readText(filePath: string, folders: readonly string[]): string | undefined {
    const open = this.options.openText?.(filePath);
    if (open !== undefined) return open;
    const real = containedRealPath(filePath, folders);
    if (real === undefined) return undefined;
    try {
      const stats = statSync(real);
      return stats.isFile() && stats.size <= MAX_PROJECT_BYTES ? readFileSync(real, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  }

  /** Without a project: the one file of the other kind in the same folder, if there is exactly one. */
  private neighbourCompanion(filePath: string, fileKind: FileKind): string | undefined {
    const folder = path.dirname(filePath);
    const wanted: FileKind = fileKind === 'entitlements' ? 'infoPlist' : 'entitlements';
    const cacheKey = `${wanted}\0${folder}`;
    // A flat folder of many plists would otherwise classify every name once per file in it.
    let candidates = this.options.isSnapshot === true ? this.neighbours.get(cacheKey) : undefined;
    if (candidates === undefined) {
      candidates = this.listFolder(folder).filter((name) => fileKindOf(name) === wanted);
      if (this.options.isSnapshot === true) this.neighbours.set(cacheKey, candidates);
    }
    return candidates.length === 1 && candidates[0] !== undefined ? path.join(folder, candidates[0]) : undefined;
  }

}

function toPosix(filePath: string): string {
  return normalizePath(filePath.split(path.sep).join('/'));
}

/** A `file://` URI as VS Code writes them (percent-encoded path). */
export function fileUri(filePath: string): string {
  const posix = toPosix(path.resolve(filePath));
  return `file://${posix.split('/').map((part) => encodeURIComponent(part)).join('/')}`;
}
