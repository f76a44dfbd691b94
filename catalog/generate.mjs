#!/usr/bin/env node
// Generates shared/data/catalog.json from the researched facts in catalog/sources/ (or the folder given as the
// first argument), our own hover summaries in catalog/summaries/, the hand-curated supplement in
// catalog/supplement.json, and key usage counts over the real-world corpus in test/corpus/apps/.
//
//   node catalog/generate.mjs [sourcesDir] [--check]
//
// With --check it writes nothing and exits 1 when the committed catalog differs from what it would generate.
// Nobody edits shared/data/catalog.json by hand.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const catalogDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(catalogDir, '..');
const args = process.argv.slice(2);
const isCheck = args.includes('--check');
const referenceDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(catalogDir, 'sources'));
const corpusDir = join(projectRoot, 'test', 'corpus', 'apps');
const outputPath = join(projectRoot, 'shared', 'data', 'catalog.json');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Maps the reference's type names to plist element types. */
function mapType(type) {
  switch (type) {
    case 'boolean': case 'string': case 'integer': case 'real': case 'date': case 'data': case 'array': case 'dictionary':
      return { type };
    case 'number':
      return { type: 'real' };
    case 'array<string>':
      return { type: 'array', itemType: 'string' };
    case 'array<dictionary>':
      return { type: 'array', itemType: 'dictionary' };
    default:
      throw new Error(`Unknown type '${type}' in the reference data`);
  }
}

const FALLBACK_ENTITLEMENTS_URL = 'https://developer.apple.com/documentation/bundleresources/entitlements';
const FALLBACK_INFO_PLIST_URL = 'https://developer.apple.com/documentation/bundleresources/information-property-list';

function docUrlOf(entry, fallback) {
  if (entry.docUrl) return entry.docUrl;
  const page = (entry.sources ?? []).find((source) => source.startsWith('https://developer.apple.com/'));
  return page ?? fallback;
}

/** Drops undefined fields so the JSON stays small and stable. */
function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null));
}

const missingSummaries = [];

/** Our own hover text; a missing file just means every summary in it is reported missing. */
function readSummaries(name) {
  const path = join(catalogDir, 'summaries', name);
  return existsSync(path) ? readJson(path) : { keys: {}, values: {} };
}

function summaryOf(summaries, path) {
  const summary = summaries.keys?.[path];
  if (typeof summary !== 'string' || summary.trim() === '') {
    missingSummaries.push(path);
    return '';
  }
  return summary.trim();
}

function valuesOf(entry, summaries, path) {
  if (!Array.isArray(entry.values)) return undefined;
  const details = new Map((entry.valueDetails ?? []).map((detail) => [String(detail.value), detail]));
  const valueSummaries = summaries.values?.[path] ?? {};
  return entry.values.map((raw) => {
    const value = String(raw);
    const detail = details.get(value);
    return compact({
      value,
      summary: valueSummaries[value],
      platforms: detail?.platforms,
      isDeprecated: detail?.deprecated === true ? true : undefined,
    });
  });
}

/**
 * An entitlement's documented values are the whole set (the provisioning profile holds the same list) unless the
 * research says Apple may have added more; the supplement's openEntitlementValues names the other exceptions.
 */
function notesSayValuesAreOpen(entry) {
  return /\b(may have added|not exhaustive|among others)\b/i.test(`${entry.note ?? ''} ${entry.confidenceNote ?? ''}`);
}

/**
 * How many items an array value must hold, where the reference's value pattern states it: "Exactly one entry: <what>"
 * or "One-element array holding <what>" (App Clip links and the AppMigrationKit container, from Apple's pages). No
 * other pattern states a count, and an array without one may be empty.
 */
function itemCountOf(entry) {
  if (typeof entry.valuePattern !== 'string' || !entry.type.startsWith('array')) return undefined;
  const match = /^(?:exactly one entry:|one-element array holding)\s*(.+)$/i.exec(entry.valuePattern.trim());
  return match === null ? undefined : { min: 1, max: 1, item: match[1] };
}

