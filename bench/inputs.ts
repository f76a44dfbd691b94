/**
 * The benchmark's inputs, generated so that every run (and every machine) measures the same bytes: a typical
 * `.entitlements` (the 15 entitlements real apps use most), a typical Info.plist (the 60 most used keys, with their
 * documented sub-keys), and large Info.plists that add App Transport Security exception domains and app-defined
 * settings until they reach a size. Each input is written twice: as the XML plist we check, and as the same content
 * in JSON for the peer (`vscode-json-languageservice`), with the offsets of a key to hover on in both.
 */
import type { Catalog, CatalogEntry, FileKind } from '../shared/src/catalog';

/** A plist value, kept apart from JS types so integers and reals stay distinct in XML and equal in JSON. */
export type BenchValue =
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'integer' | 'real'; readonly number: number }
  | { readonly kind: 'boolean'; readonly isTrue: boolean }
  | { readonly kind: 'array'; readonly items: BenchValue[] }
  | { readonly kind: 'dict'; readonly entries: Array<[string, BenchValue]> };

export interface BenchInput {
  readonly name: string;
  readonly fileKind: FileKind;
  /** The URI both services see; the JSON twin ends in `.json`. */
  readonly uri: string;
  readonly xml: string;
  readonly json: string;
  readonly keyCount: number;
  /** Offsets inside the key to hover on (the same key in both texts). */
  readonly xmlHoverOffset: number;
  readonly jsonHoverOffset: number;
  /** Where a new top-level key is being typed (just after `<key>` / the opening quote of a new property). */
  readonly xmlCompletion: { readonly text: string; readonly offset: number };
  readonly jsonCompletion: { readonly text: string; readonly offset: number };
}

const string = (text: string): BenchValue => ({ kind: 'string', text });
const boolean = (isTrue: boolean): BenchValue => ({ kind: 'boolean', isTrue });
const integer = (number: number): BenchValue => ({ kind: 'integer', number });
const real = (number: number): BenchValue => ({ kind: 'real', number });
const array = (items: BenchValue[]): BenchValue => ({ kind: 'array', items });
const dict = (entries: Array<[string, BenchValue]>): BenchValue => ({ kind: 'dict', entries });

/** The `count` keys of `entries` that real apps use most (the catalog's usage counts from the corpus). */
function mostUsed(catalog: Catalog, entries: readonly CatalogEntry[], count: number): CatalogEntry[] {
  const usage = catalog.usageCounts;
  return [...entries].sort((a, b) => (usage[b.key] ?? 0) - (usage[a.key] ?? 0) || (a.key < b.key ? -1 : 1)).slice(0, count);
}

/** Values as real projects write them, for keys whose values have a format. */
const REALISTIC_VALUES: Readonly<Record<string, BenchValue>> = {
  'com.apple.security.application-groups': array([string('group.com.example.app')]),
  'com.apple.developer.icloud-container-identifiers': array([string('iCloud.com.example.app')]),
  'com.apple.developer.ubiquity-container-identifiers': array([string('iCloud.com.example.app')]),
  'com.apple.developer.associated-domains': array([string('applinks:example.com'), string('webcredentials:example.com')]),
  'keychain-access-groups': array([string('$(AppIdentifierPrefix)com.example.app')]),
  'com.apple.developer.ubiquity-kvstore-identifier': string('$(TeamIdentifierPrefix)$(CFBundleIdentifier)'),
};

/** A plausible value for a catalog entry: a documented value, or one of the entry's type with its sub-keys. */
function sampleValue(entry: CatalogEntry, depth: number): BenchValue {
  const realistic = REALISTIC_VALUES[entry.key];
  if (realistic !== undefined) return realistic;
  const documented = entry.values?.[0]?.value;
  switch (entry.type) {
    case 'string':
      return string(documented ?? `Example value of ${entry.key}`);
    case 'boolean':
      return boolean(true);
    case 'integer':
      return integer(2);
    case 'real':
      return real(1.5);
    case 'date':
      return string('2024-01-01T00:00:00Z');
    case 'data':
      return string('AAECAwQ=');
    case 'array': {
      if (entry.itemType === 'dictionary' && entry.children !== undefined) return array([childDict(entry.children, depth)]);
      const values = entry.values?.slice(0, 3).map((value) => string(value.value)) ?? [];
      return array(values.length > 0 ? values : [string(`${entry.key}.item`)]);
    }
    case 'dictionary': {
      if (entry.children === undefined) return dict([['Name', string('Example')]]);
      // Free-form keys (a domain, a UUID) hold the documented sub-keys one level down.
      if (entry.keyPattern !== undefined) return dict([['example.com', childDict(entry.children, depth)]]);
      return childDict(entry.children, depth);
    }
  }
}

