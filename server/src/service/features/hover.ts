/**
 * Hover on a key (what it is, its type, platforms, whether Apple must approve it, the docs link) and on an
 * enumerated value (what that value means). The text comes from the catalog, never from the file.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogEntry, Feature, FeatureNeed, FileKind, Hallucination, Platform } from '../../../../shared/src/catalog';
import type { TargetInfo } from '../../../../shared/src/target';
import type { CatalogIndex } from '../catalogIndex';
import { featureFixFor } from '../replacements/featureGates';
import { needsOn } from '../featureSearch';
import { catalogEntryOfKey } from '../model/documentModel';
import { classifyTopLevelKey } from '../model/keyClassification';
import { memoized } from '../memoized';
import { entryOf, nodeAt, type KeyNode, type PlistDocument, type ScalarNode } from '../plist/nodes';
import { escapeMarkdown, markdownCode } from '../markdownText';
import { describeGrant } from '../profile/grants';
import type { DocumentContext } from '../types';

const FILE_NAMES: Readonly<Record<FileKind, string>> = { entitlements: 'Entitlement', infoPlist: 'Info.plist key', privacyManifest: 'Privacy manifest key' };

/** The hover at `offset`, or `undefined` when there is nothing to say. */
export function getHover(document: TextDocument, parsed: PlistDocument, offset: number, catalog: CatalogIndex, context: DocumentContext): Hover | undefined {
  const rootTag = rootTagAt(parsed, offset);
  if (rootTag !== undefined) return hoverAt(document, describeTarget(context), rootTag.offset, rootTag.end);
  const node = nodeAt(parsed, offset);
  if (node === undefined) return undefined;
  if (node.kind === 'key') {
    const markdown = withProfileGrant(keyHover(parsed, node, catalog, context), node, context);
    return markdown === undefined ? undefined : hoverAt(document, markdown, node.textOffset, node.textEnd);
  }
  if (node.kind === 'string') {
    const markdown = valueHover(parsed, node, catalog, context);
    return markdown === undefined ? undefined : hoverAt(document, markdown, node.textOffset, node.textEnd);
  }
  return undefined;
}

/** The `<plist ...>` start tag or the root `<dict>` start tag, when `offset` is on one. */
function rootTagAt(parsed: PlistDocument, offset: number): { offset: number; end: number } | undefined {
  const tags: Array<{ offset: number; end: number }> = [];
  if (parsed.plistElement !== undefined) tags.push(startTagOf(parsed.text, parsed.plistElement.offset));
  if (parsed.root !== undefined) tags.push(startTagOf(parsed.text, parsed.root.offset));
  return tags.find((tag) => offset >= tag.offset && offset < tag.end);
}

function startTagOf(text: string, offset: number): { offset: number; end: number } {
  const close = text.indexOf('>', offset);
  const next = text.indexOf('<', offset + 1);
  const end = close < 0 || (next >= 0 && next < close) ? offset + 1 : close + 1;
  return { offset, end };
}

const PRODUCT_NAMES: Readonly<Record<NonNullable<TargetInfo['productType']>, string>> = {
  app: 'app',
  'app-clip': 'App Clip',
  'app-extension': 'app extension',
  'system-extension': 'system extension',
  'driver-extension': 'DriverKit driver',
};

/** What the checker inferred about the file's target, and why: the hover on the plist root. */
export function describeTarget(context: DocumentContext): string {
  const target = context.target;
  const kind = context.fileKind === 'entitlements' ? 'Entitlements' : 'Info.plist';
  const product = target.productType === undefined ? 'kind of target unknown' : PRODUCT_NAMES[target.productType];
  const platforms = target.platforms.length === 0 ? 'platform unknown' : target.platforms.join(', ');
  const heading = [`**${kind}**`, ...(target.name === undefined ? [] : [`target **${escapeMarkdown(target.name)}**`]), product, platforms];
  const lines = [heading.join(' · ')];
  if (target.reasons.length > 0) {
    lines.push('', 'Inferred from:', ...target.reasons.map((reason) => `- ${escapeMarkdown(reason)}`));
  } else {
    lines.push('', 'No Xcode project in the workspace names this file, and its keys and folder do not tell. Set `plistSentinel.platform` and `plistSentinel.productType` to enable the platform and App Clip checks.');
  }
  if (target.platformSource === 'guess') lines.push('', '*The platform is a guess, so platform findings are shown as information only.*');
  if (context.companion !== undefined) lines.push('', `Paired with ${markdownCode(context.companion.fileName)} for the checks that need both files.`);
  if (context.profile !== undefined && context.fileKind === 'entitlements') {
    const where = context.profile.location === undefined ? '' : ` (${markdownCode(context.profile.location)})`;
    lines.push('', `Checked against provisioning profile '${escapeMarkdown(context.profile.name)}'${where}.`);
  }
  return lines.join('\n');
}

