/**
 * unknown-key's fixes: for a key naming a feature gated in the other file, the gate goes there and the invented key
 * goes; otherwise the suggested keys as renames, then removal.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import { companionInsertion, fixWithChanges, removeEntry, renameAndRemovalFixes, type FixRequest } from '../fixEdits';

export function unknownKeyFixes(request: FixRequest): CodeAction[] {
  const { document, parsed, diagnostic, entry, data } = request;
  const actions: CodeAction[] = [];
  const companionEdit = data.companionEdit;
  if (companionEdit !== undefined && entry !== undefined) {
    const changes = { [document.uri]: [removeEntry(document, parsed, entry)], [companionEdit.uri]: [companionInsertion(companionEdit)] };
    actions.push(fixWithChanges(diagnostic, `Replace with '${companionEdit.key}' in ${companionEdit.fileName}`, changes, true));
  }
  return [...actions, ...renameAndRemovalFixes(request)];
}
