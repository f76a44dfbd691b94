/**
 * Completion the way Xcode's plist editor offers it. Inside a `<dict>`: the keys that fit the file, the dict's place
 * in the tree and the target's platforms, most used first, each inserting `<key>` and a value of the right type.
 * After a key, inside its `<string>` or in its `<array>`: the documented values, `<true/>`/`<false/>`, and templates
 * for values with a known format (`group.`, `iCloud.`, `applinks:`), all read from the catalog.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogEntry, ValueInfo, ValueType } from '../../../../shared/src/catalog';
import { isAvailableOn, isDocumentedFor } from '../platforms';
import type { CatalogIndex } from '../catalogIndex';
import { featureFixFor } from '../replacements/featureGates';
import { escapeMarkdown } from '../markdownText';
import { catalogEntryOfKey } from '../model/documentModel';
import { classifyTopLevelKey } from '../model/keyClassification';
import { memoized } from '../memoized';
import { escapeText } from '../plist/entities';
import { entryOf, type ArrayNode, type ContainerNode, type DictNode, type KeyNode, type PlistDocument, type PlistNode, type ScalarNode, type ValueNode } from '../plist/nodes';
import { isSignedFromProfile } from '../model/signing';
import type { DocumentContext } from '../types';
import { describeEntry, typeLabel } from './hover';

/** Where the cursor is, as far as completion cares. */
type Place =
  | { readonly kind: 'key-text'; readonly key: KeyNode }
  | { readonly kind: 'value-text'; readonly scalar: ScalarNode }
  | { readonly kind: 'dict'; readonly dict: DictNode }
  | { readonly kind: 'array'; readonly array: ArrayNode };

/** The text an item replaces and how that text was typed, which decides what the editor filters on. */
interface Replace {
  readonly start: number;
  readonly end: number;
  /** The user typed the start of a tag (`<ke`), so items filter on their element text. */
  readonly isTag: boolean;
}

/** A value's literal start and the placeholder after it, e.g. `group.` and `reverse-DNS`. */
export interface ValueTemplate {
  readonly prefix: string;
  readonly placeholder: string;
}

const NO_ITEMS: CompletionList = { isIncomplete: false, items: [] };
const NO_ALLOWED_KEYS: ReadonlySet<string> = new Set();
const MAX_SORTED_COUNT = 999_999;

/** The completions at `offset`; an empty list when nothing fits there. */
export function getCompletions(document: TextDocument, parsed: PlistDocument, offset: number, catalog: CatalogIndex, context: DocumentContext): CompletionList {
  const place = placeAt(parsed, offset);
  if (place === undefined) return NO_ITEMS;
  const builder = createBuilder(document, parsed.text, offset);
  let items: CompletionItem[];
  switch (place.kind) {
    case 'key-text':
      items = keyTextItems(parsed, place.key, builder, catalog, context);
      break;
    case 'value-text':
      items = valueTextItems(parsed, place.scalar, builder, catalog, context);
      break;
    case 'dict':
      items = dictItems(parsed, place.dict, offset, builder, catalog, context);
      break;
    case 'array':
      items = arrayItems(parsed, place.array, builder, catalog, context);
      break;
  }
  return { isIncomplete: false, items };
}

// ---------------------------------------------------------------------------------------------------------------
// Where the cursor is.

/**
 * Walks down from the root to the innermost element whose inside holds `offset`. Unlike `nodeAt`, a cursor right
 * after `</string>` is between entries, not in the string, and a cursor inside a start tag is nowhere.
 */
function placeAt(parsed: PlistDocument, offset: number): Place | undefined {
  const root = parsed.root;
  if (root === undefined || (root.kind !== 'dict' && root.kind !== 'array') || !holds(root, offset)) return undefined;
  let container: ContainerNode = root;
  for (;;) {
    const child = childHolding(container, offset);
    if (child === undefined) {
      if (!isBetweenTags(parsed.text, container, offset)) return undefined;
      return container.kind === 'dict' ? { kind: 'dict', dict: container } : { kind: 'array', array: container };
    }
    if (child.kind === 'dict' || child.kind === 'array') {
      container = child;
      continue;
    }
    if (offset < child.textOffset || offset > child.textEnd) return undefined;
    if (child.kind === 'key') return { kind: 'key-text', key: child };
    return child.kind === 'string' || child.kind === 'integer' ? { kind: 'value-text', scalar: child } : undefined;
  }
}

