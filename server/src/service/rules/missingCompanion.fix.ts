/** missing-companion's fix: add the needed key to the file it belongs in (this one when the URI is empty). */
import type { CodeAction } from 'vscode-languageserver-types';
import { companionInsertion, fixWithChanges, type FixRequest } from '../fixEdits';

export function missingCompanionFixes(request: FixRequest): CodeAction[] {
  const companionEdit = request.data.companionEdit;
  if (companionEdit === undefined) return [];
  const uri = companionEdit.uri === '' ? request.document.uri : companionEdit.uri;
  return [fixWithChanges(request.diagnostic, `Add '${companionEdit.key}' to ${companionEdit.fileName}`, { [uri]: [companionInsertion(companionEdit)] }, true)];
}