function hoverAt(document: TextDocument, value: string, start: number, end: number): Hover {
  const contents: MarkupContent = { kind: 'markdown', value };
  return { contents, range: { start: document.positionAt(start), end: document.positionAt(end) } };
}

function keyHover(parsed: PlistDocument, key: KeyNode, catalog: CatalogIndex, context: DocumentContext): string | undefined {
  const entry = catalogEntryOfKey(parsed, key, catalog, context.fileKind);
  if (entry !== undefined) return describeEntry(entry);
  if (key.parent.parent !== undefined) return undefined;
  const keyClass = classifyTopLevelKey(key.text, context.fileKind, catalog, context.allowedKeys);
  switch (keyClass.kind) {
    case 'hallucinated':
      return hallucinationHover(key.text, keyClass.hallucination, catalog);
    case 'misplaced':
      return `${describeEntry(keyClass.entry)}\n\n*This key belongs in ${keyClass.belongsIn === 'infoPlist' ? 'Info.plist' : keyClass.belongsIn === 'privacyManifest' ? 'PrivacyInfo.xcprivacy' : 'the .entitlements file'}.*`;
    case 'private':
      return `**${escapeMarkdown(key.text)}** · private to Apple\n\n${escapeMarkdown(keyClass.pattern.note)}`;
    case 'unknown': {
      const fix = keyClass.features === undefined ? undefined : featureFixFor(keyClass.features, context.fileKind, catalog, context.target.platforms);
      return fix === undefined ? undefined : featureHover(key.text, fix.feature, catalog, context.target.platforms);
    }
    default:
      return undefined;
  }
}

/** For a key that names a feature: everything the feature really needs on the target's platforms, and the source. */
function featureHover(key: string, feature: Feature, catalog: CatalogIndex, platforms: readonly Platform[]): string {
  const name = feature.names[0] ?? feature.id;
  const needs = needsOn(feature, platforms).map((need) => `- ${describeNeed(need, catalog)}`);
  return [
    `**${escapeMarkdown(key)}** · not a real key; it names **${escapeMarkdown(name)}**`,
    '',
    `What ${escapeMarkdown(name)} really needs:`,
    '',
    ...needs,
    '',
    escapeMarkdown(feature.note),
    '',
    `[Apple documentation](${feature.source})`,
  ].join('\n');
}

function describeNeed(need: FeatureNeed, catalog: CatalogIndex): string {
  switch (need.kind) {
    case 'nothing':
      return 'no entitlement, Info.plist key or portal capability';
    case 'entitlement':
    case 'infoPlistKey':
    case 'purposeString': {
      const entry = need.kind === 'entitlement' ? catalog.entitlement(need.key) : catalog.infoPlistKey(need.key);
      const file = need.kind === 'entitlement' ? 'the .entitlements file' : 'Info.plist';
      const managed = entry?.isManaged === true ? ', which Apple must approve' : '';
      return `${markdownCode(need.key)} in ${file}${managed}${entry === undefined ? '' : `: ${escapeMarkdown(entry.summary)}`}`;
    }
    case 'backgroundMode':
      return `${markdownCode(need.value)} in Info.plist's \`UIBackgroundModes\``;
    case 'portalCapability':
    case 'appService':
      return `'${escapeMarkdown(need.name)}' switched on for the App ID in the developer portal (nothing to write in either file)`;
  }
}

/**
 * The diagnostic already says the key is invented and what to do (the advice), so the hover says what it does not:
 * what each real replacement is, the researched notes, and where the finding comes from.
 */
