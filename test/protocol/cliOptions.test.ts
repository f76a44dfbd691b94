/**
 * The `check` command's conventions, borrowed from ESLint and SwiftLint: help and version, --quiet, --max-warnings,
 * -o, colour, hints shown only when asked, GitHub annotations, globs with braces, negation and --ignore, and exit 2
 * for an input it cannot check. The real executable in a small workspace of its own.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BIN } from './lspClient';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';
const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const ESCAPE = '\u001b[';

/** App/ holds an error, a warning and a hint; Vendor/ and Widget/ an error each; Settings.bundle a plist of neither kind. */
function workspace(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-options-'));
  const write = (file: string, body: string) => {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), `${HEADER}<dict>\n${body}</dict>\n</plist>\n`);
  };
  const hallucinated = '\t<key>com.apple.developer.push-notifications</key>\n\t<string>development</string>\n';
  write('App/App.entitlements', hallucinated);
  write('App/Info.plist', '\t<key>NSCameraUsageDescriptions</key>\n\t<string>x</string>\n\t<key>NSLocationAlwaysUsageDescription</key>\n\t<string>Track runs</string>\n');
  write('Widget/Widget.entitlements', hallucinated);
  write('Vendor/Lib/Lib.entitlements', hallucinated);
  write('Settings.bundle/Root.plist', '\t<key>PreferenceSpecifiers</key>\n\t<array/>\n\t<key>StringsTable</key>\n\t<string>Root</string>\n');
  return folder;
}

const FOLDER = workspace();

function run(args: readonly string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: FOLDER, env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function check(...args: string[]) {
  return run(['check', ...args]);
}

/** The `path code` pairs of the text report. */
function findings(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(.+?):\d+:\d+: (\w+) ([a-z-]+) /.exec(line);
      assert.ok(match !== null, line);
      return `${match[1] ?? ''} ${match[2] ?? ''} ${match[3] ?? ''}`;
    });
}