function entitlementEntry(entry, summaries) {
  return compact({
    key: entry.key,
    file: 'entitlements',
    summary: summaryOf(summaries, entry.key),
    ...mapType(entry.type),
    values: valuesOf(entry, summaries, entry.key),
    valuesAreExhaustive: Array.isArray(entry.values) ? !notesSayValuesAreOpen(entry) : undefined,
    valuePattern: entry.valuePattern,
    itemCount: itemCountOf(entry),
    platforms: entry.platforms,
    availability: entry.availability,
    isManaged: entry.managed === true,
    managedNote: entry.managedNote,
    appClip: typeof entry.appClip === 'boolean' ? entry.appClip : undefined,
    appClipNote: entry.appClipNote,
    capability: entry.capability,
    isDeprecated: entry.deprecated === true ? true : undefined,
    replacedBy: entry.replacedBy,
    docUrl: docUrlOf(entry, FALLBACK_ENTITLEMENTS_URL),
    infoPlistCompanions: entry.infoPlistCompanions,
    confidence: entry.confidence,
    sources: entry.sources,
  });
}

function infoPlistEntry(entry, summaries, parentPath, inheritedPlatforms) {
  const path = parentPath === '' ? entry.key : `${parentPath}/${entry.key}`;
  const platforms = entry.platforms ?? inheritedPlatforms;
  const typed = mapType(entry.type);
  return compact({
    key: entry.key,
    file: 'infoPlist',
    summary: summaryOf(summaries, path),
    ...typed,
    itemType: entry.itemType ?? typed.itemType,
    altTypes: entry.altTypes,
    values: valuesOf(entry, summaries, path),
    // The reference marks closed lists with valuesExhaustive; the supplement's closedInfoPlistValues adds more.
    valuesAreExhaustive: Array.isArray(entry.values) ? entry.valuesExhaustive === true : undefined,
    platforms,
    availability: entry.introduced ? Object.entries(entry.introduced).map(([platform, version]) => `${platform} ${version}+`).join(', ') : undefined,
    isManaged: false,
    isUsageDescription: entry.category === 'privacy-usage' ? true : undefined,
    xcodeName: entry.xcodeName,
    isDeprecated: entry.deprecated === true ? true : undefined,
    replacedBy: entry.replacedBy,
    docUrl: docUrlOf(entry, FALLBACK_INFO_PLIST_URL),
    keyPattern: entry.keyPattern,
    children: entry.children?.map((child) => infoPlistEntry(child, summaries, path, platforms)),
    confidence: entry.confidence,
    sources: entry.sources,
  });
}

/**
 * Pulls the real keys out of the reference's free-text replacements ("aps-environment (iOS, ...)"): the first known
 * key named by each line, skipping lines that only add context ("plus ...", "keep ..."). Only hallucinations that
 * name a different key get replacements; the others are fixed by removing the key.
 */
function replacementsOf(entry, entitlementKeys, infoPlistKeys) {
  const wanted = entry.kind === 'wrong-name' ? entitlementKeys : entry.kind === 'info-plist-key' ? infoPlistKeys : undefined;
  if (wanted === undefined) return [];
  const keys = [];
  for (const text of entry.right) {
    if (/^(plus|keep|no entitlement)\b/i.test(text.trim())) continue;
    if (/same key/i.test(text) && wanted.has(entry.wrong)) {
      if (!keys.includes(entry.wrong)) keys.push(entry.wrong);
      continue;
    }
    const first = (text.match(/[A-Za-z][A-Za-z0-9._-]*[A-Za-z0-9]/g) ?? []).find((token) => wanted.has(token));
    if (first !== undefined && !keys.includes(first) && (first !== entry.wrong || entry.kind === 'info-plist-key')) keys.push(first);
  }
  return keys;
}

function adviceOf(kind, replacements) {
  const quoted = replacements.map((key) => `'${key}'`);
  const list = quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  switch (kind) {
    case 'wrong-name':
      return list === '' ? 'No entitlement has this name' : `No entitlement has this name; the real key is ${list}`;
    case 'no-entitlement-needed':
      return 'No entitlement exists or is needed for this; remove the key';
    case 'info-plist-key':
      return list === '' ? 'Not an entitlement: this belongs in Info.plist' : `Not an entitlement: this belongs in Info.plist as ${list}`;
    case 'app-service':
      return 'An App Service enabled on the App ID in the developer portal, not an entitlement; remove the key';
    case 'not-an-entitlement':
      return 'Not an entitlement; remove the key';
    default:
      throw new Error(`Unknown hallucination kind '${kind}'`);
  }
}