function childDict(children: readonly CatalogEntry[], depth: number): BenchValue {
  if (depth >= 3) return dict([]);
  return dict(children.slice(0, 3).map((child) => [child.key, sampleValue(child, depth + 1)]));
}

/** A typical `.entitlements`: the 15 most used entitlements. */
function typicalEntitlements(catalog: Catalog): BenchValue {
  return dict(mostUsed(catalog, catalog.entitlements, 15).map((entry) => [entry.key, sampleValue(entry, 0)]));
}

/** A typical Info.plist: the 60 most used keys. */
function typicalInfoPlist(catalog: Catalog): BenchValue {
  return dict(mostUsed(catalog, catalog.infoPlist, 60).map((entry) => [entry.key, sampleValue(entry, 0)]));
}

/**
 * A large Info.plist: the typical one, plus blocks of app-defined settings (nested dicts, arrays, every scalar type)
 * and App Transport Security exception domains (catalog-known sub-keys under free-form keys), until `bytes`.
 */
function largeInfoPlist(catalog: Catalog, bytes: number): BenchValue {
  // The XML grows linearly with the number of blocks: measure two small sizes and solve for `bytes`.
  const base = toXml(largeInfoPlistWith(catalog, 0)).text.length;
  const perBlock = (toXml(largeInfoPlistWith(catalog, 100)).text.length - base) / 100;
  return largeInfoPlistWith(catalog, Math.max(0, Math.ceil((bytes - base) / perBlock)));
}

function largeInfoPlistWith(catalog: Catalog, blockCount: number): BenchValue {
  const root = typicalInfoPlist(catalog) as Extract<BenchValue, { kind: 'dict' }>;
  const domains: Array<[string, BenchValue]> = [];
  const transportSecurity: [string, BenchValue] = ['NSAppTransportSecurity', dict([['NSAllowsArbitraryLoads', boolean(false)], ['NSExceptionDomains', dict(domains)]])];
  const existing = root.entries.findIndex(([key]) => key === transportSecurity[0]);
  if (existing >= 0) root.entries[existing] = transportSecurity;
  else root.entries.push(transportSecurity);
  for (let index = 0; index < blockCount; index++) {
    const host = `host${index}.example.com`;
    domains.push([host, dict([
      ['NSIncludesSubdomains', boolean(true)],
      ['NSExceptionAllowsInsecureHTTPLoads', boolean(index % 2 === 0)],
      ['NSExceptionMinimumTLSVersion', string('TLSv1.2')],
    ])]);
    root.entries.push([`ExampleFeature${index}`, dict([
      ['Enabled', boolean(index % 3 !== 0)],
      ['Identifier', string(`com.example.feature.${index}`)],
      ['Priority', integer(index)],
      ['Weight', real(index / 7)],
      ['Hosts', array([string(host), string(`mirror${index}.example.com`)])],
      ['Options', dict([['Retries', integer(3)], ['Label', string(`Feature & option ${index}`)]])],
    ])]);
  }
  // A catalog key last, so hover walks past every other key and still has something to say.
  const camera = root.entries.findIndex(([key]) => key === 'NSCameraUsageDescription');
  if (camera >= 0) root.entries.push(...root.entries.splice(camera, 1));
  return root;
}

/** The same content as an XML plist, the way Xcode writes it, recording where each top-level key's text starts. */
function toXml(value: BenchValue): { text: string; keyOffsets: Map<string, number> } {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n'];
  let length = parts[0]?.length ?? 0;
  const keyOffsets = new Map<string, number>();
  const write = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const writeValue = (node: BenchValue, indent: string, isTop: boolean) => {
    switch (node.kind) {
      case 'string':
        write(`${indent}<string>${escapeXml(node.text)}</string>\n`);
        return;
      case 'integer':
        write(`${indent}<integer>${node.number}</integer>\n`);
        return;
      case 'real':
        write(`${indent}<real>${node.number}</real>\n`);
        return;
      case 'boolean':
        write(`${indent}<${node.isTrue ? 'true' : 'false'}/>\n`);
        return;
      case 'array':
        if (node.items.length === 0) return write(`${indent}<array/>\n`);
        write(`${indent}<array>\n`);
        for (const item of node.items) writeValue(item, `${indent}\t`, false);
        write(`${indent}</array>\n`);
        return;
      case 'dict':
        if (node.entries.length === 0) return write(`${indent}<dict/>\n`);
        write(`${indent}<dict>\n`);
        for (const [key, item] of node.entries) {
          write(`${indent}\t<key>`);
          if (isTop) keyOffsets.set(key, length);
          write(`${escapeXml(key)}</key>\n`);
          writeValue(item, `${indent}\t`, false);
        }
        write(`${indent}</dict>\n`);
        return;
    }
  };
  writeValue(value, '', true);
  write('</plist>\n');
  return { text: parts.join(''), keyOffsets };
}

