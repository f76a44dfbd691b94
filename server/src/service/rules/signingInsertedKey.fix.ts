/** signing-inserted-key's fix: remove the key, which signing writes itself. */
import { removalFixes, type CodeFixes } from '../fixEdits';

export const signingInsertedKeyFixes: CodeFixes = removalFixes;
