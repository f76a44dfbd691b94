/**
 * The configuration file, `.plist-sentinel.json`, that the CLI and the editor both read: severity per code,
 * allowed keys, platform and product type (for all files, or per glob in `overrides`) and ignored paths. This
 * module only parses text; finding and reading the file is the CLI's and the server's (server/src/configFiles.ts).
 * The parser accepts exactly what schemas/plist-sentinel.schema.json describes, and says where anything else is.
 */
import type { Platform } from './catalog';
import { isDiagnosticCode, type DiagnosticCode, type SeveritySetting } from './diagnosticCodes';
import { PRODUCT_TYPES, type ProductType } from './target';
import { PLATFORMS } from './settings';

/** The file's name, looked for in each folder from a checked file up to the workspace or filesystem root. */
export const CONFIG_FILE_NAME = '.plist-sentinel.json';

export type SeverityMap = Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;

/** Settings for the files an override's `files` globs match; later overrides win over earlier ones. */
export interface ConfigOverride {
  readonly files: readonly string[];
  readonly severity?: SeverityMap;
  readonly allowedKeys?: readonly string[];
  readonly platform?: Platform;
  readonly productType?: ProductType;
}

export interface Config {
  readonly severity: SeverityMap;
  readonly allowedKeys: readonly string[];
  readonly platform: Platform | undefined;
  readonly productType: ProductType | undefined;
  /** Globs, relative to the file's folder, of paths that are not checked. */
  readonly ignore: readonly string[];
  readonly overrides: readonly ConfigOverride[];
}

/** One thing wrong in a configuration: where (`overrides[0].platform`, or `''` for the whole file) and what. */
export interface ConfigError {
  readonly path: string;
  readonly message: string;
}

export const EMPTY_CONFIG: Config = { severity: {}, allowedKeys: [], platform: undefined, productType: undefined, ignore: [], overrides: [] };

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const TOP_LEVEL_FIELDS: readonly string[] = ['$schema', 'severity', 'allowedKeys', 'platform', 'productType', 'ignore', 'overrides'];
const OVERRIDE_FIELDS: readonly string[] = ['files', 'severity', 'allowedKeys', 'platform', 'productType'];

/**
 * Parses a configuration file's text. Every field that is wrong is left out and reported; the rest applies, so one
 * typo does not switch off a whole team's configuration in the editor (the CLI refuses a file with errors).
 */
export function parseConfig(text: string): { readonly config: Config; readonly errors: readonly ConfigError[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { config: EMPTY_CONFIG, errors: [{ path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const errors: ConfigError[] = [];
  if (!isRecord(raw)) return { config: EMPTY_CONFIG, errors: [{ path: '', message: `expected an object, not ${describe(raw)}` }] };
  reportUnknownFields(raw, TOP_LEVEL_FIELDS, '', errors);
  if (raw.$schema !== undefined && typeof raw.$schema !== 'string') errors.push({ path: '$schema', message: `expected a string, not ${describe(raw.$schema)}` });
  const overrides: ConfigOverride[] = [];
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) errors.push({ path: 'overrides', message: `expected an array of objects, not ${describe(raw.overrides)}` });
    else raw.overrides.forEach((item: unknown, index) => {
      const override = readOverride(item, `overrides[${index}]`, errors);
      if (override !== undefined) overrides.push(override);
    });
  }
  return {
    config: {
      severity: readSeverity(raw.severity, 'severity', errors) ?? {},
      allowedKeys: readStrings(raw.allowedKeys, 'allowedKeys', errors) ?? [],
      platform: readPlatformField(raw.platform, 'platform', errors),
      productType: readProductTypeField(raw.productType, 'productType', errors),
      ignore: readStrings(raw.ignore, 'ignore', errors) ?? [],
      overrides,
    },
    errors,
  };
}

function readOverride(raw: unknown, path: string, errors: ConfigError[]): ConfigOverride | undefined {
  if (!isRecord(raw)) {
    errors.push({ path, message: `expected an object with "files", not ${describe(raw)}` });
    return undefined;
  }
  reportUnknownFields(raw, OVERRIDE_FIELDS, path, errors);
  const files = readStrings(raw.files, `${path}.files`, errors);
  if (files === undefined || files.length === 0) {
    if (raw.files === undefined || (Array.isArray(raw.files) && raw.files.length === 0)) errors.push({ path: `${path}.files`, message: 'an override needs "files": the globs it applies to' });
    return undefined;
  }
  const severity = readSeverity(raw.severity, `${path}.severity`, errors);
  const allowedKeys = readStrings(raw.allowedKeys, `${path}.allowedKeys`, errors);
  const platform = readPlatformField(raw.platform, `${path}.platform`, errors);
  const productType = readProductTypeField(raw.productType, `${path}.productType`, errors);
  return {
    files,
    ...(severity === undefined ? {} : { severity }),
    ...(allowedKeys === undefined ? {} : { allowedKeys }),
    ...(platform === undefined ? {} : { platform }),
    ...(productType === undefined ? {} : { productType }),
  };
}

function readSeverity(raw: unknown, path: string, errors: ConfigError[]): SeverityMap | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    errors.push({ path, message: `expected an object from code to severity, not ${describe(raw)}` });
    return undefined;
  }
  const severity: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  for (const [code, value] of Object.entries(raw)) {
    if (!isDiagnosticCode(code)) {
      errors.push({ path: `${path}.${code}`, message: `unknown diagnostic code '${code}'` });
      continue;
    }
    const setting = SEVERITIES.find((known) => known === value);
    if (setting === undefined) errors.push({ path: `${path}.${code}`, message: `expected one of ${SEVERITIES.join(', ')}, not ${describe(value)}` });
    else severity[code] = setting;
  }
  return severity;
}

function readStrings(raw: unknown, path: string, errors: ConfigError[]): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    errors.push({ path, message: `expected an array of strings, not ${describe(raw)}` });
    return undefined;
  }
  const strings: string[] = [];
  raw.forEach((item: unknown, index) => {
    if (typeof item === 'string' && item !== '') strings.push(item);
    else errors.push({ path: `${path}[${index}]`, message: `expected a non-empty string, not ${describe(item)}` });
  });
  return strings;
}

function readPlatformField(raw: unknown, path: string, errors: ConfigError[]): Platform | undefined {
  if (raw === undefined) return undefined;
  const platform = PLATFORMS.find((known) => known === raw);
  if (platform === undefined) errors.push({ path, message: `expected one of ${PLATFORMS.join(', ')}, not ${describe(raw)}` });
  return platform;
}

function readProductTypeField(raw: unknown, path: string, errors: ConfigError[]): ProductType | undefined {
  if (raw === undefined) return undefined;
  const productType = PRODUCT_TYPES.find((known) => known === raw);
  if (productType === undefined) errors.push({ path, message: `expected one of ${PRODUCT_TYPES.join(', ')}, not ${describe(raw)}` });
  return productType;
}

function reportUnknownFields(raw: Record<string, unknown>, known: readonly string[], path: string, errors: ConfigError[]): void {
  for (const field of Object.keys(raw)) {
    if (!known.includes(field)) errors.push({ path: path === '' ? field : `${path}.${field}`, message: `unknown field '${field}'; expected ${known.filter((name) => name !== '$schema').join(', ')}` });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${String(value)}` : typeof value;
}

/** An error as one line: `overrides[0].platform: expected one of ...`. */
export function formatConfigError(error: ConfigError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}
