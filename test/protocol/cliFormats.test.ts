/**
 * The `check` command's output formats against what reads them (SARIF against the official 2.1.0 schema and GitHub
 * code scanning's needs, JSON against its published schema), `--fail-on` exit codes, and baselines.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ALL_DIAGNOSTIC_CODES, docsUrlOf } from '../../shared/src/diagnosticCodes';
import { BIN } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'test', 'fixtures', 'example-workspace');
const SARIF_SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const REPORT_SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'check-report.schema.json'), 'utf8')) as object;
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the example workspace to change freely. */
function workspace(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-formats-'));
  cpSync(EXAMPLE, folder, { recursive: true });
  return folder;
}

function writePlist(file: string, body: string): void {
  writeFileSync(file, `${HEADER}<dict>\n${body}</dict>\n</plist>\n`);
}

function validator(schema: object, draft04 = false) {
  const ajv = draft04 ? new Ajv04({ allErrors: true, strict: false }) : new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data: unknown) => {
    const isValid = validate(data);
    assert.ok(isValid, JSON.stringify(validate.errors, null, 2));
  };
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }> } };
    columnKind: string;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

interface JsonReport {
  files: Array<{ path: string; view: string; diagnostics: Array<{ code: string; severity: number; fingerprint: string; range: { start: { line: number } } }> }>;
}

