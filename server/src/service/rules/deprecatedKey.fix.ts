/** deprecated-key's fixes: the keys that replace it as renames, then removal where App Store Connect rejects it. */
import { renameAndRemovalFixes, type CodeFixes } from '../fixEdits';

export const deprecatedKeyFixes: CodeFixes = renameAndRemovalFixes;