/** The same content as JSON (tab-indented like the XML), recording where each top-level key's text starts. */
function toJson(value: BenchValue): { text: string; keyOffsets: Map<string, number> } {
  const parts: string[] = [];
  let length = 0;
  const keyOffsets = new Map<string, number>();
  const write = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const writeValue = (node: BenchValue, indent: string, isTop: boolean) => {
    switch (node.kind) {
      case 'string':
        return write(JSON.stringify(node.text));
      case 'integer':
      case 'real':
        return write(String(node.number));
      case 'boolean':
        return write(node.isTrue ? 'true' : 'false');
      case 'array':
        write('[');
        node.items.forEach((item, index) => {
          write(`${index === 0 ? '' : ','}\n${indent}\t`);
          writeValue(item, `${indent}\t`, false);
        });
        return write(node.items.length === 0 ? ']' : `\n${indent}]`);
      case 'dict':
        write('{');
        node.entries.forEach(([key, item], index) => {
          write(`${index === 0 ? '' : ','}\n${indent}\t"`);
          if (isTop) keyOffsets.set(key, length);
          write(`${JSON.stringify(key).slice(1)}: `);
          writeValue(item, `${indent}\t`, false);
        });
        return write(node.entries.length === 0 ? '}' : `\n${indent}}`);
    }
  };
  writeValue(value, '', true);
  write('\n');
  return { text: parts.join(''), keyOffsets };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function countKeys(value: BenchValue): number {
  if (value.kind === 'dict') return value.entries.reduce((sum, [, item]) => sum + 1 + countKeys(item), 0);
  if (value.kind === 'array') return value.items.reduce((sum, item) => sum + countKeys(item), 0);
  return 0;
}

/**
 * Hover goes on `hoverKey`; completion is asked for a key half-typed as the root dict's last entry (`<key>NS`,
 * `"NS`), where finding the node costs the most.
 */
function makeInput(name: string, fileKind: FileKind, uri: string, value: BenchValue, hoverKey: string): BenchInput {
  const xml = toXml(value);
  const json = toJson(value);
  const xmlKey = xml.keyOffsets.get(hoverKey);
  const jsonKey = json.keyOffsets.get(hoverKey);
  if (xmlKey === undefined || jsonKey === undefined) throw new Error(`The ${name} input has no top-level key '${hoverKey}' to hover on`);
  const xmlInsert = xml.text.lastIndexOf('</dict>');
  const xmlTyped = '\t<key>NS';
  const jsonInsert = json.text.lastIndexOf('\n}');
  const jsonTyped = ',\n\t"NS';
  return {
    name,
    fileKind,
    uri,
    xml: xml.text,
    json: json.text,
    keyCount: countKeys(value),
    xmlHoverOffset: xmlKey + 3,
    jsonHoverOffset: jsonKey + 3,
    xmlCompletion: { text: `${xml.text.slice(0, xmlInsert)}${xmlTyped}\n${xml.text.slice(xmlInsert)}`, offset: xmlInsert + xmlTyped.length },
    jsonCompletion: { text: json.text.slice(0, jsonInsert) + jsonTyped + json.text.slice(jsonInsert), offset: jsonInsert + jsonTyped.length },
  };
}

/** The four inputs of the benchmark, smallest first. `sizes` lets a quick run skip the large ones. */
export function createBenchInputs(catalog: Catalog, largeSizes: readonly number[] = [1_000_000, 10_000_000]): BenchInput[] {
  const inputs = [
    makeInput('typical .entitlements', 'entitlements', 'file:///bench/App.entitlements', typicalEntitlements(catalog), 'com.apple.security.app-sandbox'),
    makeInput('typical Info.plist', 'infoPlist', 'file:///bench/Info.plist', typicalInfoPlist(catalog), 'NSCameraUsageDescription'),
  ];
  for (const bytes of largeSizes) {
    const label = bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${bytes / 1000} KB`;
    inputs.push(makeInput(`${label} Info.plist`, 'infoPlist', 'file:///bench/Info.plist', largeInfoPlist(catalog, bytes), 'NSCameraUsageDescription'));
  }
  return inputs;
}
