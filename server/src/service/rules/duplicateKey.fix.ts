/** duplicate-key's fix: remove this repeated entry; the first one stays. */
import { removalFixes, type CodeFixes } from '../fixEdits';

export const duplicateKeyFixes: CodeFixes = removalFixes;
