/**
 * Expands the CLI's path arguments: files as given, folders searched for `*.entitlements` and Info.plist files,
 * and globs (`*`, `**`, `?`) matched while walking from their fixed leading folder. Written by hand because the
 * globbing in Node's standard library arrived after the Node versions we support.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileKindOf } from '../service/fileKind';

/** Folders that hold dependencies or build products, never sources to check. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'Pods', 'build', 'DerivedData', '.git', 'Carthage', '.build']);

export interface Expansion {
  readonly files: string[];
  /** Arguments that named nothing readable. */
  readonly errors: string[];
}

export function expandPaths(patterns: readonly string[]): Expansion {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
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
    if (isDirectory) walk(pattern, (file) => fileKindOf(file) !== undefined, add);
    else add(pattern);
  }
  return { files, errors };
}

function walk(folder: string, wanted: (file: string) => boolean, add: (file: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    let isDirectory = false;
    try {
      const stats = statSync(path);
      if (!stats.isDirectory() && !stats.isFile()) continue;
      isDirectory = stats.isDirectory();
    } catch {
      continue;
    }
    if (isDirectory) {
      if (!SKIPPED_FOLDERS.has(name)) walk(path, wanted, add);
    } else if (wanted(path)) {
      add(path);
    }
  }
}

function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstWild = parts.findIndex((part) => /[*?]/.test(part));
  const base = parts.slice(0, firstWild).join(sep) || '.';
  const matcher = globToRegExp(parts.slice(firstWild).join('/'));
  const matches: string[] = [];
  walk(base, (file) => matcher.test(file.slice(base === '.' && !pattern.startsWith('.') ? 0 : base.length + 1).split(sep).join('/')), (file) => matches.push(file));
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
