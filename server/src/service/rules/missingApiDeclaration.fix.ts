/** missing-api-declaration's fix: add the used category's entry to the privacy manifest's NSPrivacyAccessedAPITypes. */
import type { CodeAction } from 'vscode-languageserver-types';
import { missingCompanionFixes } from './missingCompanion.fix';
import type { FixRequest } from '../fixEdits';

/** The same insertion missing-companion makes: the finding carries it in its data, into this file. */
export function missingApiDeclarationFixes(request: FixRequest): CodeAction[] {
  return missingCompanionFixes(request);
}
