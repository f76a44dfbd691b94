/**
 * The configuration file's parser: what it takes, where it says a field is wrong, and that it accepts exactly what
 * the JSON schema the extension contributes accepts (so VS Code's squiggles and the CLI agree).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, formatConfigError, parseConfig } from '../../../shared/src/config';
import { ALL_DIAGNOSTIC_CODES } from '../../../shared/src/diagnosticCodes';
import { PLATFORMS } from '../../../shared/src/settings';
import { PRODUCT_TYPES } from '../../../shared/src/target';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMA_PATH = path.join(ROOT, 'schemas', 'plist-sentinel.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { definitions: { severityMap: { properties: Record<string, unknown> } }; properties: { platform: { enum: string[] }; productType: { enum: string[] } } };

function errorsOf(text: string): string[] {
  return parseConfig(text).errors.map(formatConfigError);
}

const FULL = {
  $schema: './node_modules/plist-sentinel/schemas/plist-sentinel.schema.json',
  severity: { 'unknown-key': 'warning', 'managed-entitlement': 'off' },
  allowedKeys: ['com.example.mdm-key'],
  platform: 'iOS',
  productType: 'app',
  ignore: ['Pods/**', 'vendor/**'],
  overrides: [{ files: ['Watch/**'], platform: 'watchOS', productType: 'app', severity: { 'deprecated-key': 'off' }, allowedKeys: ['com.example.watch'] }],
};

describe('configuration file', () => {
  it('is named as ESLint and SwiftLint users would guess', () => {
    assert.equal(CONFIG_FILE_NAME, '.plist-sentinel.json');
  });

  it('reads every field', () => {
    const { config, errors } = parseConfig(JSON.stringify(FULL));
    assert.deepEqual(errors, []);
    assert.deepEqual(config, {
      severity: { 'unknown-key': 'warning', 'managed-entitlement': 'off' },
      allowedKeys: ['com.example.mdm-key'],
      platform: 'iOS',
      productType: 'app',
      ignore: ['Pods/**', 'vendor/**'],
      overrides: [{ files: ['Watch/**'], platform: 'watchOS', productType: 'app', severity: { 'deprecated-key': 'off' }, allowedKeys: ['com.example.watch'] }],
    });
  });

  it('takes an empty object, and a byte-order mark', () => {
    assert.deepEqual(parseConfig('\uFEFF{}'), { config: EMPTY_CONFIG, errors: [] });
  });

  it('says where the JSON is broken', () => {
    const [error] = errorsOf('{ "severity": { "unknown-key": "warning", } }');
    assert.match(error ?? '', /^not valid JSON: .*position \d+/);
    assert.deepEqual(errorsOf('[]'), ['expected an object, not an array']);
  });

  it('names unknown fields with the path to them, and keeps the rest', () => {
    const { config, errors } = parseConfig(JSON.stringify({ severity: { 'unknown-key': 'off' }, allowedKey: ['x'], overrides: [{ files: ['A/**'], platfrom: 'iOS' }] }));
    assert.deepEqual(errors.map(formatConfigError), [
      "allowedKey: unknown field 'allowedKey'; expected severity, allowedKeys, platform, productType, ignore, overrides",
      "overrides[0].platfrom: unknown field 'platfrom'; expected files, severity, allowedKeys, platform, productType",
    ]);
    assert.deepEqual(config.severity, { 'unknown-key': 'off' });
    assert.deepEqual(config.overrides, [{ files: ['A/**'] }]);
  });

  it('names wrong types and values precisely', () => {
    assert.deepEqual(errorsOf(JSON.stringify({ severity: { 'unknown-keys': 'off', 'unknown-key': 'loud', 'duplicate-key': 2 }, allowedKeys: 'x', platform: 'ios', productType: 'framework', ignore: ['Pods/**', 3] })), [
      "severity.unknown-keys: unknown diagnostic code 'unknown-keys'",
      "severity.unknown-key: expected one of error, warning, information, hint, off, not 'loud'",
      'severity.duplicate-key: expected one of error, warning, information, hint, off, not number 2',
      "allowedKeys: expected an array of strings, not 'x'",
      `platform: expected one of ${PLATFORMS.join(', ')}, not 'ios'`,
      `productType: expected one of ${PRODUCT_TYPES.join(', ')}, not 'framework'`,
      'ignore[1]: expected a non-empty string, not number 3',
    ]);
  });

  it('wants files in every override', () => {
    assert.deepEqual(errorsOf(JSON.stringify({ overrides: [{ platform: 'iOS' }, { files: [] }, 'x'] })), [
      'overrides[0].files: an override needs "files": the globs it applies to',
      'overrides[1].files: an override needs "files": the globs it applies to',
      "overrides[2]: expected an object with \"files\", not 'x'",
    ]);
  });

  describe('schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);

    it('lists every diagnostic code, platform and product type', () => {
      assert.deepEqual(Object.keys(schema.definitions.severityMap.properties).sort(), [...ALL_DIAGNOSTIC_CODES].sort());
      assert.deepEqual(schema.properties.platform.enum, PLATFORMS);
      assert.deepEqual(schema.properties.productType.enum, PRODUCT_TYPES);
    });

    it('accepts and rejects what the parser does', () => {
      const samples: unknown[] = [
        FULL,
        {},
        { severity: { 'unknown-keys': 'off' } },
        { severity: { 'unknown-key': 'loud' } },
        { allowedKey: [] },
        { allowedKeys: 'x' },
        { platform: 'ios' },
        { productType: 'framework' },
        { ignore: [''] },
        { overrides: [{ platform: 'iOS' }] },
        { overrides: [{ files: [] }] },
        { overrides: [{ files: ['A/**'], platfrom: 'iOS' }] },
        { overrides: [{ files: ['A/**'], severity: { 'invalid-value': 'hint' } }] },
        [],
      ];
      for (const sample of samples) {
        const parserAccepts = parseConfig(JSON.stringify(sample)).errors.length === 0;
        assert.equal(validate(sample), parserAccepts, JSON.stringify(sample));
      }
    });

    it('is contributed to VS Code for the file, and packed', () => {
      const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[]; contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
      assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: CONFIG_FILE_NAME, url: './schemas/plist-sentinel.schema.json' }]);
      assert.ok(manifest.files.includes('schemas/'));
    });
  });
});
