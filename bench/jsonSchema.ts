/**
 * The catalog as JSON schemas, so the peer (`vscode-json-languageservice`) checks the JSON twin of each input
 * against the same knowledge we check the plist against: every key with its type, documented values, sub-keys,
 * free-form dictionaries, deprecation and a description for hover. Entitlements are a closed set (an unknown one
 * fails signing); Info.plist allows an app's own keys.
 */
import type { JSONSchema } from 'vscode-json-languageservice';
import type { Catalog, CatalogEntry, ValueType } from '../shared/src/catalog';

const JSON_TYPES: Readonly<Record<ValueType, string>> = {
  string: 'string',
  boolean: 'boolean',
  integer: 'integer',
  real: 'number',
  date: 'string',
  data: 'string',
  array: 'array',
  dictionary: 'object',
};

function typeSchema(type: ValueType, entry: CatalogEntry | undefined): JSONSchema {
  const schema: JSONSchema = { type: JSON_TYPES[type] };
  if (type === 'date') schema.format = 'date-time';
  if (type === 'array') {
    if (entry?.itemType !== undefined) schema.items = itemSchema(entry);
  } else if (type === 'dictionary' && entry?.children !== undefined) {
    const properties = propertiesOf(entry.children);
    // Free-form keys (a domain, a UUID) hold the documented sub-keys one level down.
    if (entry.keyPattern !== undefined) schema.additionalProperties = { type: 'object', properties };
    else schema.properties = properties;
  }
  return schema;
}

function itemSchema(entry: CatalogEntry): JSONSchema {
  const itemType = entry.itemType ?? 'string';
  if (itemType === 'dictionary' && entry.children !== undefined) return { type: 'object', properties: propertiesOf(entry.children) };
  const schema = typeSchema(itemType, undefined);
  if (itemType === 'string' && entry.values !== undefined && entry.values.length > 0) schema.enum = entry.values.map((value) => value.value);
  return schema;
}

function entrySchema(entry: CatalogEntry): JSONSchema {
  const types = [entry.type, ...(entry.altTypes ?? [])];
  const schema: JSONSchema = types.length === 1 ? typeSchema(entry.type, entry) : { anyOf: types.map((type) => typeSchema(type, entry)) };
  schema.description = entry.summary;
  if (entry.type === 'string' && entry.values !== undefined && entry.values.length > 0) schema.enum = entry.values.map((value) => value.value);
  if (entry.isDeprecated === true) schema.deprecationMessage = `${entry.key} is deprecated`;
  return schema;
}

function propertiesOf(entries: readonly CatalogEntry[]): Record<string, JSONSchema> {
  const properties: Record<string, JSONSchema> = {};
  for (const entry of entries) properties[entry.key] ??= entrySchema(entry);
  return properties;
}

/** The schema for the JSON twin of an `.entitlements` file. */
export function entitlementsSchema(catalog: Catalog): JSONSchema {
  return { type: 'object', properties: propertiesOf(catalog.entitlements), additionalProperties: false };
}

/** The schema for the JSON twin of an Info.plist. */
export function infoPlistSchema(catalog: Catalog): JSONSchema {
  return { type: 'object', properties: propertiesOf(catalog.infoPlist) };
}