describe('check output formats', () => {
  describe('--format sarif', () => {
    const validateSarif = validator(SARIF_SCHEMA, true);

    it('is valid against the official SARIF 2.1.0 schema', () => {
      const { status, stdout } = run(EXAMPLE, '--format', 'sarif');
      assert.equal(status, 1);
      const log = JSON.parse(stdout) as SarifLog;
      validateSarif(log);
      assert.equal(log.runs.length, 1);
      assert.equal(log.runs[0]?.results.length, 4);
    });

    it('is checked by a validator that rejects what GitHub would reject', () => {
      const log = JSON.parse(run(EXAMPLE, '--format', 'sarif').stdout) as SarifLog;
      // Errata 01 requires a region to say where it starts; the pre-standard drafts did not.
      log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region = { endLine: 3 } as never;
      assert.throws(() => validateSarif(log), /startLine/);
    });

    it('describes every diagnostic code as a rule with a help link and a default level', () => {
      const log = JSON.parse(run(EXAMPLE, '--format', 'sarif').stdout) as SarifLog;
      const driver = log.runs[0]!.tool.driver;
      assert.equal(driver.name, 'plist-sentinel');
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
      assert.equal(driver.version, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
      assert.deepEqual(driver.rules.map((rule) => rule.id), ALL_DIAGNOSTIC_CODES);
      for (const rule of driver.rules) {
        assert.equal(rule.helpUri, docsUrlOf(rule.id as (typeof ALL_DIAGNOSTIC_CODES)[number]));
        assert.ok(rule.shortDescription.text.length > 0 && rule.shortDescription.text.length <= rule.fullDescription.text.length);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
    });

    it('gives each result what GitHub code scanning needs: rule, level, message, relative location, region, fingerprint', () => {
      const log = JSON.parse(run(ROOT, '--format', 'sarif', 'test/fixtures/example-workspace').stdout) as SarifLog;
      const sarifRun = log.runs[0]!;
      assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
      const byRule = new Map(sarifRun.results.map((result) => [result.ruleId, result]));
      const hallucinated = byRule.get('hallucinated-key')!;
      assert.equal(hallucinated.level, 'error');
      assert.equal(sarifRun.tool.driver.rules[hallucinated.ruleIndex]?.id, 'hallucinated-key');
      assert.deepEqual(hallucinated.locations[0]?.physicalLocation, {
        artifactLocation: { uri: 'test/fixtures/example-workspace/MyApp/MyApp.entitlements', uriBaseId: '%SRCROOT%' },
        region: { startLine: 5, startColumn: 7, endLine: 5, endColumn: 45 },
      });
      assert.equal(byRule.get('unknown-key')?.level, 'error');
      for (const result of sarifRun.results) assert.match(result.partialFingerprints['plistSentinel/v1'] ?? '', /^[0-9a-f]{32}$/);
    });

    it('makes locations relative to --sarif-base', () => {
      const log = JSON.parse(run(ROOT, '--format', 'sarif', '--sarif-base', 'test/fixtures', 'test/fixtures/example-workspace/MyApp/MyApp.entitlements').stdout) as SarifLog;
      assert.equal(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, 'example-workspace/MyApp/MyApp.entitlements');
    });

    it('counts columns in UTF-16 code units, and levels information as note', () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-utf16-'));
      writePlist(path.join(folder, 'App.entitlements'), '\t<key>com.apple.security.application-groups</key><array><string>group.😀</string></array><key>com.apple.developer.sensorkit.reader.allow</key><array/>\n');
      const log = JSON.parse(run(folder, '--format', 'sarif').stdout) as SarifLog;
      validateSarif(log);
      const managed = log.runs[0]!.results.find((result) => result.ruleId === 'managed-entitlement');
      assert.equal(managed?.level, 'note');
      const line = readFileSync(path.join(folder, 'App.entitlements'), 'utf8').split('\n')[4] ?? '';
      const keyOffset = line.indexOf('com.apple.developer.sensorkit');
      // `😀` before the key is one code point but two UTF-16 code units, and SARIF counts code units here.
      assert.equal(keyOffset + 1, [...line.slice(0, keyOffset)].length + 2);
      const length = 'com.apple.developer.sensorkit.reader.allow'.length;
      assert.deepEqual(managed?.locations[0]?.physicalLocation.region, { startLine: 5, startColumn: keyOffset + 1, endLine: 5, endColumn: keyOffset + 1 + length });
    });

    it('keeps fingerprints when lines move, so GitHub does not open the same alert again', () => {
      const folder = workspace();
      const before = JSON.parse(run(folder, '--format', 'sarif').stdout) as SarifLog;
      const file = path.join(folder, 'MyApp', 'MyApp.entitlements');
      writeFileSync(file, readFileSync(file, 'utf8').replace('<dict>', '<dict>\n\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>'));
      const after = JSON.parse(run(folder, '--format', 'sarif').stdout) as SarifLog;
      const fingerprints = (log: SarifLog) => log.runs[0]!.results.map((result) => result.partialFingerprints['plistSentinel/v1']).sort();
      assert.deepEqual(fingerprints(after), fingerprints(before));
      const lines = (log: SarifLog) => log.runs[0]!.results.map((result) => result.locations[0]?.physicalLocation.region.startLine).sort();
      assert.notDeepEqual(lines(after), lines(before));
    });
  });

  describe('--format json', () => {
    it('is valid against docs/check-report.schema.json, with LSP diagnostics and fingerprints', () => {
      const validateReport = validator(REPORT_SCHEMA);
      const { status, stdout } = run(EXAMPLE, '--format', 'json');
      assert.equal(status, 1);
      const report = JSON.parse(stdout) as JsonReport;
      validateReport(report);
      assert.deepEqual(report.files.map((file) => file.path).sort(), ['MyApp/Info.plist', 'MyApp/MyApp.entitlements', 'MyAppWidget/MyAppWidget.entitlements']);
      assert.ok(report.files.every((file) => file.view === 'text'));
    });
  });

  describe('--fail-on', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-fail-on-'));
      writePlist(path.join(folder, 'Warning.entitlements'), '\t<key>com.apple.private.security.no-sandbox</key>\n\t<true/>\n');
      writePlist(path.join(folder, 'Information.entitlements'), '\t<key>com.apple.developer.sensorkit.reader.allow</key>\n\t<array/>\n');
      writePlist(path.join(folder, 'Error.entitlements'), '\t<key>com.apple.developer.push-notifications</key>\n\t<true/>\n');
    });

    const cases: Array<[string, string, number]> = [
      ['Error.entitlements', 'error', 1],
      ['Warning.entitlements', 'error', 0],
      ['Warning.entitlements', 'warning', 1],
      ['Information.entitlements', 'warning', 0],
      ['Information.entitlements', 'info', 1],
      ['Error.entitlements', 'none', 0],
    ];
    for (const [file, level, expected] of cases) {
      it(`exits ${expected} for ${file} with --fail-on ${level}`, () => {
        assert.equal(run(folder, '--fail-on', level, file).status, expected);
      });
    }

    it('defaults to error, and rejects an unknown level with exit 2', () => {
      assert.equal(run(folder, 'Warning.entitlements').status, 0);
      assert.equal(run(folder, 'Error.entitlements').status, 1);
      const bad = run(folder, '--fail-on', 'hint', 'Error.entitlements');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--fail-on must be error, warning, info or none/);
    });

    it('exits 2 for an unreadable path even when the rest is clean', () => {
      assert.equal(run(folder, '--fail-on', 'none', 'Error.entitlements', 'missing.entitlements').status, 2);
    });
  });

  describe('--baseline', () => {
    it('round trips: written, nothing new; a moved line, nothing new; a new mistake, only it', () => {
      const folder = workspace();
      const written = run(folder, '--write-baseline', 'plist-sentinel-baseline.json');
      assert.equal(written.status, 0);
      assert.equal(written.stdout, '');
      assert.match(written.stderr, /wrote 4 findings to plist-sentinel-baseline.json/);
      const baseline = JSON.parse(readFileSync(path.join(folder, 'plist-sentinel-baseline.json'), 'utf8')) as { findings: Array<{ path: string; code: string; text: string }> };
      assert.ok(baseline.findings.some((finding) => finding.path === 'MyApp/MyApp.entitlements' && finding.code === 'hallucinated-key' && finding.text === 'com.apple.developer.push-notifications'));

      const clean = run(folder, '--baseline', 'plist-sentinel-baseline.json');
      assert.equal(clean.status, 0);
      assert.equal(clean.stdout, '');
      assert.match(clean.stderr, /4 findings in the baseline not shown/);

      const file = path.join(folder, 'MyApp', 'MyApp.entitlements');
      writeFileSync(file, readFileSync(file, 'utf8').replace('<dict>', '<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      assert.equal(run(folder, '--baseline', 'plist-sentinel-baseline.json').stdout, '');

      writeFileSync(file, readFileSync(file, 'utf8').replace('<dict>', '<dict>\n\t<key>com.apple.security.network.clients</key>\n\t<true/>'));
      const changed = run(folder, '--baseline', 'plist-sentinel-baseline.json', '--format', 'json');
      assert.equal(changed.status, 1);
      const report = JSON.parse(changed.stdout) as JsonReport & { baselined: number };
      assert.deepEqual(report.files.flatMap((entry) => entry.diagnostics.map((diagnostic) => diagnostic.code)), ['unknown-key']);
      assert.equal(report.baselined, 4);
    });

    it('works from another folder, because a written baseline keeps paths relative to itself', () => {
      const folder = workspace();
      assert.equal(run(folder, '--write-baseline', 'baseline.json').status, 0);
      const fromParent = run(path.dirname(folder), '--baseline', path.join(path.basename(folder), 'baseline.json'), path.basename(folder));
      assert.equal(fromParent.stdout, '');
      assert.equal(fromParent.status, 0);
    });

    it('accepts a JSON report or a SARIF log as the baseline', () => {
      const folder = workspace();
      writeFileSync(path.join(folder, 'report.json'), run(folder, '--format', 'json').stdout);
      writeFileSync(path.join(folder, 'report.sarif'), run(folder, '--format', 'sarif').stdout);
      for (const baseline of ['report.json', 'report.sarif']) {
        const result = run(folder, '--baseline', baseline);
        assert.equal(result.stdout, '', baseline);
        assert.equal(result.status, 0, baseline);
      }
    });

    it('exits 2 for a missing or malformed baseline', () => {
      const folder = workspace();
      writeFileSync(path.join(folder, 'broken.json'), '{"findings": ');
      writeFileSync(path.join(folder, 'other.json'), '{"name": "not a baseline"}');
      assert.match(run(folder, '--baseline', 'missing.json').stderr, /missing.json: cannot read the baseline/);
      for (const baseline of ['missing.json', 'broken.json', 'other.json']) assert.equal(run(folder, '--baseline', baseline).status, 2, baseline);
      assert.equal(run(folder, '--baseline').status, 2);
    });
  });
});