/** True when `offset` is strictly inside `node`, or at the end of one whose end tag is missing. */
function holds(node: PlistNode, offset: number): boolean {
  return node.offset < offset && (offset < node.end || (!node.isClosed && offset <= node.end));
}

function childHolding(container: ContainerNode, offset: number): PlistNode | undefined {
  if (container.kind === 'array') return container.items.find((item) => holds(item, offset));
  for (const entry of container.entries) {
    if (holds(entry.key, offset)) return entry.key;
    if (entry.value !== undefined && holds(entry.value, offset)) return entry.value;
  }
  return undefined;
}

/** After the container's start tag and before its end tag (a self-closing `<dict/>` has no inside). */
function isBetweenTags(text: string, container: ContainerNode, offset: number): boolean {
  const startTagEnd = text.indexOf('>', container.offset) + 1;
  if (startTagEnd <= 0 || offset < startTagEnd) return false;
  if (!container.isClosed) return true;
  const endTagStart = text.lastIndexOf('<', container.end - 1);
  return endTagStart >= startTagEnd && offset <= endTagStart;
}

// ---------------------------------------------------------------------------------------------------------------
// What to offer.

function keyTextItems(parsed: PlistDocument, key: KeyNode, builder: Builder, catalog: CatalogIndex, context: DocumentContext): CompletionItem[] {
  const entry = entryOf(key);
  const hasValue = entry?.value !== undefined;
  const replace: Replace = { start: key.textOffset, end: key.textEnd, isTag: false };
  return keyCandidates(parsed, key.parent, key, catalog, context).map((candidate) => {
    const name = keySnippetOf(candidate);
    let newText = name;
    // A half-typed `<key>com.apple.dev` gets the rest of the element, and a value when none follows yet.
    if (!key.isClosed) newText += hasValue ? '</key>' : `</key>\n${builder.indent}${valueSnippet(candidate, builder.indent, builder.unit, context)}`;
    return keyItem(candidate, builder, replace, newText, catalog, context);
  }).concat(featureGateItems(key, replace, builder, catalog, context));
}

/** Typed text shorter than this (after the namespace) names too many features to offer their gates. */
const MIN_FEATURE_PREFIX = 4;
/** Namespaces a typed entitlement names a feature under (as featureGates.ts reads invented keys). */
const FEATURE_NAMESPACES = ['com.apple.developer.', 'com.apple.security.', 'com.apple.'];

/**
 * A key typed as a feature's name (`LiveActiv`, `com.apple.developer.screen-ti`) gets the feature's real gate,
 * filtered by the name as typed. A gate of the other file is offered too, marked as belonging there: accepting it
 * writes the key here, where misplaced-key offers to move it, rather than leaving the user with an invented key.
 * A feature that needs no key gets no item (unknown-key says so once the key is written).
 */
function featureGateItems(key: KeyNode, replace: Replace, builder: Builder, catalog: CatalogIndex, context: DocumentContext): CompletionItem[] {
  if (key.parent.parent !== undefined) return [];
  const typed = key.text;
  const namespace = FEATURE_NAMESPACES.find((prefix) => typed.startsWith(prefix));
  const core = joinedName(namespace === undefined ? typed.replace(/^NS(?=[A-Z])/, '') : typed.slice(namespace.length));
  if (core.length < MIN_FEATURE_PREFIX) return [];
  const items: CompletionItem[] = [];
  const offered = new Set<string>();
  for (const feature of catalog.catalog.features) {
    const name = [...feature.names, ...feature.frameworks].find((candidate) => joinedName(candidate).startsWith(core));
    if (name === undefined) continue;
    const fix = featureFixFor([feature], context.fileKind, catalog, context.target.platforms);
    if (fix === undefined || fix.kind === 'remove' || offered.has(fix.key)) continue;
    const entry = catalog.entryFor(fix.kind === 'move' ? fix.file : context.fileKind, fix.key);
    if (entry === undefined) continue;
    offered.add(fix.key);
    const elsewhere = fix.kind === 'move' ? (fix.file === 'infoPlist' ? 'Info.plist' : 'the .entitlements file') : undefined;
    let newText = keySnippetOf(entry);
    if (!key.isClosed) newText += entryOf(key)?.value !== undefined ? '</key>' : `</key>\n${builder.indent}${valueSnippet(entry, builder.indent, builder.unit, context)}`;
    const featureName = feature.names[0] ?? name;
    const note = elsewhere === undefined
      ? `${featureName} is gated by this key.`
      : `${featureName} is gated by this key, which belongs in ${elsewhere}, not here: after accepting, the misplaced-key fix moves it there.`;
    items.push({
      label: entry.key,
      labelDetails: { detail: ` (${featureName})`, ...(elsewhere === undefined ? {} : { description: `belongs in ${elsewhere}` }) },
      kind: CompletionItemKind.Property,
      detail: elsewhere === undefined ? `What ${featureName} needs` : `What ${featureName} needs: belongs in ${elsewhere}`,
      documentation: markdown(`${escapeMarkdown(note)}\n\n${describeEntry(entry)}`),
      // Ahead of the keys the typed text spells: it named the feature, not a key.
      sortText: `0${entry.key}`,
      filterText: namespace === undefined ? name.replace(/[^A-Za-z0-9]+/g, '') : `${namespace}${kebabName(name)}`,
      ...edit(builder, replace, newText),
    });
  }
  return items;
}

function joinedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function kebabName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function dictItems(parsed: PlistDocument, dict: DictNode, offset: number, builder: Builder, catalog: CatalogIndex, context: DocumentContext): CompletionItem[] {
  let previous: (typeof dict.entries)[number] | undefined;
  for (const entry of dict.entries) if (entry.key.end <= offset) previous = entry;
  const replace = builder.typed();
  if (previous !== undefined && previous.value === undefined) {
    const entry = catalogEntryOfKey(parsed, previous.key, catalog, context.fileKind);
    return valueElementItems(entry, replace, builder, context);
  }
  // Between a key and the value that follows it: anything inserted would split them.
  if (previous?.value !== undefined && previous.value.offset >= offset) return [];
  return keyCandidates(parsed, dict, undefined, catalog, context).map((candidate) => {
    const newText = `<key>${keySnippetOf(candidate)}</key>\n${builder.indent}${valueSnippet(candidate, builder.indent, builder.unit, context)}`;
    return keyItem(candidate, builder, replace, newText, catalog, context);
  });
}

function arrayItems(parsed: PlistDocument, array: ArrayNode, builder: Builder, catalog: CatalogIndex, context: DocumentContext): CompletionItem[] {
  const ownerKey = entryOf(array)?.key;
  const entry = ownerKey === undefined ? undefined : catalogEntryOfKey(parsed, ownerKey, catalog, context.fileKind);
  const replace = builder.typed();
  if (entry === undefined || entry.type !== 'array') return genericElementItems(replace, builder);
  const present = array.items.flatMap((item) => (item.kind === 'dict' || item.kind === 'array' ? [] : [item.text]));
  return itemElementItems(entry, replace, builder, context, present);
}

function valueTextItems(parsed: PlistDocument, scalar: ScalarNode, builder: Builder, catalog: CatalogIndex, context: DocumentContext): CompletionItem[] {
  const array = scalar.parent?.kind === 'array' ? scalar.parent : undefined;
  const ownerKey = entryOf(array ?? scalar)?.key;
  const entry = ownerKey === undefined ? undefined : catalogEntryOfKey(parsed, ownerKey, catalog, context.fileKind);
  // The value fits where it is: directly under a key of its type, or an item of an array of its type.
  const expectedType = array === undefined ? entry?.type : entry?.type === 'array' ? entry.itemType : undefined;
  if (entry === undefined || expectedType !== scalar.kind) return [];
  const present = array === undefined ? [] : array.items.flatMap((item) => (item === scalar || item.kind === 'dict' || item.kind === 'array' ? [] : [item.text]));
  const replace: Replace = { start: scalar.textOffset, end: scalar.textEnd, isTag: false };
  const closing = scalar.isClosed ? '' : `</${scalar.kind}>`;
  const items = valuesOf(entry, context, present).map((value, index) =>
    valueItem(entry, value, index, builder, replace, escapeSnippet(escapeText(value.value)) + closing, value.value),
  );
  if (scalar.kind === 'string') {
    valueTemplatesOf(entry).forEach((template, index) => {
      items.push(templateItem(entry, template, index, builder, replace, templateSnippet(template) + closing, template.prefix));
    });
  }
  return items;
}

