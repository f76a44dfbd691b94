/**
 * The CI integrations at the top of the repository, run here as their hosts would run them.
 * action.yml: its shell steps' scripts are taken from the file and run with bash the way a runner does for
 * `shell: bash` (`bash --noprofile --norc -eo pipefail FILE`), with the env its `${{ }}` expressions would set and
 * the runner's GITHUB_OUTPUT, GITHUB_PATH and RUNNER_TEMP; the `uses:` steps (setup-node, upload-sarif) are
 * checked for shape only. .pre-commit-hooks.yaml: its `files` pattern picks the files of a git repository and its
 * `entry` runs on them, unquoted and without a shell, as pre-commit runs a hook.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BIN } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'test', 'fixtures', 'example-workspace');

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  types?: string[];
}

function readAction(): Action {
  return parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
}

function step(action: Action, name: string): ActionStep {
  const found = action.runs.steps.find((candidate) => candidate.name === name);
  assert.ok(found !== undefined, `a step named ${name}`);
  return found;
}

/** What a runner puts in the env of each step, and what the steps leave for the next ones. */
interface Runner {
  workspace: string;
  temp: string;
  actionPath: string;
  /** Folders added through GITHUB_PATH so far, newest first, as the runner prepends them. */
  paths: string[];
}

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Evaluates the few expression forms action.yml's env blocks use; anything else fails the test. */
function evaluate(expression: string, inputs: Record<string, string>, runner: Runner, outputs: Record<string, Record<string, string>>): string {
  return expression.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, inner: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(inner);
    if (input?.[1] !== undefined) return inputs[input[1]] ?? '';
    if (inner === 'github.action_path') return runner.actionPath;
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(inner);
    if (output?.[1] !== undefined && output[2] !== undefined) return outputs[output[1]]?.[output[2]] ?? '';
    assert.fail(`an expression this test does not evaluate: ${inner}`);
  });
}

/** Runs one `shell: bash` step as a runner does. */
function runStep(actionStep: ActionStep, inputs: Record<string, string>, runner: Runner, outputs: Record<string, Record<string, string>>): StepRun {
  assert.equal(actionStep.shell, 'bash');
  assert.ok(actionStep.run !== undefined);
  const folder = mkdtempSync(path.join(runner.temp, 'step-'));
  const script = path.join(folder, 'script.sh');
  const outputFile = path.join(folder, 'output');
  const pathFile = path.join(folder, 'path');
  writeFileSync(script, actionStep.run);
  writeFileSync(outputFile, '');
  writeFileSync(pathFile, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [...runner.paths, process.env.PATH ?? ''].join(path.delimiter),
    GITHUB_WORKSPACE: runner.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_PATH: pathFile,
    RUNNER_TEMP: runner.temp,
    npm_config_update_notifier: 'false',
  };
  for (const [name, value] of Object.entries(actionStep.env ?? {})) env[name] = evaluate(value, inputs, runner, outputs);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: runner.workspace, env, encoding: 'utf8' });
  runner.paths.unshift(...readFileSync(pathFile, 'utf8').split('\n').filter((line) => line !== '').reverse());
  const stepOutputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  if (actionStep.id !== undefined) outputs[actionStep.id] = stepOutputs;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs: stepOutputs };
}

