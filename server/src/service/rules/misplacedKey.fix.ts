/** misplaced-key's fixes: move the entry into the target's other file when it is known, else remove it. */
import type { CodeAction } from 'vscode-languageserver-types';
import { moveToCompanionFixes, removalFixes, type FixRequest } from '../fixEdits';

export function misplacedKeyFixes(request: FixRequest): CodeAction[] {
  const move = moveToCompanionFixes(request, (entry, companionEdit) => `Move '${entry.key.text}' to ${companionEdit.fileName}`);
  return [...move, ...removalFixes(request)];
}
