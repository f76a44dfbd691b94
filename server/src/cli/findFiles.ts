/**
 * Expands the CLI's path arguments: files as given, folders searched for `*.entitlements` and Info.plist files,
 * built bundles (`.app`, `.appex`...) kept whole for `readInputs`, and globs matched while walking from their fixed
 * leading folder. Patterns are picomatch's (`*`, `**`, `?`, `{A,B}`, `[abc]`); `!pattern` and `--ignore` leave out
 * what they match. The walk stays ours because it knows bundles and dependency folders; only matching is borrowed.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { fileKindOf } from '../service/fileKind';
import { createWalkBounds, type WalkBounds } from './walkBounds';

/** Folders that hold dependencies or build products, never sources to check. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'Pods', 'DerivedData', '.git', 'Carthage', '.build']);

/**
 * What a `build` folder of build products holds (Xcode's, Flutter's, Gradle's); electron-builder's `build` folder
 * holds sources instead (its entitlements), so a `build` folder is skipped only when it holds one of these.
 */
const BUILD_PRODUCTS = /^(XCBuildData|Build|Products|Intermediates\.noindex|ios|macos|iphoneos|iphonesimulator|intermediates|(Debug|Release|Profile)([-_].*)?|.*\.(build|xcarchive|app|framework))$/;

function isBuildProductsFolder(folder: string): boolean {
  try {
    return readdirSync(folder).some((name) => BUILD_PRODUCTS.test(name));
  } catch {
    return true;
  }
}

/** Folder extensions of built bundles, whose Info.plist and signed entitlements are checked together. */
const BUNDLE_EXTENSIONS: readonly string[] = ['.app', '.appex', '.xpc', '.systemextension', '.dext'];

/** One thing to check: a file, or a built bundle folder. */
export interface PathInput {
  readonly path: string;
  readonly isBundle: boolean;
  /** Found by a glob rather than named or found in a folder: it may be a file of neither kind. */
  readonly isGlobMatch?: boolean;
  /** A `.plist` found in a folder whose name says nothing: checked only when its content is an entitlements file. */
  readonly isCandidate?: boolean;
  /** An Xcode archive folder, whose apps are in `Products/Applications` (an `.ipa` is a file, known by its name). */
  readonly container?: 'xcarchive';
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

/** True for an Xcode archive folder (`My App 2026-12-07.xcarchive`). */
function isXcarchiveFolder(folder: string): boolean {
  return basename(folder).toLowerCase().endsWith('.xcarchive');
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

/** `ignorePatterns` (from `--ignore`) and `!pattern` arguments leave out the paths they match, or a folder above. */
export function expandPaths(patterns: readonly string[], ignorePatterns: readonly string[] = []): Expansion {
  const inputs: PathInput[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const isIgnored = ignoreMatcher([...ignorePatterns, ...patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1))]);
  const addInput = (path: string, isBundle: boolean, isGlobMatch = false, isCandidate = false) => {
    if (!seen.has(path) && !isIgnored(path)) {
      seen.add(path);
      inputs.push({ path, isBundle, ...(isGlobMatch ? { isGlobMatch } : {}), ...(isCandidate ? { isCandidate } : {}) });
    }
  };
  const add = (file: string) => addInput(file, false);
  const addFound = (file: string) => addInput(file, false, false, fileKindOf(file) === undefined);
  const addBundle = (folder: string) => {
    if (!isXcarchiveFolder(folder)) addInput(folder, true);
    else if (!seen.has(folder) && !isIgnored(folder)) {
      seen.add(folder);
      inputs.push({ path: folder, isBundle: false, container: 'xcarchive' });
    }
  };
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  for (const pattern of positive.length === 0 ? ['.'] : positive) {
    // A path that exists is taken literally: `My App (Beta)` and `Foo[1].plist` read as globs to picomatch.
    if (picomatch.scan(pattern).isGlob && !exists(pattern)) {
      const matches = expandGlob(pattern);
      if (matches.length === 0) errors.push(`${pattern}: no files match`);
      for (const match of matches) addInput(match, false, true);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(pattern).isDirectory();
    } catch {
      errors.push(`${pattern}: no such file or folder`);
      continue;
    }
    if (isDirectory && (isBundleFolder(pattern) || isXcarchiveFolder(pattern))) addBundle(pattern);
    else if (isDirectory) walk(pattern, createWalkBounds([pattern]), (file) => fileKindOf(file) !== undefined || file.toLowerCase().endsWith('.plist'), addFound, addBundle);
    else add(pattern);
  }
  return { inputs, errors };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls `add` for each wanted file under `folder`; a bundle folder goes to `addBundle` when given, else is walked.
 * Each real folder and file is entered once, and none outside the walk's roots (`bounds`).
 */
function walk(folder: string, bounds: WalkBounds, wanted: (file: string) => boolean, add: (file: string) => void, addBundle?: (folder: string) => void): void {
  for (const entry of bounds.entriesOf(folder)) {
    if (entry.isDirectory) {
      if (addBundle !== undefined && (isBundleFolder(entry.path) || isXcarchiveFolder(entry.path))) {
        if (bounds.claim(entry)) addBundle(entry.path);
      } else if (!SKIPPED_FOLDERS.has(entry.name) && !(entry.name === 'build' && isBuildProductsFolder(entry.path)) && bounds.claim(entry)) {
        walk(entry.path, bounds, wanted, add, addBundle);
      }
    } else if (wanted(entry.path) && bounds.claim(entry)) {
      add(entry.path);
    }
  }
}

function expandGlob(pattern: string): string[] {
  const { base, glob } = picomatch.scan(pattern);
  const folder = base === '' ? '.' : base;
  // Dot files match `*` as they did before picomatch: an Xcode project has no hidden plists worth skipping.
  const matcher = picomatch(glob, { dot: true });
  const matches: string[] = [];
  walk(folder, createWalkBounds([folder]), (file) => matcher(relative(folder, file).split(sep).join('/')), (file) => matches.push(file));
  return matches;
}

/** True for a path an ignore pattern matches, itself or through a folder above it, relative to the current folder. */
function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map((pattern) => picomatch(pattern.replace(/^\.\//, '').replace(/\/$/, ''), { dot: true }));
  return (path) => {
    const absolute = resolve(path);
    for (const candidate of [relative(process.cwd(), absolute), absolute]) {
      const parts = candidate.split(sep);
      for (let length = parts.length; length > 0; length--) {
        const prefix = parts.slice(0, length).join('/');
        if (prefix !== '' && prefix !== '..' && matchers.some((matcher) => matcher(prefix))) return true;
      }
    }
    return false;
  };
}