/**
 * Adds the supplement's facts about values: which enumerations are open or closed, corrected value types, value
 * formats, the keys code signing writes from the provisioning profile, and other names of keys (aliases, which the
 * replacement engine matches invented keys against). Every fact must name a key the catalog has.
 */
function applyValueFacts(entitlements, infoPlist, supplement) {
  const entitlementByKey = new Map(entitlements.map((entry) => [entry.key, entry]));
  const entitlementOf = (key) => {
    const entry = entitlementByKey.get(key);
    if (entry === undefined) throw new Error(`supplement.json names '${key}', which is no entitlement in the catalog`);
    return entry;
  };
  const infoPlistEntryOf = (path) => {
    let entries = infoPlist;
    let found;
    for (const key of path.split('/')) {
      found = entries?.find((entry) => entry.key === key);
      if (found === undefined) throw new Error(`supplement.json names '${path}', which is no Info.plist key path in the catalog`);
      entries = found.children;
    }
    return found;
  };
  const requireReason = (fact) => {
    if (typeof fact.reason !== 'string' || fact.reason.trim() === '') throw new Error(`supplement.json: '${fact.key ?? fact.path ?? fact.keyPrefix}' needs a reason`);
  };
  for (const fact of supplement.openEntitlementValues ?? []) {
    requireReason(fact);
    const entry = entitlementOf(fact.key);
    if (entry.values === undefined) throw new Error(`supplement.json: '${fact.key}' has no values to call open`);
    entry.valuesAreExhaustive = false;
  }
  for (const fact of supplement.closedInfoPlistValues ?? []) {
    requireReason(fact);
    const entry = infoPlistEntryOf(fact.path);
    if (entry.values === undefined) throw new Error(`supplement.json: '${fact.path}' has no values to call closed`);
    entry.valuesAreExhaustive = true;
  }
  for (const fact of supplement.typeOverrides ?? []) {
    requireReason(fact);
    // A documented rule for a family of keys (`keyPrefix`) applies to each of its keys of the given type.
    const entries = fact.keyPrefix !== undefined
      ? entitlements.filter((entry) => entry.key.startsWith(fact.keyPrefix) && (fact.ofType === undefined || entry.type === mapType(fact.ofType).type))
      : [fact.path === undefined ? entitlementOf(fact.key) : infoPlistEntryOf(fact.path)];
    if (entries.length === 0) throw new Error(`supplement.json: no entitlement of '${fact.keyPrefix}' to override`);
    for (const entry of entries) {
      if (fact.type !== undefined) entry.type = mapType(fact.type).type;
      if (fact.altTypes !== undefined) entry.altTypes = fact.altTypes.map((type) => mapType(type).type);
    }
  }
  for (const format of supplement.valueFormats ?? []) {
    const patterns = format.patterns.map((rule) => {
      new RegExp(rule.pattern); // Throws on a malformed pattern, here rather than in the editor.
      // Prefixes make the fixes (`applinks:` + what was written); a format with no such repair lists none.
      if (!Array.isArray(rule.prefixes)) throw new Error(`supplement.json: pattern ${rule.pattern} needs its prefixes, [] for none`);
      return compact({ pattern: rule.pattern, prefixes: rule.prefixes, platforms: rule.platforms });
    });
    if (!Array.isArray(format.sources) || format.sources.length === 0) throw new Error(`supplement.json: the format '${format.description}' needs its sources`);
    for (const key of format.keys ?? []) entitlementOf(key).valueFormat = { description: format.description, patterns };
    for (const path of format.paths ?? []) infoPlistEntryOf(path).valueFormat = { description: format.description, patterns };
  }
  for (const fact of supplement.keyAliases ?? []) {
    requireReason(fact);
    const entry = entitlementByKey.get(fact.key) ?? infoPlist.find((candidate) => candidate.key === fact.key);
    if (entry === undefined) throw new Error(`supplement.json: alias for '${fact.key}', which is no key in the catalog`);
    if (!Array.isArray(fact.aliases) || fact.aliases.length === 0) throw new Error(`supplement.json: '${fact.key}' needs aliases`);
    entry.aliases = fact.aliases;
  }
  for (const fact of supplement.signingInsertedKeys ?? []) {
    if (typeof fact.note !== 'string' || fact.note.trim() === '') throw new Error(`supplement.json: signing-inserted '${fact.key}' needs a note`);
    entitlementOf(fact.key).signingInsertedNote = fact.note;
  }
}

