/** hallucinated-key's fixes: the real keys it probably meant as renames, then removal. */
import { renameAndRemovalFixes, type CodeFixes } from '../fixEdits';

export const hallucinatedKeyFixes: CodeFixes = renameAndRemovalFixes;
