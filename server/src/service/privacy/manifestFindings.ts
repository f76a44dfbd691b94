/**
 * Everything wrong in a privacy manifest, found in one walk over its tree: keys Apple does not define there (with
 * the near miss), Info.plist keys and entitlements in it, values of the wrong type, data types, purposes, API
 * categories and reason codes Apple does not list (a reason of another category names that category), tracking
 * without domains or domains without tracking, and required-reason APIs the target's code uses with no category
 * declared (ITMS-91053). App Store Connect rejects a manifest with unexpected keys or values (ITMS-91056), so each
 * of these is certain; the rules in privacyRules.ts each report their code's share.
 */
import type { CatalogEntry, RequiredReasonCategory, ValueType } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { nearest } from '../editDistance';
import { convertedElement } from '../valueConversion';
import { DerivedKey, type DictEntry, type DictNode, type PlistDocument, type ScalarNode, type ValueNode } from '../plist/nodes';
import { textRange } from '../plist/walk';
import type { DocumentContext, Problem } from '../types';
import { missingDeclarations } from './missingDeclarations';
import { privacyIndexOf, type PrivacyIndex } from './privacyCatalog';

const FINDINGS = new DerivedKey<readonly Problem[]>('privacyManifestFindings');

/** The manifest's problems, made once per document, catalog and context. */
export function manifestFindings(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): readonly Problem[] {
  return document.derive(FINDINGS, [catalog, context.requiredReasonUses], () => {
    const index = privacyIndexOf(catalog.catalog);
    return index === undefined || document.root?.kind !== 'dict' ? [] : findProblems(document, document.root, catalog, index, context);
  });
}

const ELEMENT_KINDS: Readonly<Record<ValueType, ValueNode['kind']>> = {
  string: 'string', boolean: 'boolean', integer: 'integer', real: 'real', date: 'date', data: 'data', array: 'array', dictionary: 'dict',
};

function findProblems(document: PlistDocument, root: DictNode, catalog: CatalogIndex, index: PrivacyIndex, context: DocumentContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of root.entries) {
    const entryDef = index.topLevelKeys.get(entry.key.text);
    if (entryDef === undefined) {
      problems.push(foreignKeyProblem(entry, catalog, index, [...index.topLevelKeys.keys()]));
      continue;
    }
    checkValue(entry, entryDef, index, problems);
  }
  checkTracking(root, problems);
  for (const problem of missingDeclarations(document, root, index, context.requiredReasonUses ?? [])) problems.push(problem);
  return problems;
}

/** A key the manifest does not define at this level: another file's key (misplaced), else unknown, with the near miss. */
function foreignKeyProblem(entry: DictEntry, catalog: CatalogIndex, index: PrivacyIndex, candidates: readonly string[]): Problem {
  const key = entry.key.text;
  const range = textRange(entry.key);
  const infoPlistEntry = catalog.infoPlistKey(key);
  if (infoPlistEntry !== undefined || key.endsWith('UsageDescription')) {
    return { code: 'misplaced-key', ...range, message: `'${key}' is an Info.plist key; the privacy manifest may hold only its own keys`, docUrl: infoPlistEntry?.docUrl ?? index.manifest.docUrl, data: { canRemove: true } };
  }
  if (catalog.entitlement(key) !== undefined) {
    return { code: 'misplaced-key', ...range, message: `'${key}' is an entitlement; the privacy manifest may hold only its own keys`, docUrl: index.manifest.docUrl, data: { canRemove: true } };
  }
  const suggestions = nearest(key, candidates, Math.max(2, Math.floor(key.length / 6)));
  const nested = nestedOwnerOf(key, index);
  const where = nested === undefined ? '' : ` at this level (it belongs in each dictionary of ${nested})`;
  return { code: 'unknown-key', ...range, message: `Unknown privacy manifest key '${key}'${where}`, docUrl: index.manifest.docUrl, data: { replacements: suggestions, canRemove: true } };
}

/** The array whose dictionaries take `key`, when `key` is one of their keys. */
function nestedOwnerOf(key: string, index: PrivacyIndex): string | undefined {
  for (const [owner, children] of index.childKeys) if (children.has(key)) return owner;
  return undefined;
}

