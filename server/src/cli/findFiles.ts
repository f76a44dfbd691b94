/**
 * Expands the CLI's path arguments: files as given, folders searched for `*.entitlements` and Info.plist files,
 * built bundles (`.app`, `.appex`...) kept whole for `readInputs`, and globs (`*`, `**`, `?`) matched while walking
 * from their fixed leading folder. Written by hand because the globbing in Node's standard library arrived after the
 * Node versions we support.
 */
import { statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { fileKindOf } from '../service/fileKind';
import { createWalkBounds, type WalkBounds } from './walkBounds';

/** Folders that hold dependencies or build products, never sources to check. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'Pods', 'build', 'DerivedData', '.git', 'Carthage', '.build']);

/** Folder extensions of built bundles, whose Info.plist and signed entitlements are checked together. */
const BUNDLE_EXTENSIONS: readonly string[] = ['.app', '.appex', '.xpc', '.systemextension', '.dext'];

/** One thing to check: a file, or a built bundle folder. */
export interface PathInput {
  readonly path: string;
  readonly isBundle: boolean;
}

export interface Expansion {
  readonly inputs: PathInput[];
  /** Arguments that named nothing readable. */
  readonly errors: string[];
}

/** True for a folder named like a built bundle (`MyApp.app`, `Widget.appex`). */
export function isBundleName(name: string): boolean {
  const lower = name.toLowerCase();
  return BUNDLE_EXTENSIONS.some((extension) => lower.endsWith(extension) && lower.length > extension.length);
}

/** A bundle by name and by content; a source folder that merely ends in `.app` is walked like any other. */
function isBundleFolder(folder: string): boolean {
  if (!isBundleName(basename(folder))) return false;
  return [join(folder, 'Contents', 'Info.plist'), join(folder, 'Info.plist')].some((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

export function expandPaths(patterns: readonly string[]): Expansion {
  const inputs: PathInput[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const addInput = (path: string, isBundle: boolean) => {
    if (!seen.has(path)) {
      seen.add(path);
      inputs.push({ path, isBundle });
    }
  };
  const add = (file: string) => addInput(file, false);
  const addBundle = (folder: string) => addInput(folder, true);
  for (const pattern of patterns) {
    if (/[*?]/.test(pattern)) {
      const matches = expandGlob(pattern);
      if (matches.length === 0) errors.push(`${pattern}: no files match`);
      matches.forEach(add);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(pattern).isDirectory();
    } catch {
      errors.push(`${pattern}: no such file or folder`);
      continue;
    }
    if (isDirectory && isBundleFolder(pattern)) addBundle(pattern);
    else if (isDirectory) walk(pattern, createWalkBounds([pattern]), (file) => fileKindOf(file) !== undefined, add, addBundle);
    else add(pattern);
  }
  return { inputs, errors };
}

/**
 * Calls `add` for each wanted file under `folder`; a bundle folder goes to `addBundle` when given, else is walked.
 * Each real folder and file is entered once, and none outside the walk's roots (`bounds`).
 */
function walk(folder: string, bounds: WalkBounds, wanted: (file: string) => boolean, add: (file: string) => void, addBundle?: (folder: string) => void): void {
  for (const entry of bounds.entriesOf(folder)) {
    if (entry.isDirectory) {
      if (addBundle !== undefined && isBundleFolder(entry.path)) {
        if (bounds.claim(entry)) addBundle(entry.path);
      } else if (!SKIPPED_FOLDERS.has(entry.name) && bounds.claim(entry)) {
        walk(entry.path, bounds, wanted, add, addBundle);
      }
    } else if (wanted(entry.path) && bounds.claim(entry)) {
      add(entry.path);
    }
  }
}

function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstWild = parts.findIndex((part) => /[*?]/.test(part));
  const base = parts.slice(0, firstWild).join(sep) || '.';
  const matcher = globToRegExp(parts.slice(firstWild).join('/'));
  const matches: string[] = [];
  walk(base, createWalkBounds([base]), (file) => matcher.test(file.slice(base === '.' && !pattern.startsWith('.') ? 0 : base.length + 1).split(sep).join('/')), (file) => matches.push(file));
  return matches;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*' && glob.charAt(index + 1) === '*') {
      source += glob.charAt(index + 2) === '/' ? '(?:.*/)?' : '.*';
      index += glob.charAt(index + 2) === '/' ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
