/**
 * Where source code uses a required-reason API: Apple's symbol names for each category, matched in Swift and
 * Objective-C text. Pure (text in, uses out); the server and the CLI read the files, bounded, and pass the uses to
 * validation as context. A symbol counts only as a whole word outside comments, and `stat`-like C calls only when
 * called, so a property named `creationDateLabel` or the word "stat" in prose is no use.
 */
import type { RequiredReasonCategory } from '../../../../shared/src/catalog';

/** One use of a required-reason API in the target's sources. */
export interface RequiredReasonUse {
  readonly category: string;
  readonly symbol: string;
  /** The file, relative to the workspace folder, as the message shows it. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

/** The C functions Apple lists, which count only as calls (`stat(`), since their names are common words. */
const CALLED_ONLY = new Set(['stat', 'fstat', 'fstatat', 'lstat', 'statfs', 'statvfs', 'fstatfs', 'fstatvfs', 'getattrlist', 'getattrlistbulk', 'fgetattrlist', 'getattrlistat', 'mach_absolute_time']);

/**
 * Swift member names Apple lists that are also everyday property names (`creationDate` of a model): they count only
 * as a member of the key types that make them the file-attribute API (`.creationDate` inside
 * `attributesOfItem`-style subscripts, `FileAttributeKey.creationDate`, `URLResourceKey`).
 */
const MEMBER_ONLY = new Set(['creationDate', 'modificationDate', 'systemSize', 'systemFreeSize']);

/** The Objective-C names of the Swift symbols Apple lists (the same constants, spelt as Foundation declares them). */
const OBJECTIVE_C_NAMES: Readonly<Record<string, readonly string[]>> = {
  creationDate: ['NSFileCreationDate'],
  modificationDate: ['NSFileModificationDate'],
  contentModificationDateKey: ['NSURLContentModificationDateKey'],
  creationDateKey: ['NSURLCreationDateKey'],
  volumeAvailableCapacityKey: ['NSURLVolumeAvailableCapacityKey'],
  volumeAvailableCapacityForImportantUsageKey: ['NSURLVolumeAvailableCapacityForImportantUsageKey'],
  volumeAvailableCapacityForOpportunisticUsageKey: ['NSURLVolumeAvailableCapacityForOpportunisticUsageKey'],
  volumeTotalCapacityKey: ['NSURLVolumeTotalCapacityKey'],
  systemFreeSize: ['NSFileSystemFreeSize'],
  systemSize: ['NSFileSystemSize'],
};

/** The uses in one source file, at most `limit`; the first use of each category is what a message needs. */
export function findRequiredReasonUses(text: string, file: string, categories: readonly RequiredReasonCategory[], limit = 50): RequiredReasonUse[] {
  const uses: RequiredReasonUse[] = [];
  const patterns = categories.map((category) => ({ category: category.value, pattern: patternOf(category.symbols.flatMap((symbol) => [symbol, ...(OBJECTIVE_C_NAMES[symbol] ?? [])])) }));
  const lines = text.split(/\r\n|\r|\n/);
  let isInBlockComment = false;
  for (let lineIndex = 0; lineIndex < lines.length && uses.length < limit; lineIndex++) {
    const { code, isStillInComment } = codeOf(lines[lineIndex] ?? '', isInBlockComment);
    isInBlockComment = isStillInComment;
    if (code.trim() === '') continue;
    for (const { category, pattern } of patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(code); match !== null; match = pattern.exec(code)) {
        const symbol = match[2] ?? '';
        const before = code.slice(0, match.index + (match[1]?.length ?? 0));
        const after = code.slice(pattern.lastIndex);
        if (CALLED_ONLY.has(symbol) && !/^\s*\(/.test(after)) continue;
        if (MEMBER_ONLY.has(symbol) && !/(FileAttributeKey|URLResourceKey|\[\s*|,\s*)\.$/.test(before.replace(/\s+$/, ''))) continue;
        if (CALLED_ONLY.has(symbol) && /(\.|->|\bfunc\s+|\bstruct\s+)$/.test(before)) continue;
        uses.push({ category, symbol, file, line: lineIndex + 1 });
        break;
      }
    }
  }
  return uses;
}

function patternOf(symbols: readonly string[]): RegExp {
  const names = [...new Set(symbols)].sort((a, b) => b.length - a.length).map((symbol) => symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(^|[^A-Za-z0-9_])(${names.join('|')})(?![A-Za-z0-9_])`, 'g');
}

/** A line without its comments and string literals' contents, and whether a block comment continues after it. */
function codeOf(line: string, isInBlockComment: boolean): { code: string; isStillInComment: boolean } {
  let code = '';
  let inComment = isInBlockComment;
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    const next = line[index + 1];
    if (inComment) {
      if (char === '*' && next === '/') {
        inComment = false;
        index++;
      }
      continue;
    }
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '/' && next === '/') break;
    if (char === '/' && next === '*') {
      inComment = true;
      index++;
      continue;
    }
    if (char === '"') {
      inString = true;
      code += '""';
      continue;
    }
    code += char;
  }
  return { code, isStillInComment: inComment };
}
