/**
 * The I/O half of the configuration file (shared/src/config.ts parses it): the nearest `.plist-sentinel.json` above
 * a file, read once per path until `clear()`, and what it says for that file. Shared by the CLI and the server.
 * The nearest file wins and nothing is merged from folders further up, as with Prettier's and SwiftLint's nearest
 * file: one file says everything that applies, which is what a reader of that file expects.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Platform } from '../../shared/src/catalog';
import { CONFIG_FILE_NAME, parseConfig, type Config, type ConfigError, type SeverityMap } from '../../shared/src/config';
import type { ProductType } from '../../shared/src/target';

export interface LoadedConfig {
  readonly path: string;
  readonly config: Config;
  readonly errors: readonly ConfigError[];
}

/** What a configuration says for one file, before editor settings or CLI flags are laid over it. */
export interface FileConfig {
  readonly severity: SeverityMap;
  readonly allowedKeys: readonly string[];
  readonly platform: Platform | undefined;
  readonly productType: ProductType | undefined;
  readonly isIgnored: boolean;
}

export const NO_FILE_CONFIG: FileConfig = { severity: {}, allowedKeys: [], platform: undefined, productType: undefined, isIgnored: false };

/** Reads and parses a configuration file; a string says why it could not be read. */
export function readConfigFile(configPath: string): LoadedConfig | string {
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    return `cannot read it (${error instanceof Error ? error.message : String(error)})`;
  }
  const { config, errors } = parseConfig(text);
  return { path: path.resolve(configPath), config, errors };
}

/**
 * The nearest `.plist-sentinel.json` in the file's folder or a folder above, up to and including `stopAt` (the
 * workspace folder), or up to the filesystem root when `stopAt` is undefined.
 */
export function findConfigFile(filePath: string, stopAt: string | undefined, isFile: (candidate: string) => boolean = isExistingFile): string | undefined {
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  let folder = path.dirname(path.resolve(filePath));
  for (;;) {
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (folder === stop || parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * What `loaded` says for `filePath`: the top level, then each override whose `files` match, in order (severities
 * and platform replaced, allowed keys added). Globs are relative to the configuration's folder; a glob without a
 * slash matches a name at any depth (`*-Info.plist`), as in .gitignore; `ignore` also matches a folder above.
 */
export function configForFile(loaded: LoadedConfig, filePath: string): FileConfig {
  const relative = path.relative(path.dirname(loaded.path), path.resolve(filePath)).split(path.sep).join('/');
  const isInside = relative !== '' && !relative.startsWith('../') && !path.isAbsolute(relative);
  const config = loaded.config;
  let severity: SeverityMap = config.severity;
  let allowedKeys: readonly string[] = config.allowedKeys;
  let platform = config.platform;
  let productType = config.productType;
  for (const override of config.overrides) {
    if (!isInside || !matches(override.files, relative, false)) continue;
    if (override.severity !== undefined) severity = { ...severity, ...override.severity };
    if (override.allowedKeys !== undefined) allowedKeys = [...allowedKeys, ...override.allowedKeys];
    if (override.platform !== undefined) platform = override.platform;
    if (override.productType !== undefined) productType = override.productType;
  }
  return { severity, allowedKeys, platform, productType, isIgnored: isInside && matches(config.ignore, relative, true) };
}

const matchers = new Map<string, (candidate: string) => boolean>();

function matches(patterns: readonly string[], relative: string, alsoFolders: boolean): boolean {
  const parts = relative.split('/');
  return patterns.some((pattern) => {
    const cleaned = pattern.replace(/^\.\//, '').replace(/\/$/, '');
    let matcher = matchers.get(cleaned);
    if (matcher === undefined) {
      matcher = picomatch(cleaned, { dot: true, basename: !cleaned.includes('/') });
      matchers.set(cleaned, matcher);
    }
    if (matcher(relative)) return true;
    if (!alsoFolders) return false;
    for (let length = parts.length - 1; length > 0; length--) if (matcher(parts.slice(0, length).join('/'))) return true;
    return false;
  });
}

/** Finds and reads configurations, each folder's answer and each file kept until `clear()` (a watched change). */
export interface ConfigStore {
  /** The configuration for `filePath`, looking no higher than `stopAt`; undefined when there is none. */
  nearest(filePath: string, stopAt: string | undefined): LoadedConfig | string | undefined;
  clear(): void;
}

export function createConfigStore(): ConfigStore {
  const foundByFolder = new Map<string, string | undefined>();
  const loadedByPath = new Map<string, LoadedConfig | string>();
  return {
    nearest(filePath, stopAt) {
      // Every folder passed on the way up has the same answer, so a tree of files costs one look per folder.
      const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
      const keyOf = (folder: string) => `${folder}\u0000${stop ?? ''}`;
      const passed: string[] = [];
      let folder = path.dirname(path.resolve(filePath));
      let found: string | undefined;
      for (;;) {
        const key = keyOf(folder);
        if (foundByFolder.has(key)) {
          found = foundByFolder.get(key);
          break;
        }
        passed.push(key);
        const candidate = path.join(folder, CONFIG_FILE_NAME);
        if (isExistingFile(candidate)) {
          found = candidate;
          break;
        }
        const parent = path.dirname(folder);
        if (folder === stop || parent === folder) break;
        folder = parent;
      }
      for (const key of passed) foundByFolder.set(key, found);
      if (found === undefined) return undefined;
      let loaded = loadedByPath.get(found);
      if (loaded === undefined) {
        loaded = readConfigFile(found);
        loadedByPath.set(found, loaded);
      }
      return loaded;
    },
    clear() {
      foundByFolder.clear();
      loadedByPath.clear();
    },
  };
}

function isExistingFile(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}