function checkValue(entry: DictEntry, definition: CatalogEntry, index: PrivacyIndex, problems: Problem[]): void {
  const value = entry.value;
  if (value === undefined) return;
  if (!hasType(value, definition.type)) {
    problems.push(typeProblem(entry.key.text, value, definition.type));
    return;
  }
  if (value.kind !== 'array') {
    if (value.kind === 'string') checkString(entry.key.text, value, definition, problems);
    return;
  }
  for (const item of value.items) {
    const itemType = definition.itemType;
    if (itemType === undefined) continue;
    if (!hasType(item, itemType)) {
      problems.push(typeProblem(`an item of ${entry.key.text}`, item, itemType));
      continue;
    }
    if (item.kind === 'string') checkString(entry.key.text, item, definition, problems);
    else if (item.kind === 'dict') checkDictionary(entry.key.text, item, index, problems);
  }
  if (definition.key === REASONS_KEY && value.items.length === 0) {
    problems.push({ code: 'invalid-value', offset: value.offset, length: value.end - value.offset, message: `${REASONS_KEY} lists no reason; give at least one approved reason code`, docUrl: definition.docUrl });
  }
}

const REASONS_KEY = 'NSPrivacyAccessedAPITypeReasons';
const CATEGORY_KEY = 'NSPrivacyAccessedAPIType';

function hasType(value: ValueNode, type: ValueType): boolean {
  return value.kind === ELEMENT_KINDS[type] || (type === 'real' && value.kind === 'integer');
}

function typeProblem(what: string, value: ValueNode, type: ValueType): Problem {
  const convertTo = value.kind === 'dict' || value.kind === 'array' ? undefined : type === 'array' ? 'array' : convertedElement(value, type) === undefined ? undefined : type;
  const article = type === 'array' || type === 'integer' ? 'an' : 'a';
  return {
    code: 'invalid-value-type',
    offset: value.offset,
    length: value.end - value.offset,
    message: `${what.startsWith('an item') ? what[0]?.toUpperCase() + what.slice(1) : `'${what}'`} must be ${article} ${type}, not ${value.kind === 'dict' ? 'a dictionary' : `${value.kind === 'array' || value.kind === 'integer' ? 'an' : 'a'} ${value.kind}`}`,
    ...(convertTo === undefined ? {} : { data: { convertTo } }),
  };
}

function checkDictionary(arrayKey: string, dict: DictNode, index: PrivacyIndex, problems: Problem[]): void {
  const children = index.childKeys.get(arrayKey);
  if (children === undefined) return;
  let category: string | undefined;
  const reasons: ScalarNode[] = [];
  for (const entry of dict.entries) {
    const definition = children.get(entry.key.text);
    if (definition === undefined) {
      const range = textRange(entry.key);
      const suggestions = nearest(entry.key.text, [...children.keys()], Math.max(2, Math.floor(entry.key.text.length / 6)));
      problems.push({ code: 'unknown-key', ...range, message: `Unknown key '${entry.key.text}' in a dictionary of ${arrayKey}`, docUrl: index.topLevelKeys.get(arrayKey)?.docUrl, data: { replacements: suggestions, canRemove: true } });
      continue;
    }
    if (definition.key === REASONS_KEY && entry.value?.kind === 'array') {
      // Reason codes are judged against the dictionary's category below, not against every code.
      checkReasonsArray(entry, definition, problems, reasons);
      continue;
    }
    checkValue(entry, definition, index, problems);
    if (definition.key === CATEGORY_KEY && entry.value?.kind === 'string') category = entry.value.text.trim();
  }
  checkReasons(reasons, category === undefined ? undefined : index.categories.get(category), index, problems);
}

function checkReasonsArray(entry: DictEntry, definition: CatalogEntry, problems: Problem[], reasons: ScalarNode[]): void {
  const array = entry.value;
  if (array?.kind !== 'array') return;
  if (array.items.length === 0) {
    problems.push({ code: 'invalid-value', offset: array.offset, length: array.end - array.offset, message: `${REASONS_KEY} lists no reason; give at least one approved reason code`, docUrl: definition.docUrl });
  }
  for (const item of array.items) {
    if (item.kind === 'string') reasons.push(item);
    else problems.push(typeProblem(`an item of ${REASONS_KEY}`, item, 'string'));
  }
}

