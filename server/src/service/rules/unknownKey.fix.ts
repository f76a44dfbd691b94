/**
 * unknown-key's fixes: for a key naming a feature gated in the other file, the gate goes there and the invented key
 * goes; otherwise the suggested keys as renames, then removal.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import { moveToCompanionFixes, renameAndRemovalFixes, type FixRequest } from '../fixEdits';

export function unknownKeyFixes(request: FixRequest): CodeAction[] {
  const gate = moveToCompanionFixes(request, (_, companionEdit) => `Replace with '${companionEdit.key}' in ${companionEdit.fileName}`);
  return [...gate, ...renameAndRemovalFixes(request)];
}