function defaultsOf(action: Action, overrides: Record<string, string>): Record<string, string> {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? '']));
  for (const name of Object.keys(overrides)) assert.ok(name in action.inputs, `an input named ${name}`);
  return { ...inputs, ...overrides };
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(120_000);
  const action = readAction();
  let temp: string;
  let installedPaths: string[];

  before(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-action-'));
    const runner: Runner = { workspace: temp, temp, actionPath: ROOT, paths: [] };
    const install = runStep(step(action, 'Install plist-sentinel'), defaultsOf(action, {}), runner, {});
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    installedPaths = runner.paths;
  });

  after(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  /** A fresh copy of the example workspace and a runner whose PATH has what the install step added. */
  function workspaceRunner(): Runner {
    const workspace = mkdtempSync(path.join(temp, 'workspace-'));
    cpSync(EXAMPLE, workspace, { recursive: true });
    return { workspace, temp, actionPath: ROOT, paths: [...installedPaths] };
  }

  it('is a composite action: Node set up, the package installed from this repository, checked, SARIF uploaded', () => {
    assert.equal(action.runs.using, 'composite');
    const steps = action.runs.steps;
    assert.equal(steps[0]?.uses, 'actions/setup-node@v4');
    assert.equal(steps[0]?.with?.['node-version'], '${{ inputs.node-version }}');
    const upload = steps.find((candidate) => candidate.uses?.startsWith('github/codeql-action/upload-sarif@') === true);
    assert.ok(upload !== undefined);
    assert.equal(upload.with?.sarif_file, '${{ steps.check.outputs.sarif-file }}');
    // Uploaded whatever the check found, and only when asked and a report exists.
    assert.match(upload.if ?? '', /always\(\)/);
    assert.match(upload.if ?? '', /inputs\.upload-sarif == 'true'/);
    assert.ok(steps.indexOf(upload) > steps.indexOf(step(action, 'Check')));
    assert.ok(steps.indexOf(upload) < steps.indexOf(step(action, 'Fail on findings')));
    for (const name of ['paths', 'fail-on', 'format', 'sarif-file', 'upload-sarif']) assert.ok(action.inputs[name]?.description, name);
    assert.equal(action.inputs['fail-on']?.default, 'error');
    assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'sarif-file']);
  });

  it('passes inputs to its scripts through env only, never spliced into the script', () => {
    for (const actionStep of action.runs.steps) {
      if (actionStep.run !== undefined) assert.doesNotMatch(actionStep.run, /\$\{\{/, actionStep.name);
      for (const value of Object.values({ ...actionStep.env, ...actionStep.with })) {
        for (const [, name] of String(value).matchAll(/inputs\.([\w-]+)/g)) assert.ok(name !== undefined && name in action.inputs, `${String(actionStep.name)}: inputs.${String(name)}`);
      }
    }
  });

  it('installs an executable that runs from the prefix it added to PATH', () => {
    const version = spawnSync('plist-sentinel', ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: [...installedPaths, process.env.PATH].join(path.delimiter) } });
    assert.equal(version.status, 0, version.stderr);
    assert.ok(installedPaths[0]?.startsWith(temp), installedPaths.join(', '));
  });

  it('with its defaults: annotations in the log, a SARIF report, exit code 1, and the last step fails the job', () => {
    const runner = workspaceRunner();
    const inputs = defaultsOf(action, {});
    const outputs: Record<string, Record<string, string>> = {};
    const check = runStep(step(action, 'Check'), inputs, runner, outputs);
    // The check step itself succeeds so that the upload runs; the failure comes after it.
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /^::error file=MyApp\/MyApp\.entitlements,line=5,col=7,.*title=hallucinated-key::/m);
    assert.doesNotMatch(check.stdout, /Pods\//);
    assert.deepEqual(check.outputs, { 'exit-code': '1', 'sarif-file': 'plist-sentinel.sarif' });
    const sarif = JSON.parse(readFileSync(path.join(runner.workspace, 'plist-sentinel.sarif'), 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0]?.results.map((result) => result.ruleId).sort(), ['hallucinated-key', 'missing-companion', 'unknown-key', 'unknown-key']);
    const fail = runStep(step(action, 'Fail on findings'), inputs, runner, outputs);
    assert.equal(fail.status, 1);
    assert.match(step(action, 'Fail on findings').if ?? '', /steps\.check\.outputs\.exit-code != '0'/);
  });

  it('takes paths one per line (spaces kept), the format, fail-on none, and extra args', () => {
    const runner = workspaceRunner();
    cpSync(path.join(runner.workspace, 'MyAppWidget'), path.join(runner.workspace, 'My Widget'), { recursive: true });
    const inputs = defaultsOf(action, { paths: 'MyApp/MyApp.entitlements\n  \nMy Widget\n', format: 'json', 'fail-on': 'none', args: '--ignore MyApp/Info.plist' });
    const check = runStep(step(action, 'Check'), inputs, runner, {});
    assert.equal(check.status, 0, check.stderr);
    const report = JSON.parse(check.stdout) as { files: Array<{ path: string }> };
    assert.deepEqual(report.files.map((file) => file.path).sort(), ['My Widget/MyAppWidget.entitlements', 'MyApp/MyApp.entitlements']);
    assert.equal(check.outputs['exit-code'], '0');
  });

  it('reports exit code 2 for a path it cannot check, and still fails the job', () => {
    const runner = workspaceRunner();
    const outputs: Record<string, Record<string, string>> = {};
    const inputs = defaultsOf(action, { paths: 'NoSuchTarget/App.entitlements', 'fail-on': 'none' });
    const check = runStep(step(action, 'Check'), inputs, runner, outputs);
    assert.equal(check.status, 0, check.stderr);
    assert.equal(check.outputs['exit-code'], '2');
    assert.equal(runStep(step(action, 'Fail on findings'), inputs, runner, outputs).status, 2);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((candidate) => candidate.id === 'plist-sentinel');
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-pre-commit-'));
    mkdirSync(path.join(folder, 'bin'));
    // pre-commit's node hooks are installed with npm pack and npm install -g (package.test.ts proves that route).
    symlinkSync(BIN, path.join(folder, 'bin', 'plist-sentinel'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** The repository's files the hook is given: git's list, filtered by `files` as pre-commit's re.search does. */
  function selected(repository: string): string[] {
    assert.ok(hook !== undefined);
    const listed = spawnSync('git', ['ls-files'], { cwd: repository, encoding: 'utf8' }).stdout.split('\n').filter((line) => line !== '');
    const files = new RegExp(hook.files);
    return listed.filter((file) => files.test(file));
  }

  /** Runs the entry on the files as pre-commit does: split on whitespace, the files appended, no shell. */
  function runHook(repository: string, files: string[]): SpawnSyncReturns<string> {
    assert.ok(hook !== undefined);
    const [command, ...args] = hook.entry.split(/\s+/);
    assert.ok(command !== undefined);
    return spawnSync(command, [...args, ...files], { cwd: repository, encoding: 'utf8', env: { ...process.env, PATH: `${path.join(folder, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` } });
  }

  function gitRepository(name: string, files: Record<string, string>): string {
    const repository = path.join(folder, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repository, file)), { recursive: true });
      writeFileSync(path.join(repository, file), text);
    }
    assert.equal(spawnSync('git', ['init', '--quiet'], { cwd: repository }).status, 0);
    assert.equal(spawnSync('git', ['add', '.'], { cwd: repository }).status, 0);
    return repository;
  }

  it('is a node hook whose entry is the package executable', () => {
    assert.ok(hook !== undefined, hooks.map((candidate) => candidate.id).join(', '));
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'plist-sentinel check');
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.ok('plist-sentinel' in manifest.bin);
  });

  it('picks .entitlements, Info.plist and *-Info.plist files and nothing else', () => {
    assert.ok(hook !== undefined);
    const files = new RegExp(hook.files);
    const picked = ['App.entitlements', 'App/App.entitlements', 'Info.plist', 'App/Info.plist', 'App/MyApp-Info.plist', 'App/Settings.plist', 'App/NotInfo.plist', 'App/Info.plist.orig', 'docs/entitlements.md', 'App.entitlements.bak'].filter((file) => files.test(file));
    assert.deepEqual(picked, ['App.entitlements', 'App/App.entitlements', 'Info.plist', 'App/Info.plist', 'App/MyApp-Info.plist']);
  });

  it('fails on an invented key in a staged entitlements file, naming it', () => {
    const repository = gitRepository('with-mistake', {
      'MyApp/MyApp.entitlements': readFileSync(path.join(EXAMPLE, 'MyApp', 'MyApp.entitlements'), 'utf8'),
      'MyApp/Settings.plist': '<plist version="1.0"><dict><key>Anything</key><true/></dict></plist>\n',
      'README.md': '# app\n',
    });
    const files = selected(repository);
    assert.deepEqual(files, ['MyApp/MyApp.entitlements']);
    const result = runHook(repository, files);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^MyApp\/MyApp\.entitlements:5:7: error hallucinated-key /m);
  });

  it('passes on correct files', () => {
    const repository = gitRepository('clean', {
      'App/App.entitlements': '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>aps-environment</key>\n\t<string>development</string>\n</dict>\n</plist>\n',
      'App/App-Info.plist': '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.app</string>\n</dict>\n</plist>\n',
    });
    const files = selected(repository);
    assert.deepEqual(files, ['App/App-Info.plist', 'App/App.entitlements']);
    const result = runHook(repository, files);
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /2 files checked/);
  });
});