/** What may follow a key that has no value yet. */
function valueElementItems(entry: CatalogEntry | undefined, replace: Replace, builder: Builder, context: DocumentContext): CompletionItem[] {
  if (entry === undefined) return genericElementItems(replace, builder);
  if (entry.type === 'boolean') return booleanItems(replace, builder);
  if (entry.type === 'string' || entry.type === 'integer') {
    const items = scalarElementItems(entry, entry.type, replace, builder, context, []);
    if (items.length > 0) return items;
  }
  const elementName = elementNameOf(entry.type);
  const snippet = valueSnippet(entry, builder.indent, builder.unit, context);
  return [elementItem(`<${elementName}>`, `${typeLabel(entry)} value of ${entry.key}`, builder, replace, snippet, elementName)];
}

/** What may go into the array of `entry`. */
function itemElementItems(entry: CatalogEntry, replace: Replace, builder: Builder, context: DocumentContext, present: readonly string[]): CompletionItem[] {
  const itemType = entry.itemType;
  if (itemType === undefined) return genericElementItems(replace, builder);
  if (itemType === 'string' || itemType === 'integer') {
    const items = scalarElementItems(entry, itemType, replace, builder, context, present);
    if (items.length > 0) return items;
  }
  const elementName = elementNameOf(itemType);
  const snippet = elementSnippet(itemType, builder.indent, builder.unit, '$1');
  return [elementItem(`<${elementName}>`, `${itemType} item of ${entry.key}`, builder, replace, snippet, elementName)];
}

/** A whole element per documented value (`<string>production</string>`) and per template (`<string>group.…`). */
function scalarElementItems(entry: CatalogEntry, type: 'string' | 'integer', replace: Replace, builder: Builder, context: DocumentContext, present: readonly string[]): CompletionItem[] {
  const items = valuesOf(entry, context, present).map((value, index) => {
    const element = `<${type}>${escapeText(value.value)}</${type}>`;
    return valueItem(entry, value, index, builder, replace, escapeSnippet(element), replace.isTag ? element : value.value);
  });
  if (type === 'string') {
    valueTemplatesOf(entry).forEach((template, index) => {
      const filterText = replace.isTag ? `<string>${template.prefix}` : template.prefix;
      items.push(templateItem(entry, template, index, builder, replace, `<string>${templateSnippet(template)}</string>`, filterText));
    });
  }
  return items;
}

function booleanItems(replace: Replace, builder: Builder): CompletionItem[] {
  return ['true', 'false'].map((value, index) => {
    const element = `<${value}/>`;
    return { ...elementItem(element, 'boolean', builder, replace, element, value), sortText: String(index) };
  });
}