/** Counts, per key, how many corpus files use it at the top level: a prior for ranking completions. */
function usageCountsOf(directory) {
  const counts = {};
  const manifest = readFileSync(join(directory, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const line of manifest) {
    const file = line.split('\t')[0];
    const text = readFileSync(join(directory, 'files', file), 'utf8');
    // Top-level keys are the ones indented by one level; a regular expression is enough for a prior.
    const seen = new Set(Array.from(text.matchAll(/^(?:\t| {2,4})<key>([^<]+)<\/key>/gm), (match) => match[1]));
    for (const key of seen) counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The feature catalog as the sources give it, once each gate is known to be real: every key a catalog key, every
 * value a documented one. Whether an entitlement is managed is the catalog entry's fact, copied in here.
 */
function featuresOf(features, entitlements, infoPlist) {
  const entitlementByKey = new Map(entitlements.map((entry) => [entry.key, entry]));
  const infoPlistKeys = new Set();
  const collect = (entries, prefix) => {
    for (const entry of entries) {
      infoPlistKeys.add(entry.key);
      infoPlistKeys.add(prefix + entry.key);
      collect(entry.children ?? [], `${prefix}${entry.key}/`);
    }
  };
  collect(infoPlist, '');
  const backgroundModes = new Set((infoPlist.find((entry) => entry.key === 'UIBackgroundModes')?.values ?? []).map((value) => value.value));
  const ids = new Set();
  for (const feature of features) {
    const where = `features.json: '${feature.id}'`;
    if (ids.has(feature.id)) throw new Error(`${where} appears twice`);
    ids.add(feature.id);
    if (!Array.isArray(feature.needs) || feature.needs.length === 0) throw new Error(`${where} needs at least one need`);
    if (typeof feature.source !== 'string' || !feature.source.startsWith('http')) throw new Error(`${where} needs a source`);
    for (const need of feature.needs) {
      if (need.kind === 'entitlement') {
        const entry = entitlementByKey.get(need.key);
        if (entry === undefined) throw new Error(`${where} names '${need.key}', which is no entitlement in the catalog`);
        if (need.managed !== undefined) throw new Error(`${where}: '${need.key}' says whether it is managed; the catalog's entry says so`);
        need.managed = entry.isManaged;
        if (need.value !== undefined && entry.values !== undefined && !entry.values.some((value) => value.value === need.value)) {
          throw new Error(`${where}: '${need.value}' is no documented value of '${need.key}'`);
        }
      } else if (need.kind === 'infoPlistKey' || need.kind === 'purposeString') {
        if (!infoPlistKeys.has(need.key)) throw new Error(`${where} names '${need.key}', which is no Info.plist key in the catalog`);
      } else if (need.kind === 'backgroundMode') {
        if (!backgroundModes.has(need.value)) throw new Error(`${where}: '${need.value}' is no UIBackgroundModes value`);
      } else if (!['nothing', 'portalCapability', 'appService'].includes(need.kind)) {
        throw new Error(`${where}: unknown need '${need.kind}'`);
      }
    }
  }
  return features.map((feature) => compact({ id: feature.id, names: feature.names, frameworks: feature.frameworks, platforms: feature.platforms, needs: feature.needs, source: feature.source, note: feature.note }));
}

const PLATFORM_NAMES = ['iOS', 'iPadOS', 'macOS', 'MacCatalyst', 'tvOS', 'watchOS', 'visionOS', 'DriverKit'];
const TARGET_KINDS = ['app', 'app-clip', 'app-extension', 'system-extension', 'driver-extension'];

/** Whether a value of the given JSON form fits the catalog entry's plist type (arrays hold strings here). */
function valueFitsType(value, entry) {
  switch (entry.type) {
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'array': return Array.isArray(value) && value.every((item) => typeof item === 'string') && (entry.itemType === undefined || entry.itemType === 'string');
    default: return false;
  }
}

/**
 * Xcode's capabilities as the sources give them, once everything they write is known to be real: every key a
 * catalog key in the file named, every value of its type, a documented one where the values are a closed set, and
 * well-formed where the key has a format. Whether Apple must approve one follows from its entitlements' entries.
 */
function capabilitiesOf(capabilities, entitlements, infoPlist) {
  const byFile = { entitlements: new Map(entitlements.map((entry) => [entry.key, entry])), infoPlist: new Map(infoPlist.map((entry) => [entry.key, entry])) };
  const ids = new Set();
  return capabilities.map((capability) => {
    const where = `capabilities.json: '${capability.id}'`;
    if (typeof capability.id !== 'string' || ids.has(capability.id)) throw new Error(`${where} needs an id of its own`);
    ids.add(capability.id);
    if (typeof capability.name !== 'string' || capability.name === '') throw new Error(`${where} needs a name`);
    if (!Array.isArray(capability.platforms) || capability.platforms.length === 0 || capability.platforms.some((platform) => !PLATFORM_NAMES.includes(platform))) throw new Error(`${where}: bad platforms`);
    if (!Array.isArray(capability.targetKinds) || capability.targetKinds.length === 0 || capability.targetKinds.some((kind) => !TARGET_KINDS.includes(kind))) throw new Error(`${where}: bad targetKinds`);
    if (typeof capability.source !== 'string' || !capability.source.startsWith('https://')) throw new Error(`${where} needs a source`);
    if (!Array.isArray(capability.writes)) throw new Error(`${where} needs its writes ([] for none)`);
    if (capability.writes.length === 0 && typeof capability.note !== 'string') throw new Error(`${where} writes nothing and must say why in a note`);
    let managed = false;
    const seen = new Set();
    for (const write of capability.writes) {
      const at = `${where}: '${write.key}'`;
      const entry = byFile[write.file]?.get(write.key);
      if (entry === undefined) throw new Error(`${at} is no ${write.file} key in the catalog`);
      if (seen.has(`${write.file}/${write.key}`)) throw new Error(`${at} is written twice`);
      if (entry.isDeprecated === true) throw new Error(`${at} is deprecated; a capability adds only current keys`);
      seen.add(`${write.file}/${write.key}`);
      if (!valueFitsType(write.value, entry)) throw new Error(`${at}: the value ${JSON.stringify(write.value)} is not a ${entry.type}`);
      const strings = typeof write.value === 'string' ? [write.value] : Array.isArray(write.value) ? write.value : [];
      for (const text of strings) {
        if (entry.valuesAreExhaustive === true && !entry.values.some((value) => value.value === text)) throw new Error(`${at}: '${text}' is no documented value`);
        if (entry.valueFormat !== undefined && !entry.valueFormat.patterns.some((rule) => new RegExp(rule.pattern).test(text))) throw new Error(`${at}: '${text}' is not of the form ${entry.valueFormat.description}`);
      }
      if (entry.values !== undefined && entry.valuesAreExhaustive !== true && entry.type === 'array' && entry.key === 'UIBackgroundModes' && !strings.every((text) => entry.values.some((value) => value.value === text))) throw new Error(`${at}: a background mode the catalog does not document`);
      for (const platform of write.platforms ?? []) {
        if (!capability.platforms.includes(platform)) throw new Error(`${at}: ${platform} is not one of the capability's platforms`);
        // Mac Catalyst apps take macOS keys as well as iOS ones.
        const keyPlatforms = entry.platforms;
        if (!keyPlatforms.includes(platform) && !(platform === 'MacCatalyst' && (keyPlatforms.includes('macOS') || keyPlatforms.includes('iOS')))) throw new Error(`${at} is not documented for ${platform}`);
      }
      if (write.file === 'entitlements') {
        managed ||= entry.isManaged;
        if (entry.appClip === false && capability.targetKinds.includes('app-clip')) throw new Error(`${at}: App Clips may not use it`);
      }
    }
    const approval = capability.approval ?? {};
    if (approval.required !== managed) throw new Error(`${where}: approval.required must be ${managed}, as the catalog's entitlements say`);
    if (managed && (typeof approval.howToAsk !== 'string' || typeof approval.requestUrl !== 'string' || !approval.requestUrl.startsWith('https://'))) throw new Error(`${where}: a managed capability needs howToAsk and a requestUrl`);
    return compact({
      id: capability.id,
      name: capability.name,
      names: capability.names,
      platforms: capability.platforms,
      targetKinds: capability.targetKinds,
      writes: capability.writes.map((write) => compact({ file: write.file, key: write.key, value: write.value, platforms: write.platforms, fill: write.fill })),
      approval: compact({ required: approval.required, howToAsk: approval.howToAsk, requestUrl: approval.requestUrl }),
      source: capability.source,
      sources: capability.sources,
      note: capability.note,
    });
  });
}

// Privacy manifests (PrivacyInfo.xcprivacy): the third file kind, from catalog/sources/privacy-manifest.json.

/** A privacy manifest key in catalog form; `values` names the list its string values (or items) come from. */
function privacyKeyOf(entry, listsByName) {
  const values = entry.values === undefined ? undefined : listsByName[entry.values];
  if (entry.values !== undefined && values === undefined) throw new Error(`Unknown value list '${entry.values}' for ${entry.key}`);
  return compact({
    key: entry.key,
    file: 'privacyManifest',
    summary: entry.summary,
    ...mapType(entry.type),
    values: values?.map((value) => compact({ value: value.value, summary: value.summary })),
    valuesAreExhaustive: values === undefined ? undefined : true,
    platforms: ['iOS', 'iPadOS', 'macOS', 'MacCatalyst', 'tvOS', 'watchOS', 'visionOS'],
    isManaged: false,
    docUrl: entry.docUrl,
    children: entry.children?.map((child) => privacyKeyOf(child, listsByName)),
    confidence: 'high',
    sources: [entry.docUrl],
  });
}

/** The privacy manifest part of the catalog; fails on a reason code listed twice, which would make its category ambiguous. */
function privacyManifestOf(source) {
  const reasons = source.apiCategories.flatMap((category) => category.reasons.map((reason) => ({ value: reason.code, summary: reason.summary })));
  const codes = new Set();
  for (const reason of reasons) {
    if (codes.has(reason.value)) throw new Error(`Reason code ${reason.value} is listed twice`);
    codes.add(reason.value);
  }
  const listsByName = { collectedDataTypes: source.collectedDataTypes, purposes: source.purposes, apiCategories: source.apiCategories, reasons };
  return {
    fileName: source.fileName,
    docUrl: source.docUrl,
    keys: source.keys.map((entry) => privacyKeyOf(entry, listsByName)),
    collectedDataTypes: source.collectedDataTypes.map((type) => ({ value: type.value, group: type.group, summary: type.summary })),
    purposes: source.purposes.map((purpose) => ({ value: purpose.value, summary: purpose.summary })),
    apiCategories: source.apiCategories.map((category) => ({
      value: category.value,
      name: category.name,
      summary: category.summary,
      symbols: category.symbols,
      reasons: category.reasons.map((reason) => compact({ code: reason.code, summary: reason.summary, isSdkOnly: reason.sdkOnly === true ? true : undefined })),
    })),
    sources: source.sources,
  };
}

function digestOf(directory) {
  const hash = createHash('sha256');
  for (const name of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
    hash.update(name).update(readFileSync(join(directory, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

function generate() {
  const entitlementSummaries = readSummaries('entitlements.json');
  const infoPlistSummaries = readSummaries('infoPlist.json');
  const supplement = readJson(join(catalogDir, 'supplement.json'));

  const referenceEntitlements = readJson(join(referenceDir, 'entitlements.json'));
  const referenceInfoPlist = readJson(join(referenceDir, 'infoplist-keys.json'));
  // The two Core NFC keys are listed among entitlements but are read from Info.plist, where the Info.plist
  // reference has them too; keep them in one place only.
  const entitlements = referenceEntitlements
    .filter((entry) => entry.file === 'entitlements')
    .map((entry) => entitlementEntry(entry, entitlementSummaries));
  const infoPlist = referenceInfoPlist.map((entry) => infoPlistEntry(entry, infoPlistSummaries, '', undefined));

  for (const extra of supplement.entitlements) entitlements.push(compact({ ...extra, file: 'entitlements', isManaged: extra.isManaged === true }));
  for (const extra of supplement.infoPlist) infoPlist.push(compact({ ...extra, file: 'infoPlist', isManaged: false }));
  applyValueFacts(entitlements, infoPlist, supplement);
  entitlements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  infoPlist.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const entitlementKeys = new Set(entitlements.map((entry) => entry.key));
  const infoPlistKeys = new Set(infoPlist.map((entry) => entry.key));
  const hallucinations = readJson(join(referenceDir, 'hallucinations.json')).map((entry) => {
    const replacements = replacementsOf(entry, entitlementKeys, infoPlistKeys);
    return compact({
      key: entry.wrong,
      kind: entry.kind,
      replacements,
      advice: adviceOf(entry.kind, replacements),
      details: entry.right,
      confidence: entry.confidence ?? 'high',
      source: entry.source,
    });
  });

  const crossFileRules = readJson(join(referenceDir, 'cross-file-rules.json')).map((rule) => ({
    id: rule.id,
    kind: rule.kind,
    condition: rule.if,
    consequence: rule.then,
    infoPlistKeys: rule.infoPlistKeys ?? [],
    entitlements: rule.entitlements ?? [],
    confidence: rule.confidence,
    source: rule.source,
  }));

  const features = featuresOf(readJson(join(referenceDir, 'features.json')), entitlements, infoPlist);
  const capabilitiesPath = join(referenceDir, 'capabilities.json');
  const capabilities = existsSync(capabilitiesPath) ? capabilitiesOf(readJson(capabilitiesPath), entitlements, infoPlist) : [];
  const privacyManifest = privacyManifestOf(readJson(join(referenceDir, 'privacy-manifest.json')));

  return {
    source: {
      generatedFrom: 'catalog/sources (entitlements.json, infoplist-keys.json, hallucinations.json, cross-file-rules.json, features.json, capabilities.json, privacy-manifest.json), catalog/summaries, catalog/supplement.json, test/corpus/apps usage counts',
      referenceDigest: digestOf(referenceDir),
    },
    entitlements,
    infoPlist,
    privateKeyPatterns: supplement.privateKeyPatterns,
    companionRules: supplement.companionRules,
    hallucinations,
    crossFileRules,
    features,
    capabilities,
    privacyManifest,
    usageCounts: usageCountsOf(corpusDir),
  };
}

const catalog = generate();
if (missingSummaries.length > 0) {
  console.error(`Missing hover summaries for ${missingSummaries.length} keys, e.g. ${missingSummaries.slice(0, 5).join(', ')}`);
  process.exitCode = 1;
}
const json = `${JSON.stringify(catalog, null, 1)}\n`;
if (isCheck) {
  const current = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : '';
  if (current !== json) {
    console.error(`${relative(process.cwd(), outputPath)} is out of date: run npm run catalog`);
    process.exitCode = 1;
  } else {
    console.log(`${relative(process.cwd(), outputPath)} is up to date`);
  }
} else {
  writeFileSync(outputPath, json);
  console.log(`Wrote ${relative(process.cwd(), outputPath)}: ${catalog.entitlements.length} entitlements, ${catalog.infoPlist.length} Info.plist keys, ${catalog.hallucinations.length} hallucinations, ${catalog.crossFileRules.length} cross-file rules, ${catalog.features.length} features, ${catalog.capabilities.length} capabilities, ${catalog.privacyManifest.keys.length} privacy manifest keys, ${catalog.privacyManifest.apiCategories.length} required-reason API categories`);
}
