/** platform-mismatch's fixes: the key's counterpart on the target's platforms as a rename, then removal. */
import { renameAndRemovalFixes, type CodeFixes } from '../fixEdits';

export const platformMismatchFixes: CodeFixes = renameAndRemovalFixes;
