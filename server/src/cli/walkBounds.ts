/**
 * What a folder walk may enter. Links are resolved to real paths, so a link such as `x -> .` or links in a
 * bundle's `PlugIns/` that name the same bundle are entered once, and nothing outside the folders the walk was
 * given is read: a workspace full of links (pnpm's) must neither loop nor lead elsewhere.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** One folder or file in a folder, its links resolved. */
export interface WalkEntry {
  readonly name: string;
  readonly path: string;
  readonly realPath: string;
  readonly isDirectory: boolean;
}

export interface WalkBounds {
  /**
   * The folders and files in `folder` that lie inside the roots once their links are resolved, sorted by name
   * with links after the rest, so that an entry is found under its own name before a link's.
   */
  entriesOf(folder: string): WalkEntry[];
  /** True the first time the walk reaches this real path, false after: each folder and file is taken once. */
  claim(entry: WalkEntry): boolean;
  /** Whether the file at `filePath`, its links resolved, lies inside the roots. */
  contains(filePath: string): boolean;
}

/** Bounds for a walk of `roots`; each root itself counts as claimed. */
export function createWalkBounds(roots: readonly string[]): WalkBounds {
  const realRoots = roots.map(realPathOf).filter((root): root is string => root !== undefined);
  const claimed = new Set<string>(realRoots);
  const isInside = (realPath: string) => realRoots.some((root) => realPath === root || realPath.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  return {
    entriesOf(folder) {
      let names: string[];
      try {
        names = readdirSync(folder).sort();
      } catch {
        return [];
      }
      const entries: WalkEntry[] = [];
      const links: WalkEntry[] = [];
      for (const name of names) {
        const entryPath = path.join(folder, name);
        try {
          const linkStats = lstatSync(entryPath);
          const isLink = linkStats.isSymbolicLink();
          const stats = isLink ? statSync(entryPath) : linkStats;
          if (!stats.isDirectory() && !stats.isFile()) continue;
          const realPath = realPathOf(entryPath);
          if (realPath === undefined || !isInside(realPath)) continue;
          (isLink ? links : entries).push({ name, path: entryPath, realPath, isDirectory: stats.isDirectory() });
        } catch {
          continue;
        }
      }
      for (const link of links) entries.push(link);
      return entries;
    },
    claim(entry) {
      if (claimed.has(entry.realPath)) return false;
      claimed.add(entry.realPath);
      return true;
    },
    contains(filePath) {
      const realPath = realPathOf(filePath);
      return realPath !== undefined && isInside(realPath);
    },
  };
}

function realPathOf(entryPath: string): string | undefined {
  try {
    return realpathSync.native(entryPath);
  } catch {
    return undefined;
  }
}
