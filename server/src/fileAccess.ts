/**
 * Where the server may read: a file counts as inside a folder only by its real path, links resolved, inside the
 * folder's real path. Paths as written prove nothing: a link inside the workspace (`link -> /etc`) reaches any file.
 * The policy is written out in docs/file-access.md.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/** The real path of `filePath` (links resolved), or `undefined` when it does not exist or cannot be resolved. */
export function realPathOf(filePath: string): string | undefined {
  try {
    return realpathSync.native(filePath);
  } catch {
    return undefined;
  }
}

/** Whether `filePath` is `folder` or below it, comparing the paths as given. */
export function isWithin(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The real path of `filePath` when it lies inside the real path of one of `folders`, else `undefined`. */
export function containedRealPath(filePath: string, folders: readonly string[]): string | undefined {
  const real = realPathOf(filePath);
  if (real === undefined) return undefined;
  return folders.some((folder) => {
    const realFolder = realPathOf(folder);
    return realFolder !== undefined && isWithin(realFolder, real);
  })
    ? real
    : undefined;
}
