/**
 * The tools coding agents call before and after they edit an entitlements or Info.plist file, as plain data: their
 * names, descriptions and input schemas (served by `plist-sentinel mcp` and contributed to VS Code's language-model
 * tools), and the answers, computed from the language service alone. No I/O: reading a file inside the allowed
 * roots is `toolRunner.ts`'s job.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { Capability, Catalog, CatalogEntry, Feature, FeatureNeed, FileKind, Platform } from '../../../shared/src/catalog';
import { capabilitiesFor, type CapabilityPlan, type CapabilityTarget, type PlannedWrite } from '../service/capabilities/addCapability';
import type { AGENT_TOOL_NAMES } from '../../../shared/src/protocol';
import { PLATFORMS } from '../../../shared/src/settings';
import type { CatalogIndex } from '../service/catalogIndex';
import { classifyTopLevelKey, stripDeviceSuffix, type KeyClass } from '../service/model/keyClassification';
import type { DocumentContext, LanguageService } from '../service/languageService';
import type { PlistDocument } from '../service/plist/nodes';
import { searchFeatures } from '../service/featureSearch';

/** A JSON Schema for a tool's arguments: what MCP's `tools/list` and VS Code's `languageModelTools` both take. */
export interface ToolInputSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, object>>;
  readonly required?: readonly string[];
  readonly additionalProperties: false;
}

export interface ToolDefinition {
  readonly name: ToolName;
  readonly title: string;
  /** Says when to call the tool: agents choose tools by this text. */
  readonly description: string;
  readonly inputSchema: ToolInputSchema;
}

/** The tools every host serves (`AGENT_TOOL_NAMES`), each also contributed in package.json. */
export type ToolName = (typeof AGENT_TOOL_NAMES)[number];

