/**
 * Reads entries of a zip archive (an `.ipa`) into memory through fflate, bounded against hostile archives: the
 * number of entries, each entry's size and compression ratio, and the total read are capped before anything is
 * inflated, and an entry whose name would leave the archive's folder (`../`, an absolute path, a backslash or a
 * drive letter) refuses the whole archive. Nothing is written to disk.
 */
import { unzipSync } from 'fflate';

export interface ZipLimits {
  /** Entries in the central directory; a large app has tens of thousands of files (assets, localizations). */
  readonly maxEntries: number;
  /** Declared uncompressed size of one entry read (app executables reach a few hundred megabytes). */
  readonly maxEntryBytes: number;
  /** Declared uncompressed bytes read from the archive in all. */
  readonly maxTotalBytes: number;
  /** Uncompressed to compressed size for an entry read past `ratioFloorBytes`: deflate tops out near 1032. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

interface EntryInfo {
  readonly compressedSize: number;
  readonly size: number;
}

export interface ZipArchive {
  /** Every file entry's name (folders are implied by the names), as stored: `Payload/X.app/Info.plist`. */
  readonly names: readonly string[];
  /** An entry's bytes, or a string saying why it is not read. */
  read(name: string): Uint8Array | string;
}

/** Thrown from fflate's filter to stop its walk of the central directory. */
class Refusal extends Error {}

/** Opens the archive's central directory; a string says why the archive is refused. */
export function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive | string {
  const entries = new Map<string, EntryInfo>();
  // Folders count too: a central directory that claims billions of entries must stop here, not at its end.
  let seen = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (++seen > limits.maxEntries) throw new Refusal(`it has more than ${limits.maxEntries} entries`);
        const problem = unsafeNameProblem(entry.name);
        if (problem !== undefined) throw new Refusal(`its entry '${entry.name}' ${problem}; refused`);
        if (!entry.name.endsWith('/')) entries.set(entry.name, { compressedSize: entry.size, size: entry.originalSize });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    return `not a readable zip archive (${error instanceof Error ? error.message : String(error)})`;
  }
  let totalRead = 0;
  return {
    names: [...entries.keys()],
    read(name) {
      const info = entries.get(name);
      if (info === undefined) return 'no such entry';
      if (info.size > limits.maxEntryBytes) return `its uncompressed size (${info.size} bytes) is over the ${limits.maxEntryBytes}-byte limit`;
      if (info.size > limits.ratioFloorBytes && info.size > info.compressedSize * limits.maxRatio) {
        return `it would inflate ${Math.round(info.size / Math.max(1, info.compressedSize))} times (over ${limits.maxRatio}), as a zip bomb does; refused`;
      }
      if (totalRead + info.size > limits.maxTotalBytes) return `reading it would pass the ${limits.maxTotalBytes}-byte limit for one archive`;
      totalRead += info.size;
      try {
        // fflate inflates into a buffer of the declared size and never grows it, so a lying header cannot pass the bound.
        const files = unzipSync(bytes, { filter: (entry) => entry.name === name });
        return files[name] ?? 'no such entry';
      } catch (error) {
        return `cannot inflate it (${error instanceof Error ? error.message : String(error)})`;
      }
    },
  };
}

/** Why an entry name could escape the archive's folder if it were ever extracted, or `undefined` when it cannot. */
export function unsafeNameProblem(name: string): string | undefined {
  if (name.includes('\\')) return 'has a backslash in its name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'has an absolute path';
  if (name.split('/').some((part) => part === '..')) return "climbs out of the archive with '..'";
  if (name.includes('\0')) return 'has a NUL in its name';
  return undefined;
}
