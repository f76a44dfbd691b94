/**
 * The I/O half of provisioning-profile checks: finds `.mobileprovision` and `.provisionprofile` files (in the
 * workspace, at the paths the user configured, and in the folders where Xcode keeps the user's profiles on macOS),
 * reads and caches them by modification time, remembers a profile the user picked for a document, and hands the
 * pure `chooseProfile` plain data. Shared by the server and the CLI.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { TargetInfo } from '../../shared/src/target';
import { containedRealPath, realPathOf } from './fileAccess';
import { chooseProfile, signingIdentityOf } from './service/profile/match';
import { readProvisioningProfile, type ProvisioningProfile } from './service/profile/profile';
import type { CompanionDocument, DocumentContext } from './service/types';

/** Real profiles are tens of kilobytes (a few hundred with many devices); anything this large is not one. */
const MAX_PROFILE_BYTES = 8 * 1024 * 1024;
/** The workspace walk stops after this many folder entries or this depth, so a huge tree cannot stall the server. */
const MAX_WALK_ENTRIES = 50_000;
const MAX_WALK_DEPTH = 12;
/** Folders that hold dependencies or build products; a profile there is a copy, not the project's. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'Pods', 'build', 'DerivedData', 'Carthage']);
const PROFILE_EXTENSIONS: ReadonlySet<string> = new Set(['.mobileprovision', '.provisionprofile']);

/** Where Xcode keeps downloaded profiles: the older folder, and the one Xcode 16 and later use. */
export function userProfileFolders(home: string = homedir()): string[] {
  return [path.join(home, 'Library', 'MobileDevice', 'Provisioning Profiles'), path.join(home, 'Library', 'Developer', 'Xcode', 'UserData', 'Provisioning Profiles')];
}

export interface ProfileStoreOptions {
  /** Workspace folders searched for profiles. */
  readonly roots: () => readonly string[];
  /** The user's profile folders; those that do not exist are skipped. Defaults to `userProfileFolders()`. */
  readonly userFolders?: readonly string[];
}

export interface ProfileRequest {
  readonly documentUri: string;
  readonly target: TargetInfo;
  readonly companion?: CompanionDocument;
  /** Files or folders from the settings (relative to the workspace roots; `~` is the home folder). */
  readonly extraPaths: readonly string[];
  readonly now?: Date;
}

export interface ProfileStore {
  /** Every readable profile in the workspace, at `extraPaths` and in the user's folders, each once. */
  list(extraPaths: readonly string[]): ProvisioningProfile[];
  /** Reads one file (cached by modification time); a string says why it is not a profile. */
  read(filePath: string): ProvisioningProfile | string;
  /**
   * Reads `filePath` only when `list(extraPaths)` would read it (docs/file-access.md); any other path gets
   * `NOT_READABLE`, the same answer whether or not the file exists.
   */
  readListed(filePath: string, extraPaths: readonly string[]): ProvisioningProfile | string;
  /** The profile that signs a document: the one the user picked for it, else the best match for its target. */
  profileFor(request: ProfileRequest): ProvisioningProfile | undefined;
  /** Uses `choice` (a file path, or a profile the client read) for the document; `undefined` goes back to matching. */
  select(documentUri: string, choice: string | ProvisioningProfile | undefined): void;
  /** Forgets the workspace's list of profiles (after a profile file was added or removed). */
  clear(): void;
}

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  return new CachedProfileStore(options);
}

/** Profiles read by path and cached by mtime and size; the workspace's profile files listed once until `clear`. */
class CachedProfileStore implements ProfileStore {
  private readonly files = new Map<string, { mtimeMs: number; size: number; result: ProvisioningProfile | string }>();
  private readonly workspaceFiles = new Map<string, string[]>();
  private readonly selections = new Map<string, string | ProvisioningProfile>();
  private readonly userFolders: readonly string[];

  constructor(private readonly options: ProfileStoreOptions) {
    this.userFolders = options.userFolders ?? userProfileFolders();
  }