function hallucinationHover(key: string, hallucination: Hallucination, catalog: CatalogIndex): string {
  const lines = [`**${escapeMarkdown(key)}** · not a real key`];
  const replacements = hallucination.replacements.flatMap((name) => {
    const entry = catalog.entitlement(name) ?? catalog.infoPlistKey(name);
    return entry === undefined ? [] : [`- \`${entry.key}\` (${FILE_NAMES[entry.file]}): ${entry.summary} [Apple documentation](${entry.docUrl})`];
  });
  if (replacements.length > 0) lines.push('', 'What is real instead:', '', ...replacements);
  if (hallucination.details.length > 0) lines.push('', 'Notes:', '', ...hallucination.details.map((detail) => `- ${escapeMarkdown(detail)}`));
  lines.push('', `*Source: ${escapeMarkdown(hallucination.source)}*`);
  return lines.join('\n');
}

/** What the profile grants for a top-level entitlements key, after the key's own hover. */
function withProfileGrant(markdown: string | undefined, key: KeyNode, context: DocumentContext): string | undefined {
  if (context.profile === undefined || context.fileKind !== 'entitlements' || key.parent.parent !== undefined || key.text === '') return markdown;
  const grant = describeGrant(context.profile, key.text);
  return markdown === undefined ? `**${escapeMarkdown(key.text)}**\n\n${grant}` : `${markdown}\n\n---\n\n${grant}`;
}

/**
 * Markdown for a catalog entry: summary, then facts, then the link. It depends on the entry alone, and completion
 * asks for it for every one of the few hundred keys it offers on each keystroke, so each entry's is made once.
 */
export const describeEntry: (entry: CatalogEntry) => string = memoized((entry: CatalogEntry) => buildDescription(entry));

function buildDescription(entry: CatalogEntry): string {
  const lines = [`**${escapeMarkdown(entry.key)}** · ${FILE_NAMES[entry.file]}`, '', entry.summary];
  const facts = [`Type: \`${typeLabel(entry)}\``];
  if (entry.platforms.length > 0) facts.push(`Platforms: ${entry.platforms.join(', ')}`);
  if (entry.capability !== undefined) facts.push(`Capability: ${escapeMarkdown(entry.capability)}`);
  lines.push('', facts.join(' · '));
  if (entry.values !== undefined && entry.values.length > 0) {
    lines.push('', `Values: ${entry.values.map((value) => `\`${value.value}\``).join(', ')}`);
  }
  if (entry.isManaged) {
    lines.push('', `**Needs Apple's approval** before distribution.${entry.managedNote === undefined ? '' : ` ${escapeMarkdown(entry.managedNote)}`}`);
  }
  if (entry.isDeprecated === true) {
    const replacement = entry.replacedBy?.length ? ` Use ${entry.replacedBy.map((key) => `\`${key}\``).join(' or ')} instead.` : '';
    lines.push('', `**Deprecated.**${replacement}`);
  }
  if (entry.confidence !== 'high') lines.push('', `*Catalog confidence: ${entry.confidence}.*`);
  lines.push('', `[Apple documentation](${entry.docUrl})`);
  return lines.join('\n');
}

/** The value type as people read it: `array of string`, `real (or integer)`. */
export function typeLabel(entry: CatalogEntry): string {
  const base = entry.type === 'array' && entry.itemType !== undefined ? `array of ${entry.itemType}` : entry.type;
  return entry.altTypes?.length ? `${base} (or ${entry.altTypes.join(', ')})` : base;
}

function valueHover(parsed: PlistDocument, node: ScalarNode, catalog: CatalogIndex, context: DocumentContext): string | undefined {
  // A value sits either directly under its key or inside the key's array.
  const owner = node.parent?.kind === 'array' ? node.parent : node;
  const entryNode = entryOf(owner);
  if (entryNode === undefined) return undefined;
  const entry = catalogEntryOfKey(parsed, entryNode.key, catalog, context.fileKind);
  const value = entry?.values?.find((candidate) => candidate.value === node.text);
  if (entry === undefined || value === undefined) return undefined;
  const lines = [`**${escapeMarkdown(value.value)}** · value of \`${entry.key}\``];
  if (value.summary !== undefined) lines.push('', value.summary);
  if (value.platforms !== undefined) lines.push('', `Platforms: ${value.platforms.join(', ')}`);
  if (value.isDeprecated === true) lines.push('', '**Deprecated.**');
  lines.push('', `[Apple documentation](${entry.docUrl})`);
  return lines.join('\n');
}