describe('check command options', () => {
  describe('-h/--help and -v/--version', () => {
    it('prints every option for check --help, -h and the bare --help, and exits 0', () => {
      for (const args of [['check', '--help'], ['check', '-h'], ['--help'], ['-h']]) {
        const { status, stdout } = run(args);
        assert.equal(status, 0, args.join(' '));
        for (const option of ['--format', '--output', '--quiet', '--hints', '--color', '--no-color', '--fail-on', '--max-warnings', '--ignore', '--platform', '--product-type', '--profile', '--baseline', '--write-baseline', '--sarif-base', '--version', 'github', 'visionOS', 'app-clip']) {
          assert.ok(stdout.includes(option), `${args.join(' ')} lists ${option}`);
        }
      }
    });

    it('prints the package version for -v, --version and check --version', () => {
      for (const args of [['-v'], ['--version'], ['check', '--version'], ['check', '-v']]) {
        const { status, stdout } = run(args);
        assert.equal(status, 0, args.join(' '));
        assert.equal(stdout, `${VERSION}\n`);
      }
    });

    it('documents every option of --help in docs/cli.md', () => {
      const help = run(['check', '--help']).stdout;
      const documented = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
      const options = [...new Set(help.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? [])];
      assert.ok(options.length > 20, options.join(' '));
      for (const option of options) assert.match(documented, new RegExp(`(?<![\\w-])${option}(?![\\w-])`), `docs/cli.md documents ${option}`);
    });

    it('names an unknown option in one line and points at --help, exit 2', () => {
      const { status, stderr } = check('--frobnicate');
      assert.equal(status, 2);
      assert.match(stderr, /unknown option '--frobnicate'/);
      assert.match(stderr, /plist-sentinel check --help/);
    });
  });

  describe('hints', () => {
    it('counts hints in the summary but leaves them out of the text report', () => {
      const { status, stdout, stderr } = check('App');
      assert.equal(status, 1);
      assert.deepEqual(findings(stdout), ['App/App.entitlements error hallucinated-key', 'App/Info.plist warning unknown-key']);
      assert.match(stderr, /2 files checked: 1 error, 1 warning, 1 hint not shown \(--hints shows them\)/);
    });

    it('shows them with --hints', () => {
      const { stdout, stderr } = check('--hints', 'App');
      assert.deepEqual(findings(stdout), ['App/App.entitlements error hallucinated-key', 'App/Info.plist warning unknown-key', 'App/Info.plist hint deprecated-key']);
      assert.match(stderr, /2 files checked: 1 error, 1 warning, 1 hint\n/);
    });

    it('keeps them in json, whose readers filter for themselves', () => {
      const report = JSON.parse(check('--format', 'json', 'App/Info.plist').stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
      assert.deepEqual(report.files[0]?.diagnostics.map((diagnostic) => diagnostic.code), ['unknown-key', 'deprecated-key']);
    });
  });

  describe('--quiet', () => {
    it('reports errors only, in text and json, and the summary says so', () => {
      const { status, stdout, stderr } = check('-q', 'App');
      assert.equal(status, 1);
      assert.deepEqual(findings(stdout), ['App/App.entitlements error hallucinated-key']);
      assert.match(stderr, /2 files checked: 1 error, 0 warnings\n/);
      const report = JSON.parse(check('--quiet', '--format', 'json', 'App').stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
      assert.deepEqual(report.files.flatMap((file) => file.diagnostics.map((diagnostic) => diagnostic.code)), ['hallucinated-key']);
    });

    it('leaves warnings out of --fail-on and --max-warnings too', () => {
      assert.equal(check('--fail-on', 'warning', 'App/Info.plist').status, 1);
      assert.equal(check('--quiet', '--fail-on', 'warning', 'App/Info.plist').status, 0);
      assert.equal(check('--quiet', '--max-warnings', '0', 'App/Info.plist').status, 0);
    });
  });

  describe('--max-warnings', () => {
    it('exits 1 when the warnings pass the limit, and says so', () => {
      assert.equal(check('--max-warnings', '1', 'App/Info.plist').status, 0);
      const over = check('--max-warnings', '0', 'App/Info.plist');
      assert.equal(over.status, 1);
      assert.match(over.stderr, /1 warning found, more than --max-warnings 0 allows/);
    });

    it('rejects a value that is not a whole number, exit 2', () => {
      for (const value of ['-1', 'many', '1.5']) assert.equal(check(`--max-warnings=${value}`, 'App').status, 2, value);
    });
  });

  describe('-o/--output', () => {
    it('writes the report to the file and only the summary to stderr', () => {
      const { status, stdout, stderr } = check('-o', 'report.txt', 'App');
      assert.equal(status, 1);
      assert.equal(stdout, '');
      assert.deepEqual(findings(readFileSync(path.join(FOLDER, 'report.txt'), 'utf8')), ['App/App.entitlements error hallucinated-key', 'App/Info.plist warning unknown-key']);
      assert.match(stderr, /2 files checked/);
    });

    it('writes any format, without colour even when forced by the environment', () => {
      assert.equal(run(['check', '--output=report.sarif', '--format', 'sarif', 'App'], { FORCE_COLOR: '1' }).stdout, '');
      assert.equal((JSON.parse(readFileSync(path.join(FOLDER, 'report.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
      run(['check', '-o', 'forced.txt', 'App'], { FORCE_COLOR: '1' });
      assert.ok(!readFileSync(path.join(FOLDER, 'forced.txt'), 'utf8').includes(ESCAPE));
    });

    it('exits 2 when the file cannot be written', () => {
      const { status, stderr } = check('-o', path.join('no', 'such', 'folder', 'report.txt'), 'App');
      assert.equal(status, 2);
      assert.match(stderr, /cannot write the report/);
    });
  });

  describe('colour', () => {
    it('is off in a pipe, on with FORCE_COLOR or --color, off with NO_COLOR, FORCE_COLOR=0 or --no-color', () => {
      const colored = (args: string[], env: Record<string, string> = {}) => run(['check', ...args, 'App'], env).stdout.includes(ESCAPE);
      assert.equal(colored([]), false);
      assert.equal(colored([], { FORCE_COLOR: '1' }), true);
      assert.equal(colored(['--color']), true);
      assert.equal(colored([], { NO_COLOR: '1' }), false);
      assert.equal(colored([], { FORCE_COLOR: '0' }), false);
      assert.equal(colored(['--no-color'], { FORCE_COLOR: '1' }), false);
      assert.equal(colored(['--color'], { NO_COLOR: '1' }), true);
    });

    it('colours the severity and nothing that a reader parses', () => {
      const line = run(['check', '--color', 'App/App.entitlements']).stdout.split('\n')[0] ?? '';
      assert.match(line, /^App\/App\.entitlements:5:7: \u001b\[31merror\u001b\[39m \u001b\[2mhallucinated-key\u001b\[22m /);
      assert.ok(!check('--color', '--format', 'json', 'App').stdout.includes(ESCAPE));
    });
  });

  describe('--format github', () => {
    it('writes one workflow command per finding, with its position and code, hints left out', () => {
      const { status, stdout, stderr } = check('--format', 'github', 'App');
      assert.equal(status, 1);
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 2, stdout);
      assert.match(lines[0] ?? '', /^::error file=App\/App\.entitlements,line=5,col=7,endLine=5,endColumn=45,title=hallucinated-key::'com\.apple\.developer\.push-notifications' is not a real key/);
      assert.match(lines[1] ?? '', /^::warning file=App\/Info\.plist,line=5,col=7,endLine=5,endColumn=32,title=unknown-key::Unknown Info\.plist key/);
      assert.match(stderr, /1 hint not shown/);
      assert.match(check('--format', 'github', '--hints', 'App/Info.plist').stdout, /^::notice file=App\/Info\.plist,line=7,.*title=deprecated-key::/m);
    });
  });

  describe('paths: braces, negation and --ignore', () => {
    it('expands braces', () => {
      const { stdout } = check('--format', 'json', '{App,Widget}/*.entitlements');
      const report = JSON.parse(stdout) as { files: Array<{ path: string }> };
      assert.deepEqual(report.files.map((file) => file.path).sort(), ['App/App.entitlements', 'Widget/Widget.entitlements']);
    });

    it('leaves out what a !pattern matches', () => {
      const { stdout } = check('**/*.entitlements', '!Vendor/**');
      assert.deepEqual(findings(stdout), ['App/App.entitlements error hallucinated-key', 'Widget/Widget.entitlements error hallucinated-key']);
      assert.deepEqual(findings(check('!Vendor', '!App').stdout), ['Widget/Widget.entitlements error hallucinated-key']);
    });

    it('leaves out files and folders matching --ignore, repeatable, also as --ignore-pattern', () => {
      assert.deepEqual(findings(check('--ignore', 'Vendor').stdout).filter((line) => line.includes('error')), ['App/App.entitlements error hallucinated-key', 'Widget/Widget.entitlements error hallucinated-key']);
      assert.deepEqual(findings(check('--ignore', '**/Lib/**', '--ignore-pattern', 'App/', '.').stdout), ['Widget/Widget.entitlements error hallucinated-key']);
      assert.deepEqual(findings(check('--ignore', '**/*.entitlements', '**/*.entitlements').stdout), []);
    });

    it('takes an existing path literally even when it reads as a glob', () => {
      const folder = path.join(FOLDER, 'My App (Beta)');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'Beta.entitlements'), readFileSync(path.join(FOLDER, 'App', 'App.entitlements')));
      assert.deepEqual(findings(check('My App (Beta)/Beta.entitlements').stdout), ['My App (Beta)/Beta.entitlements error hallucinated-key']);
    });
  });

  describe('inputs it cannot check', () => {
    it('exits 2 for an .ipa that is no zip, saying so, and checks the rest (real ones: cliArchives.test.ts)', () => {
      writeFileSync(path.join(FOLDER, 'My.ipa'), Buffer.from('PK\u0003\u0004 an archive'));
      const { status, stdout, stderr } = check('My.ipa', 'Widget');
      assert.equal(status, 2);
      assert.match(stderr, /My\.ipa: cannot check this \.ipa: not a readable zip archive/);
      assert.deepEqual(findings(stdout), ['Widget/Widget.entitlements error hallucinated-key']);
    });

    it('exits 2 for a named file of neither kind, which used to be skipped with exit 0', () => {
      const { status, stderr } = check('Settings.bundle/Root.plist');
      assert.equal(status, 2);
      assert.match(stderr, /Settings\.bundle\/Root\.plist: cannot check it: neither an \.entitlements nor an Info\.plist file/);
    });

    it('skips with a note a file of neither kind that a glob matched', () => {
      const { status, stderr } = check('**/*.plist');
      assert.equal(status, 0);
      assert.match(stderr, /Settings\.bundle\/Root\.plist: neither an \.entitlements nor an Info\.plist file; skipped/);
    });
  });
});