/** Each reason must be one Apple approves for the dictionary's category; without a known category, any known code. */
function checkReasons(reasons: readonly ScalarNode[], category: RequiredReasonCategory | undefined, index: PrivacyIndex, problems: Problem[]): void {
  for (const reason of reasons) {
    const code = reason.text.trim();
    const owner = index.categoryOfReason.get(code);
    const range = textRange(reason);
    const docUrl = 'https://developer.apple.com/documentation/bundleresources/describing-use-of-required-reason-api';
    if (category === undefined) {
      if (owner !== undefined) continue;
      const suggestions = nearest(code, [...index.categoryOfReason.keys()], 2);
      problems.push({ code: 'invalid-value', ...range, severity: 'error', message: `'${code}' is not an approved reason code`, docUrl, data: { valueReplacements: suggestions } });
      continue;
    }
    if (owner === category) continue;
    const allowed = category.reasons.map((candidate) => candidate.code);
    const near = nearest(code, allowed, 2);
    const suggestions = near.length > 0 ? near : allowed;
    const why = owner === undefined ? 'is not an approved reason code' : `is a reason for ${owner.value}, not for ${category.value}`;
    problems.push({ code: 'invalid-value', ...range, severity: 'error', message: `'${code}' ${why}; ${category.value} takes ${allowed.join(', ')}`, docUrl, data: { valueReplacements: suggestions } });
  }
}

function checkString(key: string, node: ScalarNode, definition: CatalogEntry, problems: Problem[]): void {
  const text = node.text.trim();
  const range = textRange(node);
  if (definition.values !== undefined && definition.key !== REASONS_KEY) {
    if (definition.values.some((value) => value.value === text)) return;
    const candidates = definition.values.map((value) => value.value);
    const sameIgnoringCase = candidates.filter((candidate) => candidate.toLowerCase() === text.toLowerCase());
    const suggestions = sameIgnoringCase.length > 0 ? sameIgnoringCase : nearest(text, candidates, Math.max(2, Math.floor(text.length / 8)));
    problems.push({ code: 'invalid-value', ...range, severity: 'error', message: `'${text}' is not a value Apple defines for ${key}`, docUrl: definition.docUrl, data: { valueReplacements: suggestions } });
    return;
  }
  if (key === 'NSPrivacyTrackingDomains') {
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)/i.exec(text)?.[1] ?? (/^([^/?#\s]+)[/?#]/.exec(text)?.[1]);
    if (host !== undefined) {
      problems.push({ code: 'invalid-value', ...range, message: `A tracking domain is a host name, without scheme or path: '${host}'`, docUrl: definition.docUrl, data: { valueReplacements: [host] } });
    }
  }
}

/** `NSPrivacyTracking` true needs a domain, and a domain needs `NSPrivacyTracking` true (Apple's key pages). */
function checkTracking(root: DictNode, problems: Problem[]): void {
  const tracking = root.entries.find((entry) => entry.key.text === 'NSPrivacyTracking');
  const domains = root.entries.find((entry) => entry.key.text === 'NSPrivacyTrackingDomains');
  const domainCount = domains?.value?.kind === 'array' ? domains.value.items.length : 0;
  const isTracking = tracking?.value?.kind === 'boolean' ? tracking.value.text === 'true' : undefined;
  if (isTracking === true && domainCount === 0 && tracking?.value !== undefined) {
    problems.push({ code: 'invalid-value', offset: tracking.value.offset, length: tracking.value.end - tracking.value.offset, severity: 'error', message: 'NSPrivacyTracking is true but NSPrivacyTrackingDomains lists no domain; list the tracking domains or set it to false', docUrl: 'https://developer.apple.com/documentation/bundleresources/app-privacy-configuration/nsprivacytracking' });
  }
  if (isTracking !== true && domainCount > 0 && domains !== undefined && (tracking === undefined || isTracking === false)) {
    problems.push({ code: 'invalid-value', ...textRange(domains.key), severity: 'error', message: 'NSPrivacyTrackingDomains lists domains but NSPrivacyTracking is not true; set NSPrivacyTracking to true or remove the domains', docUrl: 'https://developer.apple.com/documentation/bundleresources/app-privacy-configuration/nsprivacytrackingdomains' });
  }
}
