/** misplaced-key's fixes: move the entry into the target's other file when it is known, else remove it. */
import type { CodeAction } from 'vscode-languageserver-types';
import { companionInsertion, fixWithChanges, removalFixes, removeEntry, type FixRequest } from '../fixEdits';

export function misplacedKeyFixes(request: FixRequest): CodeAction[] {
  const { document, parsed, diagnostic, entry, data } = request;
  const actions: CodeAction[] = [];
  const companionEdit = data.companionEdit;
  if (companionEdit !== undefined && entry !== undefined) {
    const changes = { [document.uri]: [removeEntry(document, parsed, entry)], [companionEdit.uri]: [companionInsertion(companionEdit)] };
    actions.push(fixWithChanges(diagnostic, `Move '${entry.key.text}' to ${companionEdit.fileName}`, changes, true));
  }
  return [...actions, ...removalFixes(request)];
}