/** Every value element, for a key the catalog does not know. */
function genericElementItems(replace: Replace, builder: Builder): CompletionItem[] {
  const types: ValueType[] = ['string', 'boolean', 'integer', 'real', 'array', 'dictionary', 'date', 'data'];
  return types.flatMap((type, index) => {
    if (type === 'boolean') return booleanItems(replace, builder).map((item) => ({ ...item, sortText: `${index}${item.sortText ?? ''}` }));
    const elementName = elementNameOf(type);
    return [{ ...elementItem(`<${elementName}>`, type, builder, replace, elementSnippet(type, builder.indent, builder.unit, '$1'), elementName), sortText: String(index) }];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Which keys and values fit.

/**
 * The catalog keys that may go into `dict`: the file's top-level keys at the root, the documented sub-keys of the
 * parent entry in an Info.plist dict. Keys already in the dict (other than the one being typed), keys that are
 * invented in this file, keys that signing inserts, keys for none of the target's platforms and, in an App Clip, keys clips may not use are
 * left out.
 */
function keyCandidates(parsed: PlistDocument, dict: DictNode, typedKey: KeyNode | undefined, catalog: CatalogIndex, context: DocumentContext): CatalogEntry[] {
  const present = new Set(dict.entries.filter((entry) => entry.key !== typedKey).map((entry) => entry.key.text));
  let candidates: readonly CatalogEntry[];
  if (dict.parent === undefined) {
    const all = context.fileKind === 'entitlements' ? catalog.catalog.entitlements : catalog.catalog.infoPlist;
    candidates = all.filter((entry) => isOfferedAtTopLevel(entry, catalog, context));
    // Keys signing writes from the profile (`application-identifier`) are left out where signing-inserted-key
    // would flag them; a file signed by ldid or a script takes them as written, so it still gets them.
    if (context.fileKind === 'entitlements' && isSignedFromProfile(parsed, catalog, context)) {
      candidates = candidates.filter((entry) => entry.signingInsertedNote === undefined);
    }
  } else {
    candidates = context.fileKind === 'infoPlist' ? infoPlistChildren(parsed, dict, catalog) : [];
  }
  // In an App Clip, keys App Clips may not use are not offered (app-clip-unsupported would flag them at once).
  const isAppClip = context.target.productType === 'app-clip';
  // The platform filter is the one validation uses (platform-mismatch), so nothing offered is flagged at once;
  // keys documented for the exact platforms rank first (see keyItem).
  return candidates.filter((entry) => !present.has(entry.key) && isAvailableOn(entry.platforms, context.target.platforms) && !(isAppClip && entry.appClip === false));
}

/**
 * A top-level key is offered only if validation would call it real, and never if it is a known invention in an
 * .entitlements file (`UIBackgroundModes` is real in Info.plist and invented as an entitlement).
 */
function isOfferedAtTopLevel(entry: CatalogEntry, catalog: CatalogIndex, context: DocumentContext): boolean {
  if (context.fileKind === 'entitlements' && catalog.hallucination(entry.key) !== undefined) return false;
  return classifyTopLevelKey(entry.key, context.fileKind, catalog, NO_ALLOWED_KEYS).kind === 'real';
}

/** The documented sub-keys of a nested Info.plist dict, passing through free-form levels such as a domain name. */
function infoPlistChildren(parsed: PlistDocument, dict: DictNode, catalog: CatalogIndex): readonly CatalogEntry[] {
  const ownerKey = ownerKeyOf(dict);
  if (ownerKey === undefined) return [];
  const owner = catalogEntryOfKey(parsed, ownerKey, catalog, 'infoPlist');
  // A dict keyed by free-form names (`NSExceptionDomains`): its keys are the user's, not the catalog's.
  if (owner !== undefined) return owner.keyPattern === undefined ? (owner.children ?? []) : [];
  const freeFormOwnerKey = ownerKeyOf(ownerKey.parent);
  const freeFormOwner = freeFormOwnerKey === undefined ? undefined : catalogEntryOfKey(parsed, freeFormOwnerKey, catalog, 'infoPlist');
  return freeFormOwner?.keyPattern !== undefined ? (freeFormOwner.children ?? []) : [];
}

/** The key whose value holds `node`, through arrays (key paths skip them), or `undefined` at the root. */
function ownerKeyOf(node: ValueNode): KeyNode | undefined {
  for (let current: ValueNode | undefined = node; current !== undefined; current = current.parent) {
    const entry = entryOf(current);
    if (entry !== undefined) return entry.key;
  }
  return undefined;
}

function valuesOf(entry: CatalogEntry, context: DocumentContext, present: readonly string[]): ValueInfo[] {
  return (entry.values ?? []).filter((value) => !present.includes(value.value) && isDocumentedFor(value.platforms, context.target.platforms));
}

/**
 * Templates for values with a known shape, read from the entry's `valuePattern`: a literal start before a
 * `<placeholder>` (`iCloud.<reverse-DNS container id>`, `$(AppIdentifierPrefix)<identifier>`), with `<TeamID>.`
 * and `<AppIDPrefix>.` written as the build settings Xcode expands to them, and one `service:` per listed service
 * for `<service>:<domain>` patterns.
 */
export function valueTemplatesOf(entry: CatalogEntry): ValueTemplate[] {
  const pattern = entry.valuePattern;
  if (pattern === undefined) return [];
  const templates: ValueTemplate[] = [];
  const add = (prefix: string, placeholder: string) => {
    if (!templates.some((template) => template.prefix === prefix)) templates.push({ prefix, placeholder });
  };
  const service = /<service>:<([^<>]+)>/.exec(pattern);
  const services = /\bservices?: ([a-z][\w-]*(?:, [a-z][\w-]*)*)/.exec(pattern);
  if (service?.[1] !== undefined && services?.[1] !== undefined) {
    for (const name of services[1].split(', ')) add(`${name}:`, service[1]);
  }
  for (const match of pattern.matchAll(/((?:\$\([A-Za-z_]+\)|<(?:TeamID|AppIDPrefix)>\.)+|(?<![\w.$)-])[A-Za-z][A-Za-z0-9-]*\.)<([^<>]+)>/g)) {
    const [, literal = '', placeholder = ''] = match;
    add(literal.replace(/<TeamID>\./g, '$(TeamIdentifierPrefix)').replace(/<AppIDPrefix>\./g, '$(AppIdentifierPrefix)'), placeholder);
  }
  return templates;
}

// ---------------------------------------------------------------------------------------------------------------
// Items and snippets.

interface Builder {
  readonly document: TextDocument;
  /** The cursor's line, `[lineStart, lineEnd)`: an editor accepts only a one-line range around the cursor. */
  readonly lineStart: number;
  readonly lineEnd: number;
  /** The file's line break, which inserted lines use. */
  readonly eol: string;
  /** The leading whitespace of the cursor's line, which inserted lines repeat. */
  readonly indent: string;
  /** One level of indentation as the file writes it (a tab, as Xcode does, unless the file uses spaces). */
  readonly unit: string;
  /** What the user has typed before the cursor on this line: a tag start, a bare word, or nothing. */
  typed(): Replace;
}

function createBuilder(document: TextDocument, text: string, offset: number): Builder {
  // A line ends at CR, LF or CRLF, as LSP counts lines; a range past a lone CR would span two lines.
  let lineStart = offset;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
  const unit = /^([ \t]+)</m.exec(text)?.[1] ?? '\t';
  let lineEnd = offset;
  while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
  return {
    document,
    lineStart,
    lineEnd,
    eol: /\r\n|\r|\n/.exec(text)?.[0] ?? '\n',
    indent,
    unit,
    typed() {
      const before = text.slice(lineStart, offset);
      const tag = /<[A-Za-z]*$/.exec(before);
      if (tag !== null) {
        // The language configuration auto-closes `<` as `<>`: replace the `>` too, or it would be left behind.
        const after = /^[A-Za-z]*>/.exec(text.slice(offset, offset + 40));
        return { start: lineStart + tag.index, end: offset + (after?.[0].length ?? 0), isTag: true };
      }
      const word = /(?:^|\s)([^\s<>]+)$/.exec(before);
      return word?.[1] === undefined ? { start: offset, end: offset, isTag: false } : { start: offset - word[1].length, end: offset, isTag: false };
    },
  };
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

function keyItem(entry: CatalogEntry, builder: Builder, replace: Replace, newText: string, catalog: CatalogIndex, context: DocumentContext): CompletionItem {
  const count = Math.min(catalog.catalog.usageCounts[entry.key] ?? 0, MAX_SORTED_COUNT);
  // Apple's per-key platform lists have gaps within the device family (HealthKit on watchOS), so keys not listed for
  // the exact platform are still offered, after the ones that are.
  const rank = entry.isDeprecated === true ? 'c' : isDocumentedFor(entry.platforms, context.target.platforms) ? 'a' : 'b';
  const item: CompletionItem = {
    label: entry.key,
    kind: CompletionItemKind.Property,
    detail: detailOf(entry),
    documentation: markdown(describeEntry(entry)),
    // Keys for the exact platforms first, then the rest of the family, deprecated keys last; most used first in each.
    sortText: `${rank}${String(MAX_SORTED_COUNT - count).padStart(6, '0')}${entry.key}`,
    filterText: replace.isTag ? `<key>${entry.key}` : entry.key,
    ...edit(builder, replace, newText),
  };
  if (entry.xcodeName !== undefined) item.labelDetails = { description: entry.xcodeName };
  if (entry.isDeprecated === true) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

function valueItem(entry: CatalogEntry, value: ValueInfo, index: number, builder: Builder, replace: Replace, newText: string, filterText: string): CompletionItem {
  const lines = [`**${value.value}** · value of \`${entry.key}\``];
  if (value.summary !== undefined) lines.push('', value.summary);
  if (value.platforms !== undefined) lines.push('', `Platforms: ${value.platforms.join(', ')}`);
  lines.push('', `[Apple documentation](${entry.docUrl})`);
  const item: CompletionItem = {
    label: value.value,
    kind: CompletionItemKind.EnumMember,
    detail: value.summary ?? `value of ${entry.key}`,
    documentation: markdown(lines.join('\n')),
    sortText: `${value.isDeprecated === true ? 'b' : 'a'}${String(index).padStart(4, '0')}`,
    filterText,
    ...edit(builder, replace, newText),
  };
  if (value.isDeprecated === true) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

function templateItem(entry: CatalogEntry, template: ValueTemplate, index: number, builder: Builder, replace: Replace, newText: string, filterText: string): CompletionItem {
  return {
    label: `${template.prefix}…`,
    kind: CompletionItemKind.Snippet,
    detail: `${template.prefix}<${template.placeholder}>`,
    documentation: markdown(`Expected format of \`${entry.key}\`: ${entry.valuePattern ?? ''}\n\n[Apple documentation](${entry.docUrl})`),
    // After the documented values, in the order the pattern gives them.
    sortText: `c${String(index).padStart(4, '0')}`,
    filterText,
    ...edit(builder, replace, newText),
  };
}

function elementItem(label: string, detail: string, builder: Builder, replace: Replace, newText: string, word: string): CompletionItem {
  return { label, kind: CompletionItemKind.Value, detail, filterText: replace.isTag ? `<${word}` : word, ...edit(builder, replace, newText) };
}

/**
 * The edit, inserted as written because it carries its own indentation. Texts are built as snippets (with `$`,
 * `}` and `\` escaped), so one with no tab stop and nothing escaped is sent as plain text.
 */
function edit(builder: Builder, replace: Replace, newText: string): Pick<CompletionItem, 'textEdit' | 'insertTextFormat' | 'insertTextMode'> {
  // Every item of one request replaces the same text: its range is found once.
  let range = ranges.get(replace);
  if (range === undefined) {
    const start = Math.max(replace.start, builder.lineStart);
    const end = Math.min(replace.end, builder.lineEnd);
    range = { start: builder.document.positionAt(start), end: builder.document.positionAt(end) };
    ranges.set(replace, range);
  }
  return {
    textEdit: { range, newText: builder.eol === '\n' ? newText : newText.replace(/\n/g, builder.eol) },
    insertTextFormat: /[\\$]/.test(newText) ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
  };
}

const ranges = new WeakMap<Replace, Range>();

// What depends on a catalog entry alone is made once per entry: completion offers a few hundred keys on every
// keystroke, each with the same escaped texts.

/** The key as snippet text: XML-escaped, then snippet-escaped. */
const keySnippetOf = memoized((entry: CatalogEntry) => escapeSnippet(escapeText(entry.key)));

const detailOf = memoized((entry: CatalogEntry) => {
  const parts = [typeLabel(entry)];
  if (entry.isManaged) parts.push("Needs Apple's approval");
  if (entry.isDeprecated === true) parts.push('Deprecated');
  return parts.join(' · ');
});

function markdown(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

/** The snippet of a whole value for `entry` at `indent`: `<true/>`, a choice of documented values, an array... */
function valueSnippet(entry: CatalogEntry, indent: string, unit: string, context: DocumentContext): string {
  if (entry.type === 'array') {
    const itemType = entry.itemType;
    if (itemType === undefined) return elementSnippet('array', indent, unit, '$1');
    const item = itemType === 'string' || itemType === 'integer' ? scalarContent(entry, context) : '$1';
    return `<array>\n${indent}${unit}${elementSnippet(itemType, indent + unit, unit, item)}\n${indent}</array>`;
  }
  return elementSnippet(entry.type, indent, unit, entry.type === 'string' || entry.type === 'integer' ? scalarContent(entry, context) : '$1');
}

/** A choice of the documented values, else the first template, else an empty tab stop. */
function scalarContent(entry: CatalogEntry, context: DocumentContext): string {
  const values = valuesOf(entry, context, []);
  if (values.length > 0) return `\${1|${values.map((value) => escapeChoice(escapeText(value.value))).join(',')}|}`;
  const template = valueTemplatesOf(entry)[0];
  return template === undefined ? '$1' : templateSnippet(template);
}

function elementSnippet(type: ValueType, indent: string, unit: string, content: string): string {
  switch (type) {
    case 'boolean':
      return '<true/>';
    case 'array':
    case 'dictionary': {
      const name = elementNameOf(type);
      return `<${name}>\n${indent}${unit}${content}\n${indent}</${name}>`;
    }
    default:
      return `<${type}>${content}</${type}>`;
  }
}

function elementNameOf(type: ValueType): string {
  return type === 'dictionary' ? 'dict' : type === 'boolean' ? 'true' : type;
}

function templateSnippet(template: ValueTemplate): string {
  return `${escapeSnippet(template.prefix)}\${1:${escapeSnippet(template.placeholder)}}`;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}
