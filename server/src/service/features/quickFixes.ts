/**
 * Quick fixes, chosen by diagnostic code and built from the diagnostic's `data` and the document alone, so the
 * server keeps no cache of fixes. Each code's fixes live beside the rule that reports it (`rules/<rule>.fix.ts`)
 * and are listed once in `FIXES`; every finding inside an entry can also be suppressed there.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValueType } from '../../../../shared/src/catalog';
import { DIAGNOSTIC_SOURCE, isDiagnosticCode, type CompanionEdit, type DiagnosticCode, type DiagnosticData } from '../../../../shared/src/diagnosticCodes';
import { fix, type CodeFixes, type FixRequest } from '../fixEdits';
import { entryOf, nodeAt, type DictEntry, type PlistDocument } from '../plist/nodes';
import { appClipUnsupportedFixes } from '../rules/appClipUnsupported.fix';
import { deprecatedKeyFixes } from '../rules/deprecatedKey.fix';
import { duplicateKeyFixes } from '../rules/duplicateKey.fix';
import { hallucinatedKeyFixes } from '../rules/hallucinatedKey.fix';
import { invalidValueFixes } from '../rules/invalidValue.fix';
import { invalidValueTypeFixes } from '../rules/invalidValueType.fix';
import { misplacedKeyFixes } from '../rules/misplacedKey.fix';
import { missingApiDeclarationFixes } from '../rules/missingApiDeclaration.fix';
import { missingCompanionFixes } from '../rules/missingCompanion.fix';
import { platformMismatchFixes } from '../rules/platformMismatch.fix';
import { privateEntitlementFixes } from '../rules/privateEntitlement.fix';
import { profileMissingEntitlementFixes } from '../rules/profileMissingEntitlement.fix';
import { profileValueMismatchFixes } from '../rules/profileValueMismatch.fix';
import { profileWrongTeamFixes } from '../rules/profileWrongTeam.fix';
import { signingInsertedKeyFixes } from '../rules/signingInsertedKey.fix';
import { unknownKeyFixes } from '../rules/unknownKey.fix';
import { unusedSuppressionFixes } from './suppression.fix';

/** Each code's fixes, one line per code that has any. */
const FIXES: Readonly<Partial<Record<DiagnosticCode, CodeFixes>>> = {
  'app-clip-unsupported': appClipUnsupportedFixes,
  'deprecated-key': deprecatedKeyFixes,
  'duplicate-key': duplicateKeyFixes,
  'hallucinated-key': hallucinatedKeyFixes,
  'invalid-value': invalidValueFixes,
  'invalid-value-type': invalidValueTypeFixes,
  'misplaced-key': misplacedKeyFixes,
  'missing-api-declaration': missingApiDeclarationFixes,
  'missing-companion': missingCompanionFixes,
  'platform-mismatch': platformMismatchFixes,
  'private-entitlement': privateEntitlementFixes,
  'profile-missing-entitlement': profileMissingEntitlementFixes,
  'profile-value-mismatch': profileValueMismatchFixes,
  'profile-wrong-team': profileWrongTeamFixes,
  'signing-inserted-key': signingInsertedKeyFixes,
  'unknown-key': unknownKeyFixes,
  'unused-suppression': unusedSuppressionFixes,
};

/** The quick fixes for `diagnostics` (ours only) in `document`: the code's own, then the suppression comment. */
export function getQuickFixes(document: TextDocument, parsed: PlistDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticCode(diagnostic.code)) continue;
    const request: FixRequest = { document, parsed, diagnostic, data: readData(diagnostic.data), entry: entryAt(parsed, document.offsetAt(diagnostic.range.start)) };
    for (const action of FIXES[diagnostic.code]?.(request) ?? []) actions.push(action);
    // A suppression of the suppression comment itself would be one more comment to flag.
    if (diagnostic.code === 'unused-suppression') continue;
    const suppression = suppressionFix(request);
    if (suppression !== undefined) actions.push(suppression);
  }
  return actions;
}

/**
 * "Suppress 'CODE' for this entry": a disable-next-line comment above the innermost entry holding the diagnostic,
 * indented as its key. None outside an entry (a syntax problem, the root), where a comment could land in text.
 */
