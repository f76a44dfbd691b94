/**
 * The rules a privacy manifest runs: syntax and duplicate keys as in any plist, then each code's share of the
 * manifest's findings (manifestFindings.ts). The Info.plist and entitlements rules do not run on it, as its keys are
 * in neither catalog.
 */
import type { DiagnosticCode } from '../../../../shared/src/diagnosticCodes';
import { duplicateKey } from '../rules/duplicateKey';
import { plistSyntax } from '../rules/plistSyntax';
import type { Rule } from '../types';
import { manifestFindings } from './manifestFindings';

function shareOf(code: DiagnosticCode): Rule {
  return { code, check: (document, catalog, context) => manifestFindings(document, catalog, context).filter((problem) => problem.code === code) };
}

/** ITMS-91053; in the list of every rule too, where it says nothing about other files. */
export const missingApiDeclaration: Rule = {
  code: 'missing-api-declaration',
  check: (document, catalog, context) => (context.fileKind === 'privacyManifest' ? manifestFindings(document, catalog, context).filter((problem) => problem.code === 'missing-api-declaration') : []),
};

export const PRIVACY_MANIFEST_RULES: readonly Rule[] = [
  plistSyntax,
  duplicateKey,
  shareOf('unknown-key'),
  shareOf('misplaced-key'),
  shareOf('invalid-value-type'),
  shareOf('invalid-value'),
  missingApiDeclaration,
];
