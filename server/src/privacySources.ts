/**
 * Reads a privacy manifest's target sources for required-reason APIs (ITMS-91053): the Swift, Objective-C and C files
 * under the manifest's folder, which is where Xcode keeps a target's sources. The walk is bounded (file count, file
 * size, depth), stays under the folder, skips build products and dependencies (their SDKs ship their own manifests),
 * and skips a subfolder holding its own PrivacyInfo.xcprivacy (another target or a package). The pure matching is
 * the service's (privacy/requiredReasonUses.ts).
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { RequiredReasonCategory } from '../../shared/src/catalog';
import { findRequiredReasonUses, type RequiredReasonUse } from './service/privacy/requiredReasonUses';

/** The bounds of one scan; a larger tree is read only up to them (what was read still counts). */
export interface SourceScanLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxDepth: number;
}

export const DEFAULT_SCAN_LIMITS: SourceScanLimits = { maxFiles: 2000, maxFileBytes: 1024 * 1024, maxDepth: 12 };

const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(['.swift', '.m', '.mm', '.c', '.cc', '.cpp']);

/** Dependency and build folders: SDKs there declare their own APIs in their own manifests. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'Pods', 'Carthage', 'DerivedData', 'build', '.build', '.git', '.swiftpm', 'SourcePackages', 'Tests', 'UITests']);
const SKIPPED_FOLDER_SUFFIXES: readonly string[] = ['.framework', '.xcframework', '.bundle', '.app', '.appex', '.xcodeproj', '.xcworkspace', 'Tests'];

const MANIFEST_NAME = 'PrivacyInfo.xcprivacy';

/** What a scan found and how much it read. */
export interface SourceScan {
  readonly uses: RequiredReasonUse[];
  readonly filesRead: number;
  /** True when a limit stopped the walk before the end. */
  readonly isTruncated: boolean;
}

/** The required-reason API uses in the sources under `folder`, each file named relative to `base`. */
export function scanRequiredReasonUses(folder: string, base: string, categories: readonly RequiredReasonCategory[], limits: SourceScanLimits = DEFAULT_SCAN_LIMITS): SourceScan {
  const uses: RequiredReasonUse[] = [];
  const found = new Set<string>();
  let filesRead = 0;
  let isTruncated = false;
  const visit = (current: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    if (depth > 0 && entries.some((entry) => entry.name === MANIFEST_NAME && entry.isFile())) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (filesRead >= limits.maxFiles) {
        isTruncated = true;
        return;
      }
      const path = join(current, entry.name);
      // Symbolic links are not followed, so the walk cannot leave the folder or loop.
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) || SKIPPED_FOLDER_SUFFIXES.some((suffix) => entry.name.endsWith(suffix))) continue;
        if (depth + 1 > limits.maxDepth) {
          isTruncated = true;
          continue;
        }
        visit(path, depth + 1);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        const text = readSource(path, limits.maxFileBytes);
        if (text === undefined) continue;
        filesRead++;
        // Only categories not yet found are searched for: the message needs the first use of each.
        const open = categories.filter((category) => !found.has(category.value));
        if (open.length === 0) return;
        for (const use of findRequiredReasonUses(text, relative(base, path).split(sep).join('/'), open, open.length)) {
          if (found.has(use.category)) continue;
          found.add(use.category);
          uses.push(use);
        }
      }
    }
  };
  visit(folder, 0);
  return { uses, filesRead, isTruncated };
}

function readSource(path: string, maxBytes: number): string | undefined {
  try {
    if (statSync(path).size > maxBytes) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Scans kept per folder for a few seconds: the editor validates on every keystroke, and sources change far less
 * often than the manifest being typed.
 */
export function createSourceScanCache(categories: readonly RequiredReasonCategory[], keepMilliseconds = 5000, now: () => number = Date.now): (folder: string, base: string) => RequiredReasonUse[] {
  const scans = new Map<string, { at: number; uses: RequiredReasonUse[] }>();
  return (folder, base) => {
    const kept = scans.get(folder);
    if (kept !== undefined && now() - kept.at < keepMilliseconds) return kept.uses;
    const uses = scanRequiredReasonUses(folder, base, categories).uses;
    if (scans.size > 50) scans.clear();
    scans.set(folder, { at: now(), uses });
    return uses;
  };
}