function suppressionFix(request: FixRequest): CodeAction | undefined {
  const { document, parsed, diagnostic } = request;
  if (typeof diagnostic.code !== 'string' || diagnostic.code === 'plist-syntax') return undefined;
  let node = nodeAt(parsed, document.offsetAt(diagnostic.range.start));
  let key = node?.kind === 'key' ? node : undefined;
  while (key === undefined && node !== undefined && node.kind !== 'key') {
    key = entryOf(node)?.key;
    node = node.parent;
  }
  if (key === undefined) return undefined;
  const text = parsed.text;
  const lineStart = text.lastIndexOf('\n', key.offset - 1) + 1;
  const before = text.slice(lineStart, key.offset);
  const comment = `<!-- plist-sentinel-disable-next-line ${diagnostic.code} -->`;
  const edit: TextEdit =
    before.trim() === ''
      ? { range: { start: document.positionAt(lineStart), end: document.positionAt(lineStart) }, newText: `${before}${comment}\n` }
      : { range: { start: document.positionAt(key.offset), end: document.positionAt(key.offset) }, newText: `${comment}\n${/^\s*/.exec(before)?.[0] ?? ''}` };
  return fix(request, `Suppress '${diagnostic.code}' for this entry`, [edit], false);
}

/** Narrows `Diagnostic.data`, which comes back from the client as `unknown`. */
function readData(raw: unknown): DiagnosticData {
  if (typeof raw !== 'object' || raw === null) return {};
  const record = raw as Record<string, unknown>;
  const replacements = Array.isArray(record.replacements) ? record.replacements.filter((item): item is string => typeof item === 'string') : undefined;
  const companionEdit = readCompanionEdit(record.companionEdit);
  const suppressionReplacement = typeof record.suppressionReplacement === 'string' ? record.suppressionReplacement : undefined;
  return {
    ...(replacements === undefined ? {} : { replacements }),
    canRemove: record.canRemove === true,
    ...(companionEdit === undefined ? {} : { companionEdit }),
    ...(suppressionReplacement === undefined ? {} : { suppressionReplacement }),
    ...readValueData(record),
  };
}

const VALUE_TYPES: ReadonlySet<string> = new Set<ValueType>(['string', 'boolean', 'integer', 'real', 'date', 'data', 'array', 'dictionary']);

/** The value-fix fields of `Diagnostic.data`, narrowed from what the client sends back. */
export function readValueData(record: Readonly<Record<string, unknown>>): Pick<DiagnosticData, 'valueReplacements' | 'convertTo' | 'keepFirstItems'> {
  const valueReplacements = Array.isArray(record.valueReplacements) ? record.valueReplacements.filter((item): item is string => typeof item === 'string') : undefined;
  const convertTo = typeof record.convertTo === 'string' && VALUE_TYPES.has(record.convertTo) ? (record.convertTo as ValueType) : undefined;
  const keepFirstItems = typeof record.keepFirstItems === 'number' && Number.isSafeInteger(record.keepFirstItems) && record.keepFirstItems >= 1 ? record.keepFirstItems : undefined;
  return {
    ...(valueReplacements === undefined ? {} : { valueReplacements }),
    ...(convertTo === undefined ? {} : { convertTo }),
    ...(keepFirstItems === undefined ? {} : { keepFirstItems }),
  };
}

function readCompanionEdit(raw: unknown): CompanionEdit | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const position = record.position as Record<string, unknown> | undefined;
  if (typeof record.uri !== 'string' || typeof record.fileName !== 'string' || typeof record.key !== 'string' || typeof record.newText !== 'string') return undefined;
  if (typeof position?.line !== 'number' || typeof position.character !== 'number') return undefined;
  const end = record.end as Record<string, unknown> | undefined;
  const hasEnd = typeof end?.line === 'number' && typeof end.character === 'number';
  return {
    uri: record.uri,
    fileName: record.fileName,
    key: record.key,
    newText: record.newText,
    position: { line: position.line, character: position.character },
    ...(hasEnd ? { end: { line: end.line as number, character: end.character as number } } : {}),
  };
}

/** The entry whose key holds `offset`; none where the diagnostic no longer points at a key. */
function entryAt(parsed: PlistDocument, offset: number): DictEntry | undefined {
  const node = nodeAt(parsed, offset);
  return node?.kind === 'key' ? entryOf(node) : undefined;
}