  read(filePath: string): ProvisioningProfile | string {
    const absolute = path.resolve(filePath);
    // Only files named as profiles are opened at all, so a setting naming ~/.bashrc reads nothing.
    if (!isProfileFile(absolute)) return `${filePath}: not a provisioning profile (not a .mobileprovision or .provisionprofile file)`;
    try {
      const stats = statSync(absolute);
      if (!stats.isFile()) return `${filePath} is not a file`;
      if (stats.size > MAX_PROFILE_BYTES) return `${filePath} is too large to be a provisioning profile`;
      const cached = this.files.get(absolute);
      if (cached !== undefined && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.result;
      const reading = readProfileBytes(new Uint8Array(readFileSync(absolute)));
      const result = reading.profile === undefined ? `${filePath}: ${reading.problem ?? 'not a provisioning profile'}` : { ...reading.profile, location: absolute };
      this.files.set(absolute, { mtimeMs: stats.mtimeMs, size: stats.size, result });
      return result;
    } catch (error) {
      return `${filePath}: cannot read (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  list(extraPaths: readonly string[]): ProvisioningProfile[] {
    const seen = new Set<string>();
    const profiles: ProvisioningProfile[] = [];
    for (const candidate of this.candidates(extraPaths)) {
      const absolute = path.resolve(candidate);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      const result = this.read(absolute);
      if (typeof result !== 'string') profiles.push(result);
    }
    return profiles;
  }

  readListed(filePath: string, extraPaths: readonly string[]): ProvisioningProfile | string {
    const real = realPathOf(filePath);
    return real !== undefined && this.candidates(extraPaths).includes(real) ? this.read(real) : NOT_READABLE;
  }

  profileFor(request: ProfileRequest): ProvisioningProfile | undefined {
    const selected = this.selections.get(request.documentUri);
    if (typeof selected === 'object') return selected;
    if (selected !== undefined) {
      const result = this.read(selected);
      return typeof result === 'string' ? undefined : result;
    }
    const identity = signingIdentityOf(request);
    if (identity.bundleIdentifiers.length === 0) return undefined;
    return chooseProfile(this.list(request.extraPaths), identity, request.target.platforms, request.now ?? new Date());
  }

  select(documentUri: string, choice: string | ProvisioningProfile | undefined): void {
    if (choice === undefined) this.selections.delete(documentUri);
    else this.selections.set(documentUri, typeof choice === 'string' ? path.resolve(choice) : choice);
  }

  clear(): void {
    this.workspaceFiles.clear();
  }

  private filesInWorkspace(): string[] {
    const found: string[] = [];
    for (const root of this.options.roots()) {
      let cached = this.workspaceFiles.get(root);
      if (cached === undefined) {
        cached = walk(root).flatMap((file) => realPathsInside(file, root));
        this.workspaceFiles.set(root, cached);
      }
      found.push(...cached);
    }
    return found;
  }

  /** The profile files `list` reads for `extraPaths`, by real path: each lies inside the folder it was found in. */
  private candidates(extraPaths: readonly string[]): string[] {
    const found = [...this.filesInWorkspace()];
    for (const extraPath of extraPaths.flatMap((each) => this.resolveExtraPath(each))) {
      if (isDirectory(extraPath)) {
        for (const file of profilesIn(extraPath)) found.push(...realPathsInside(file, extraPath));
      } else {
        // A file the user named is its own containment: read where it really is, if that is a profile file too.
        const real = realPathOf(extraPath);
        if (real !== undefined && isProfileFile(extraPath) && isProfileFile(real)) found.push(real);
      }
    }
    for (const folder of this.userFolders) for (const file of profilesIn(folder)) found.push(...realPathsInside(file, folder));
    return found;
  }

  private resolveExtraPath(extraPath: string): string[] {
    const trimmed = extraPath.trim();
    const expanded = trimmed === '~' || trimmed.startsWith('~/') ? path.join(homedir(), trimmed.slice(1)) : trimmed;
    if (path.isAbsolute(expanded)) return [expanded];
    const roots = this.options.roots();
    return roots.length === 0 ? [path.resolve(expanded)] : roots.map((root) => path.resolve(root, expanded));
  }
}

/** The answer for a profile path outside the places profiles are read from, whether or not the file exists. */
export const NOT_READABLE =
  'This is not a provisioning profile plist-sentinel reads: profiles are read from the workspace folders, the plistSentinel.profilePaths setting and Xcode\'s profile folders (see docs/file-access.md).';

/**
 * A profile from a file's bytes. Only CMS signed data counts: a bare XML plist with a `Name` is any plist, and a
 * real profile is always signed.
 */
export function readProfileBytes(bytes: Uint8Array): { profile?: ProvisioningProfile; problem?: string } {
  if (bytes[0] !== 0x30) return { problem: 'not a CMS container (a provisioning profile is CMS signed data)' };
  return readProvisioningProfile(bytes);
}

/** `file`'s real path, as a one-item list, when it lies inside `folder`'s real path; else nothing. */
function realPathsInside(file: string, folder: string): string[] {
  const real = containedRealPath(file, [folder]);
  return real === undefined || !isProfileFile(real) ? [] : [real];
}

/** True for the extensions profiles come with. */
export function isProfileFile(filePath: string): boolean {
  return PROFILE_EXTENSIONS.has(path.extname(filePath).toLowerCase());
}

function isDirectory(filePath: string): boolean {
  try {
    return statSync(filePath).isDirectory();
  } catch {
    return false;
  }
}

/** The profile files directly in `folder` (the user's profile folders are flat). */
function profilesIn(folder: string): string[] {
  try {
    return readdirSync(folder).filter(isProfileFile).sort().map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

/** Profile files under `root`, breadth first, skipping dependency, build and hidden folders, within the bounds. */
function walk(root: string): string[] {
  const found: string[] = [];
  const queue: Array<{ folder: string; depth: number }> = [{ folder: root, depth: 0 }];
  let visited = 0;
  for (let item = queue.shift(); item !== undefined && visited < MAX_WALK_ENTRIES; item = queue.shift()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(item.folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++visited > MAX_WALK_ENTRIES) break;
      const entryPath = path.join(item.folder, entry.name);
      if (entry.isDirectory()) {
        if (item.depth < MAX_WALK_DEPTH && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) queue.push({ folder: entryPath, depth: item.depth + 1 });
      } else if (entry.isFile() && isProfileFile(entry.name)) {
        found.push(entryPath);
      }
    }
  }
  return found;
}

/** Reads the profiles named on the command line (`--profile PATH`); a folder means the profiles directly in it. */
export function readProfileFiles(paths: readonly string[]): { profiles: ProvisioningProfile[]; errors: string[] } {
  const store = createProfileStore({ roots: () => [], userFolders: [] });
  const profiles: ProvisioningProfile[] = [];
  const errors: string[] = [];
  for (const given of paths) {
    for (const file of isDirectory(given) ? profilesIn(given) : [given]) {
      const result = store.read(file);
      if (typeof result === 'string') errors.push(result);
      else profiles.push(result);
    }
  }
  return { profiles, errors };
}

/**
 * The profile among those the user named that signs a file: the one for its bundle identifier, or the only one
 * when the bundle identifier is not known. The team does not filter here: a named profile of another team is what
 * the user asked about, and `profile-wrong-team` says so.
 */
export function chooseGivenProfile(profiles: readonly ProvisioningProfile[], context: Pick<DocumentContext, 'target' | 'companion'>, now: Date = new Date()): ProvisioningProfile | undefined {
  const identity = signingIdentityOf(context);
  if (identity.bundleIdentifiers.length === 0) return profiles.length === 1 ? profiles[0] : undefined;
  return chooseProfile(profiles, { bundleIdentifiers: identity.bundleIdentifiers, teamIdentifiers: [] }, context.target.platforms, now);
}
