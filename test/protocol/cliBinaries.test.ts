/**
 * The `check` command on what a build produces: binary plists, Mach-O binaries (thin and universal) and their
 * code-signed entitlements, and whole `.app` / `.appex` bundles in the macOS and iOS layouts.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { convertBinaryPlist } from '../../server/src/service/plist/binaryPlist';
import { binaryPlist, CPU, fatMachO, machO } from '../builders/appleBinaries';
import { BIN } from './lspClient';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function entitlements(body: string): string {
  return `${HEADER}<dict>\n${body}</dict>\n</plist>\n`;
}

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function tempFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'plist-sentinel-binaries-'));
}

interface JsonReport {
  files: Array<{ path: string; fileKind: string; view: string; architecture?: string; diagnostics: Array<{ code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }>;
}

function report(cwd: string, ...args: string[]): { status: number | null; report: JsonReport; stderr: string } {
  const result = run(cwd, '--format', 'json', ...args);
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

function codesByFile(json: JsonReport): Record<string, string[]> {
  return Object.fromEntries(json.files.map((file) => [file.architecture === undefined ? file.path : `${file.path} (${file.architecture})`, file.diagnostics.map((diagnostic) => diagnostic.code).sort()]));
}

const HALLUCINATED = entitlements('\t<key>com.apple.developer.push-notifications</key>\n\t<true/>\n');

describe('check on build products', () => {
  describe('binary plists', () => {
    it('converts a binary Info.plist to XML and reports positions in that XML', () => {
      const folder = tempFolder();
      const bytes = binaryPlist({ CFBundleIdentifier: 'com.example.app', NSCameraUsageDescriptions: 'To scan codes', CFBundleName: 'Example' });
      write(path.join(folder, 'Info.plist'), bytes);
      const { status, report: json } = report(folder);
      assert.equal(status, 0);
      const [file] = json.files;
      assert.equal(file?.view, 'binary-plist');
      assert.equal(file?.fileKind, 'infoPlist');
      const [diagnostic] = file?.diagnostics ?? [];
      assert.equal(diagnostic?.code, 'unknown-key');
      const conversion = convertBinaryPlist(bytes);
      assert.ok('xml' in conversion);
      const line = conversion.xml.split('\n')[diagnostic?.range.start.line ?? 0] ?? '';
      assert.equal(line.slice(diagnostic?.range.start.character, diagnostic?.range.end.character), 'NSCameraUsageDescriptions');

      const text = run(folder, '--fail-on', 'warning');
      assert.equal(text.status, 1);
      assert.match(text.stdout, /^Info\.plist:\d+:\d+: warning unknown-key /);
      assert.match(text.stderr, /Info\.plist: a binary property list: lines and columns refer to its XML form, as plutil -convert xml1 writes it/);
    });

    it('exits 2 with a clear message for a binary plist it cannot read', () => {
      const folder = tempFolder();
      write(path.join(folder, 'Info.plist'), Buffer.from('bplist00\u00d1\u0001\u0002', 'latin1'));
      const { status, stderr } = run(folder, 'Info.plist');
      assert.equal(status, 2);
      assert.match(stderr, /Info\.plist: cannot read this binary property list \(the file is too short/);
    });
  });

  describe('Mach-O binaries', () => {
    it('checks the entitlements a thin binary was signed with', () => {
      const folder = tempFolder();
      write(path.join(folder, 'MyTool'), machO({ entitlements: HALLUCINATED }));
      const { status, report: json } = report(folder, 'MyTool');
      assert.equal(status, 1);
      assert.deepEqual(json.files.map((file) => [file.path, file.fileKind, file.view]), [['MyTool', 'entitlements', 'code-signature']]);
      assert.deepEqual(codesByFile(json), { MyTool: ['hallucinated-key'] });
      const text = run(folder, 'MyTool');
      assert.match(text.stdout, /^MyTool:5:7: error hallucinated-key /);
      assert.match(text.stderr, /MyTool: the entitlements in its code signature/);
    });

    it('checks each slice of a universal binary once, naming slices only when they differ', () => {
      const folder = tempFolder();
      const same = fatMachO([
        { cpu: CPU.x86_64, binary: machO({ cpu: CPU.x86_64, entitlements: HALLUCINATED }) },
        { cpu: CPU.arm64, binary: machO({ entitlements: HALLUCINATED }) },
      ]);
      write(path.join(folder, 'Same'), same);
      const different = fatMachO([
        { cpu: CPU.x86_64, binary: machO({ cpu: CPU.x86_64, entitlements: HALLUCINATED }) },
        { cpu: CPU.arm64, binary: machO({ entitlements: entitlements('\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n') }) },
      ]);
      write(path.join(folder, 'Different'), different);
      assert.deepEqual(codesByFile(report(folder, 'Same', 'Different').report), {
        Same: ['hallucinated-key'],
        'Different (x86_64)': ['hallucinated-key'],
        'Different (arm64)': ['unknown-key'],
      });
      assert.match(run(folder, 'Different').stdout, /^Different \(arm64\):5:7: error unknown-key /m);
    });

    it('checks a universal binary of more than 30 slices instead of skipping it', () => {
      const folder = tempFolder();
      write(path.join(folder, 'Many'), fatMachO(Array.from({ length: 40 }, () => ({ cpu: CPU.arm64, binary: machO({ entitlements: HALLUCINATED }) }))));
      assert.deepEqual(codesByFile(report(folder, 'Many').report), { Many: ['hallucinated-key'] });
    });

    it('says when a binary has no entitlements, without failing', () => {
      const folder = tempFolder();
      write(path.join(folder, 'Unsigned'), machO());
      write(path.join(folder, 'AdHoc'), machO({ entitlements: null }));
      const { status, stderr } = run(folder, 'Unsigned', 'AdHoc');
      assert.equal(status, 0);
      assert.match(stderr, /Unsigned: not signed; no entitlements to check/);
      assert.match(stderr, /AdHoc: signed without entitlements; no entitlements to check/);
    });

    it('exits 2 for a binary whose signature cannot be read', () => {
      const folder = tempFolder();
      const binary = machO({ entitlements: HALLUCINATED });
      binary.writeUInt32LE(0xfffffff0, 32 + 24 + 8);
      write(path.join(folder, 'Broken'), binary);
      const { status, stderr } = run(folder, 'Broken');
      assert.equal(status, 2);
      assert.match(stderr, /Broken \(arm64\): cannot read the code signature \(the code signature lies outside the file\)/);
    });
  });

  describe('bundles', () => {
    /** A macOS app whose push entitlement has the iOS name, with a widget whose sandbox key has a typo. */
    function macApp(folder: string): string {
      const app = path.join(folder, 'Build', 'Mac.app');
      write(path.join(app, 'Contents', 'Info.plist'), binaryPlist({ CFBundleExecutable: 'Mac', CFBundleIdentifier: 'com.example.mac', CFBundleSupportedPlatforms: ['MacOSX'], LSMinimumSystemVersion: '13.0' }));
      write(path.join(app, 'Contents', 'MacOS', 'Mac'), machO({ cpu: CPU.arm64, entitlements: entitlements('\t<key>aps-environment</key>\n\t<string>production</string>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n') }));
      const widget = path.join(app, 'Contents', 'PlugIns', 'Widget.appex');
      write(path.join(widget, 'Contents', 'Info.plist'), binaryPlist({ CFBundleExecutable: 'Widget', CFBundleIdentifier: 'com.example.mac.widget', CFBundleSupportedPlatforms: ['MacOSX'] }));
      write(path.join(widget, 'Contents', 'MacOS', 'Widget'), machO({ entitlements: entitlements('\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n') }));
      return app;
    }

    it('checks a macOS .app: its Info.plist, its signed entitlements, on the platform it was built for, and its extensions', () => {
      const folder = tempFolder();
      macApp(folder);
      const { status, report: json } = report(folder, 'Build/Mac.app');
      assert.equal(status, 1);
      const contents = path.join('Build', 'Mac.app', 'Contents');
      const widget = path.join(contents, 'PlugIns', 'Widget.appex', 'Contents');
      assert.deepEqual(codesByFile(json), {
        [path.join(contents, 'Info.plist')]: [],
        [path.join(contents, 'MacOS', 'Mac')]: ['platform-mismatch'],
        [path.join(widget, 'Info.plist')]: [],
        [path.join(widget, 'MacOS', 'Widget')]: ['unknown-key'],
      });
      assert.deepEqual(json.files.map((file) => file.view), ['binary-plist', 'code-signature', 'binary-plist', 'code-signature']);
    });

    it('pairs an iOS .app\'s entitlements with its Info.plist', () => {
      const folder = tempFolder();
      const app = path.join(folder, 'Phone.app');
      write(path.join(app, 'Info.plist'), `${HEADER}<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>Phone</string>\n\t<key>CFBundleSupportedPlatforms</key>\n\t<array>\n\t\t<string>iPhoneOS</string>\n\t</array>\n</dict>\n</plist>\n`);
      write(path.join(app, 'Phone'), machO({ entitlements: entitlements('\t<key>com.apple.developer.healthkit</key>\n\t<true/>\n') }));
      const { report: json } = report(folder, 'Phone.app');
      const codes = codesByFile(json);
      assert.deepEqual(Object.keys(codes), [path.join('Phone.app', 'Info.plist'), path.join('Phone.app', 'Phone')]);
      assert.ok(Object.values(codes).flat().includes('missing-companion'), JSON.stringify(codes));
    });

    it('finds bundles while walking a folder, and SARIF says where positions point', () => {
      const folder = tempFolder();
      macApp(folder);
      const { stdout } = run(folder, '--format', 'sarif', '.');
      const log = JSON.parse(stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ message?: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
      const schema = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
      const ajv = new Ajv04({ strict: false });
      addFormats(ajv);
      assert.ok(ajv.validate(schema, log), JSON.stringify(ajv.errors));
      const results = log.runs[0]?.results ?? [];
      assert.deepEqual(results.map((result) => result.ruleId).sort(), ['platform-mismatch', 'unknown-key']);
      const location = results.find((result) => result.ruleId === 'unknown-key')?.locations[0];
      assert.equal(location?.physicalLocation.artifactLocation.uri, 'Build/Mac.app/Contents/PlugIns/Widget.appex/Contents/MacOS/Widget');
      assert.match(location?.message?.text ?? '', /^Widget: the entitlements in its code signature/);
    });

    it('walks a source folder that only looks like a bundle', () => {
      const folder = tempFolder();
      write(path.join(folder, 'Sources.app', 'App.entitlements'), HALLUCINATED);
      assert.deepEqual(codesByFile(report(folder, 'Sources.app').report), { [path.join('Sources.app', 'App.entitlements')]: ['hallucinated-key'] });
      assert.deepEqual(codesByFile(report(folder).report), { [path.join('Sources.app', 'App.entitlements')]: ['hallucinated-key'] });
    });

    it('exits 2 when a bundle\'s executable is missing', () => {
      const folder = tempFolder();
      write(path.join(folder, 'Empty.app', 'Info.plist'), `${HEADER}<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>Empty</string>\n</dict>\n</plist>\n`);
      const { status, stderr } = run(folder, 'Empty.app');
      assert.equal(status, 2);
      assert.match(stderr, /Empty\.app[\\/]Empty: cannot read/);
    });
  });
});
