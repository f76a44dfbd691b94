/**
 * Hover in a privacy manifest: a key's summary, type and Apple's page; a value's meaning (a data type with its
 * App Privacy group, a purpose, an API category with its approved reasons, a reason code with what it allows and
 * its category). The text comes from the catalog.
 */
import type { Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogEntry } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { escapeMarkdown, markdownCode } from '../markdownText';
import { entryOf, nodeAt, type KeyNode, type PlistDocument } from '../plist/nodes';
import { privacyIndexOf, type PrivacyIndex } from './privacyCatalog';

const REQUIRED_REASON_URL = 'https://developer.apple.com/documentation/bundleresources/describing-use-of-required-reason-api';
const DATA_USE_URL = 'https://developer.apple.com/documentation/bundleresources/describing-data-use-in-privacy-manifests';

/** The hover at `offset` in a privacy manifest, or `undefined`. */
export function getPrivacyHover(document: TextDocument, parsed: PlistDocument, offset: number, catalog: CatalogIndex): Hover | undefined {
  const index = privacyIndexOf(catalog.catalog);
  const node = nodeAt(parsed, offset);
  if (index === undefined || node === undefined) return undefined;
  let markdown: string | undefined;
  if (node.kind === 'key') markdown = keyMarkdown(definitionOfKey(node, index));
  else if (node.kind === 'string') markdown = valueMarkdown(node.text.trim(), index);
  if (markdown === undefined || (node.kind !== 'key' && node.kind !== 'string')) return undefined;
  return { contents: { kind: 'markdown', value: markdown }, range: { start: document.positionAt(node.textOffset), end: document.positionAt(node.textEnd) } };
}

/** The catalog entry of a key where it sits: top level, or in a dictionary of one of the two arrays. */
export function definitionOfKey(key: KeyNode, index: PrivacyIndex): CatalogEntry | undefined {
  const dict = key.parent;
  if (dict.parent === undefined) return index.topLevelKeys.get(key.text);
  const owner = dict.parent.kind === 'array' ? entryOf(dict.parent) : undefined;
  if (owner === undefined || owner.key.parent.parent !== undefined) return undefined;
  return index.childKeys.get(owner.key.text)?.get(key.text);
}

function keyMarkdown(entry: CatalogEntry | undefined): string | undefined {
  if (entry === undefined) return undefined;
  const type = entry.type === 'array' && entry.itemType !== undefined ? `array of ${entry.itemType === 'dictionary' ? 'dictionaries' : `${entry.itemType}s`}` : entry.type;
  return [`**${escapeMarkdown(entry.key)}** (privacy manifest key)`, '', escapeMarkdown(entry.summary), '', `Type: ${type}`, '', `[Apple's documentation](${entry.docUrl})`].join('\n');
}

function valueMarkdown(value: string, index: PrivacyIndex): string | undefined {
  const dataType = index.dataTypes.get(value);
  if (dataType !== undefined) return [`${markdownCode(value)}: collected data type (${escapeMarkdown(dataType.group ?? '')})`, '', escapeMarkdown(dataType.summary), '', `[Describing data use in privacy manifests](${DATA_USE_URL})`].join('\n');
  const purpose = index.purposes.get(value);
  if (purpose !== undefined) return [`${markdownCode(value)}: collection purpose`, '', escapeMarkdown(purpose.summary), '', `[Describing data use in privacy manifests](${DATA_USE_URL})`].join('\n');
  const category = index.categories.get(value);
  if (category !== undefined) {
    const reasons = category.reasons.map((reason) => `- ${markdownCode(reason.code)}: ${escapeMarkdown(reason.summary)}`);
    return [`${markdownCode(value)}: ${escapeMarkdown(category.name)}`, '', escapeMarkdown(category.summary), '', 'Approved reasons:', ...reasons, '', `[Describing use of required reason API](${REQUIRED_REASON_URL})`].join('\n');
  }
  const owner = index.categoryOfReason.get(value);
  const reason = owner?.reasons.find((candidate) => candidate.code === value);
  if (owner !== undefined && reason !== undefined) {
    const sdkOnly = reason.isSdkOnly === true ? ' Only third-party SDKs may declare it.' : '';
    return [`${markdownCode(value)}: reason for ${markdownCode(owner.value)}`, '', `${escapeMarkdown(reason.summary)}${sdkOnly}`, '', `[Describing use of required reason API](${REQUIRED_REASON_URL})`].join('\n');
  }
  return undefined;
}

/** The values a string under `key` may take, for completion: reasons only for `category` when it is known. */
export function valuesFor(key: string, index: PrivacyIndex, category: string | undefined): Array<{ value: string; detail: string }> {
  switch (key) {
    case 'NSPrivacyCollectedDataType':
      return index.manifest.collectedDataTypes.map((type) => ({ value: type.value, detail: type.summary }));
    case 'NSPrivacyCollectedDataTypePurposes':
      return index.manifest.purposes.map((purpose) => ({ value: purpose.value, detail: purpose.summary }));
    case 'NSPrivacyAccessedAPIType':
      return index.manifest.apiCategories.map((entry) => ({ value: entry.value, detail: entry.summary }));
    case 'NSPrivacyAccessedAPITypeReasons': {
      const known = category === undefined ? undefined : index.categories.get(category);
      const categories = known === undefined ? index.manifest.apiCategories : [known];
      return categories.flatMap((entry) => entry.reasons.map((reason) => ({ value: reason.code, detail: reason.summary })));
    }
    default:
      return [];
  }
}