const FILE_KINDS: readonly FileKind[] = ['entitlements', 'infoPlist', 'privacyManifest'];
const PRODUCT_TYPE_NAMES = ['app', 'app-clip', 'app-extension', 'system-extension', 'driver-extension'];

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'check_plist',
    title: 'Check an entitlements or Info.plist file',
    description:
      'Check an Apple .entitlements or Info.plist file for invented (hallucinated), unknown, misplaced, mistyped and platform-mismatched keys. ' +
      'Call it AFTER every edit to such a file, and before you commit, with either a path (inside the workspace) or the text with its fileKind. ' +
      'Returns each finding (code, severity, message, 0-based range, docs link) with its quick fixes as text edits; apply the preferred fix rather than guessing a key.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'The file to check: absolute, or relative to the first root. Give this or text.' },
        text: { type: 'string', description: 'The plist XML to check, when it is not on disk yet. Give this or path.' },
        fileKind: { type: 'string', enum: FILE_KINDS, description: 'Which file the text is: entitlements, infoPlist or privacyManifest (PrivacyInfo.xcprivacy). Needed with text; inferred from the name with path.' },
        platform: { type: 'string', enum: PLATFORMS, description: 'The target platform, when the Xcode project does not say (e.g. iOS, macOS).' },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'lookup_key',
    title: 'Look up an entitlement or Info.plist key',
    description:
      'Look up one entitlement or Info.plist key BEFORE you write it into a file: whether it is real, which file it belongs in, what it does, its value type, platforms, ' +
      "whether Apple must approve it (and how to ask) and Apple's documentation page. For an invented key it returns the real key to use instead. " +
      'Never add a key this tool calls hallucinated or unknown.',
    inputSchema: {
      type: 'object',
      properties: {
        key: { type: 'string', description: 'The key exactly as it would be written, e.g. aps-environment or NSCameraUsageDescription.' },
        fileKind: { type: 'string', enum: FILE_KINDS, description: 'The file it would go in; when absent, the file the key belongs in (or, for an unknown key, the one its form suggests).' },
      },
      required: ['key'],
      additionalProperties: false,
    },
  },
  {
    name: 'find_keys_for_feature',
    title: 'Find the keys an Apple feature needs',
    description:
      'Find what an Apple feature or framework needs, described in words ("push notifications", "Live Activities", "Screen Time", "NFC"): ' +
      'the entitlements, Info.plist keys, purpose strings, background modes and developer-portal capabilities that gate it, or that it needs nothing. ' +
      'Call it FIRST when asked to add a capability or adopt a framework, before editing any plist, instead of recalling key names from memory.',
    inputSchema: {
      type: 'object',
      properties: {
        feature: { type: 'string', description: 'The feature, capability or framework name in words.' },
        platform: { type: 'string', enum: PLATFORMS, description: 'Only features and needs for this platform.' },
        limit: { type: 'integer', minimum: 1, maximum: 20, description: 'How many matches to return (default 5).' },
      },
      required: ['feature'],
      additionalProperties: false,
    },
  },
  {
    name: 'add_capability',
    title: "Add one of Xcode's capabilities to a target",
    description:
      "Add one of Xcode's Signing & Capabilities entries (Push Notifications, App Groups, iCloud, HealthKit, Background Modes, ...) to a target's .entitlements file and Info.plist. " +
      'Call it BEFORE you write any entitlement or capability key yourself, and instead of replacing a key check_plist calls invented: it returns the exact edits Xcode would make (default values, ' +
      'placeholders to fill, purpose strings), merged with what the files already hold, plus whether Apple must approve the capability and where to ask. Apply the edits as given; it writes nothing itself. ' +
      'Without a capability it lists the capabilities that fit the target.',
    inputSchema: {
      type: 'object',
      properties: {
        capability: { type: 'string', description: 'Xcode\'s name or the id, e.g. "Push Notifications", "app-groups", "Background Modes: Background fetch". Omit to list what fits.' },
        paths: { type: 'array', items: { type: 'string' }, description: "The target's .entitlements file and/or Info.plist (absolute, or relative to the first root); the other is found from the Xcode project or beside it, and an entitlements file that does not exist yet is made." },
        entitlementsText: { type: 'string', description: 'The entitlements XML, instead of paths ("" for a file not written yet).' },
        infoPlistText: { type: 'string', description: 'The Info.plist XML, instead of paths.' },
        platform: { type: 'string', enum: PLATFORMS, description: 'The target platform, when the Xcode project does not say.' },
        productType: { type: 'string', enum: PRODUCT_TYPE_NAMES, description: 'The kind of target, when the Xcode project does not say (default app).' },
      },
      additionalProperties: false,
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// check_plist

export interface ToolEdit {
  /** The file the edit applies to: the checked path, the other file of the target, or `text` for given text. */
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
}

export interface ToolFix {
  readonly title: string;
  readonly isPreferred: boolean;
  readonly edits: readonly ToolEdit[];
}

export interface ToolFinding {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  /** Zero-based lines and UTF-16 columns, as LSP counts them. */
  readonly range: Range;
  readonly docs?: string;
  readonly fixes: readonly ToolFix[];
}

export interface CheckAnswer {
  readonly file: string;
  readonly fileKind: FileKind;
  /** What the target was taken to be, so an agent can tell why a platform rule spoke or stayed quiet. */
  readonly platforms: readonly Platform[];
  readonly findings: readonly ToolFinding[];
  readonly summary: string;
}

const SEVERITIES = ['error', 'error', 'warning', 'information', 'hint'] as const;

export interface CheckRequest {
  readonly document: TextDocument;
  readonly parsed: PlistDocument;
  /** How the answer names the checked file. */
  readonly file: string;
  readonly context: DocumentContext;
  /** How the answer names a file an edit touches, given its URI (the checked document's is `file`). */
  readonly fileOfUri: (uri: string) => string;
}

/** Validates one document and pairs each finding with its quick fixes as plain edits. */
export function checkPlist(service: LanguageService, request: CheckRequest): CheckAnswer {
  const { document, parsed, context } = request;
  const diagnostics = service.validate(document, parsed, { ...context, severity: {} });
  const fileOf = (uri: string): string => (uri === document.uri ? request.file : request.fileOfUri(uri));
  const findings = diagnostics.map((diagnostic): ToolFinding => toFinding(diagnostic, service.quickFixes(document, parsed, [diagnostic]).map((action) => ({
    title: action.title,
    isPreferred: action.isPreferred === true,
    edits: Object.entries(action.edit?.changes ?? {}).flatMap(([uri, edits]: [string, TextEdit[]]) => edits.map((edit) => ({ file: fileOf(uri), range: edit.range, newText: edit.newText }))),
  }))));
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  const summary = findings.length === 0 ? 'No findings.' : [...counts].map(([severity, count]) => `${count} ${severity}${count === 1 ? '' : 's'}`).join(', ');
  return { file: request.file, fileKind: context.fileKind, platforms: context.target.platforms, findings, summary };
}

function toFinding(diagnostic: Diagnostic, fixes: readonly ToolFix[]): ToolFinding {
  const href = diagnostic.codeDescription?.href;
  return {
    code: String(diagnostic.code ?? ''),
    severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    range: diagnostic.range,
    ...(href === undefined ? {} : { docs: href }),
    fixes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// lookup_key

export type KeyStatus = 'real' | 'misplaced' | 'hallucinated' | 'private' | 'unknown' | 'custom';

/** What the catalog says of a real key. */
export interface KeyFacts {
  readonly key: string;
  readonly file: FileKind;
  readonly summary: string;
  readonly type: string;
  readonly itemType?: string;
  readonly platforms: readonly Platform[];
  readonly availability?: string;
  readonly isManaged: boolean;
  /** How to get Apple's approval, when it is needed. */
  readonly howToAsk?: string;
  readonly capability?: string;
  readonly isDeprecated?: boolean;
  readonly replacedBy?: readonly string[];
  readonly values?: readonly string[];
  readonly docUrl: string;
}

export interface LookupAnswer {
  readonly key: string;
  readonly status: KeyStatus;
  /** One sentence an agent can act on. */
  readonly verdict: string;
  /** For a real or misplaced key: the catalog's facts (their `file` is where the key belongs). */
  readonly facts?: KeyFacts;
  /** For an invented or unknown key: the real keys to use instead, best first. */
  readonly replacements?: readonly KeyFacts[];
  readonly advice?: string;
  readonly source?: string;
}

/** What `key` is, by the same classification validation uses, in `fileKind` or in the file it belongs in. */
export function lookupKey(catalog: CatalogIndex, key: string, fileKind?: FileKind): LookupAnswer {
  const trimmed = key.trim();
  const kind = fileKind ?? fileKindForKey(catalog, trimmed);
  const keyClass = classifyTopLevelKey(trimmed, kind, catalog, new Set());
  return answerFor(catalog, trimmed, kind, keyClass);
}

/** The file a key belongs in when the caller did not say: where the catalog has it, else by its form. */
function fileKindForKey(catalog: CatalogIndex, key: string): FileKind {
  if (catalog.entitlement(key) !== undefined) return 'entitlements';
  if (catalog.infoPlistKey(stripDeviceSuffix(key)) !== undefined) return 'infoPlist';
  if (catalog.hallucination(key) !== undefined) return 'entitlements';
  // Entitlements are reverse-DNS names (`com.apple.developer.…`, `aps-environment`); Info.plist keys are words.
  return /[.-]/.test(key) ? 'entitlements' : 'infoPlist';
}

const FILE_NAMES: Readonly<Record<FileKind, string>> = { entitlements: 'the .entitlements file', infoPlist: 'Info.plist', privacyManifest: 'PrivacyInfo.xcprivacy' };

function answerFor(catalog: CatalogIndex, key: string, fileKind: FileKind, keyClass: KeyClass): LookupAnswer {
  switch (keyClass.kind) {
    case 'real': {
      const facts = factsOf(keyClass.entry);
      const approval = facts.isManaged ? ' Apple must approve it before distribution.' : '';
      return { key, status: 'real', verdict: `A real ${fileKind === 'entitlements' ? 'entitlement' : 'Info.plist key'}: ${facts.summary}${approval}`, facts };
    }
    case 'misplaced':
      return { key, status: 'misplaced', verdict: `A real key, but it belongs in ${FILE_NAMES[keyClass.belongsIn]}, not ${FILE_NAMES[fileKind]}.`, facts: factsOf(keyClass.entry) };
    case 'hallucinated': {
      const { hallucination } = keyClass;
      const replacements = realEntries(catalog, hallucination.replacements);
      return {
        key,
        status: 'hallucinated',
        verdict: `Not a real key (an invented name). ${hallucination.advice}.`,
        replacements,
        advice: [hallucination.advice, ...hallucination.details].join('; '),
        source: hallucination.source,
      };
    }
    case 'private':
      return { key, status: 'private', verdict: `A private Apple entitlement: only Apple's own software may claim it. ${keyClass.pattern.note}` };
    case 'unknown': {
      const replacements = realEntries(catalog, keyClass.suggestions);
      const nearest = replacements.length === 0 ? '' : ` Did you mean '${replacements.map((entry) => entry.key).join("' or '")}'?`;
      return { key, status: 'unknown', verdict: `Not a key the catalog knows in ${FILE_NAMES[fileKind]}.${nearest}`, replacements };
    }
    case 'allowed':
    case 'custom':
      return { key, status: 'custom', verdict: 'Not an Apple key: Info.plist may hold an app\'s own settings under any name, so this is fine if the app reads it.' };
  }
}

function realEntries(catalog: CatalogIndex, keys: readonly string[]): KeyFacts[] {
  return keys.flatMap((key) => {
    const entry = catalog.entitlement(key) ?? catalog.infoPlistKey(key);
    return entry === undefined ? [] : [factsOf(entry)];
  });
}

function factsOf(entry: CatalogEntry): KeyFacts {
  return {
    key: entry.key,
    file: entry.file,
    summary: entry.summary,
    type: entry.type,
    ...(entry.itemType === undefined ? {} : { itemType: entry.itemType }),
    platforms: entry.platforms,
    ...(entry.availability === undefined ? {} : { availability: entry.availability }),
    isManaged: entry.isManaged,
    ...(entry.isManaged && entry.managedNote !== undefined ? { howToAsk: entry.managedNote } : {}),
    ...(entry.capability === undefined ? {} : { capability: entry.capability }),
    ...(entry.isDeprecated === true ? { isDeprecated: true } : {}),
    ...(entry.replacedBy === undefined ? {} : { replacedBy: entry.replacedBy }),
    ...(entry.values === undefined ? {} : { values: entry.values.map((value) => value.value) }),
    docUrl: entry.docUrl,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// find_keys_for_feature

/** A gate of a feature, with where it is written and what the catalog says of its key. */
export type NeedAnswer = FeatureNeed & { readonly file?: FileKind; readonly summary?: string; readonly docUrl?: string; readonly howToAsk?: string };

/** A feature as the catalog has it, each need with what the catalog says of its key. */
export type FeatureAnswer = Omit<Feature, 'needs'> & { readonly needs: readonly NeedAnswer[] };

export interface FeatureSearchAnswer {
  readonly query: string;
  readonly matches: readonly FeatureAnswer[];
}

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;

/** The features whose names or frameworks best match `query`, best first, with what each needs. */
export function findKeysForFeature(catalog: CatalogIndex, query: string, options: { platform?: Platform; limit?: number } = {}): FeatureSearchAnswer {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const platform = options.platform;
  const scored = searchFeatures(catalog.catalog.features, query, platform);
  return { query, matches: scored.slice(0, limit).map(({ feature }) => featureAnswer(catalog, feature, platform)) };
}

function featureAnswer(catalog: CatalogIndex, feature: Feature, platform: Platform | undefined): FeatureAnswer {
  const needs = feature.needs.filter((need) => platform === undefined || !('platforms' in need) || need.platforms === undefined || need.platforms.includes(platform));
  return {
    id: feature.id,
    names: feature.names,
    frameworks: feature.frameworks,
    platforms: feature.platforms,
    needs: needs.map((need) => needAnswer(catalog, need)),
    note: feature.note,
    source: feature.source,
  };
}

function needAnswer(catalog: CatalogIndex, need: FeatureNeed): NeedAnswer {
  switch (need.kind) {
    case 'entitlement':
    case 'infoPlistKey':
    case 'purposeString': {
      const entry = need.kind === 'entitlement' ? catalog.entitlement(need.key) : catalog.infoPlistKey(need.key);
      if (entry === undefined) return need;
      return { ...need, file: entry.file, summary: entry.summary, docUrl: entry.docUrl, ...(entry.isManaged && entry.managedNote !== undefined ? { howToAsk: entry.managedNote } : {}) };
    }
    case 'backgroundMode':
      return { ...need, file: 'infoPlist', summary: `Add '${need.value}' to the UIBackgroundModes array in Info.plist.` };
    case 'portalCapability':
    case 'appService':
      return { ...need, summary: `Nothing to write in either file: switch on '${need.name}' for the App ID in the developer portal.` };
    case 'nothing':
      return { ...need, summary: 'No entitlement, Info.plist key or portal capability is needed.' };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// add_capability

/** A capability as an agent picks it: its name, what it writes, and whether Apple must approve it. */
export interface CapabilitySummary {
  readonly id: string;
  readonly name: string;
  readonly writes: readonly string[];
  readonly approvalRequired: boolean;
}

export interface CapabilityListAnswer {
  readonly platforms: readonly Platform[];
  readonly capabilities: readonly CapabilitySummary[];
}

export interface AddCapabilityAnswer {
  readonly capability: { readonly id: string; readonly name: string; readonly source: string; readonly approval: Capability['approval'] };
  readonly platforms: readonly Platform[];
  readonly writes: readonly PlannedWrite[];
  /** Edits to files that exist, ranges 0-based as LSP counts them. */
  readonly edits: readonly ToolEdit[];
  /** Files to create, with their whole text. */
  readonly newFiles: readonly { readonly file: string; readonly text: string }[];
  readonly notes: readonly string[];
  readonly summary: string;
}

/** What each capability writes, in one line per key. */
export function capabilitySummary(capability: Capability): CapabilitySummary {
  return {
    id: capability.id,
    name: capability.name,
    writes: capability.writes.map((write) => `${write.file === 'entitlements' ? 'entitlements' : 'Info.plist'}: ${write.key} = ${JSON.stringify(write.value)}${write.platforms === undefined ? '' : ` (${write.platforms.join(', ')})`}`),
    approvalRequired: capability.approval.required,
  };
}

export function listCapabilities(catalog: Catalog, target: CapabilityTarget): CapabilityListAnswer {
  return { platforms: target.platforms, capabilities: capabilitiesFor(catalog, target).map(capabilitySummary) };
}

/** The plan as an agent applies it: edits named by file, new files in full. */
export function addCapabilityAnswer(plan: CapabilityPlan, fileOf: (fileKind: FileKind) => string): AddCapabilityAnswer {
  const edits = plan.fileEdits.filter((edit) => !edit.isNew).flatMap((edit) => edit.edits.map((change) => ({ file: fileOf(edit.file), range: change.range, newText: change.newText })));
  const newFiles = plan.fileEdits.filter((edit) => edit.isNew).map((edit) => ({ file: fileOf(edit.file), text: edit.edits.map((change) => change.newText).join('') }));
  const added = plan.writes.filter((write) => write.status === 'add' || write.status === 'merge').length;
  const { capability } = plan;
  return {
    capability: { id: capability.id, name: capability.name, source: capability.source, approval: capability.approval },
    platforms: plan.platforms,
    writes: plan.writes,
    edits,
    newFiles,
    notes: plan.notes,
    summary: added === 0 ? `${capability.name} needs nothing more in these files.` : `${added} key${added === 1 ? '' : 's'} to add or extend for ${capability.name}.`,
  };
}
