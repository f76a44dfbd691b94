/**
 * The Neovim setups in docs/editors.md, run in a real headless Neovim: each documented `init.lua` block, taken
 * from the page as written, opens an entitlements file with an invented key; neovim/probe.lua waits for the
 * diagnostic, asks for code actions, applies the first, and writes what it saw as JSON. `plist-sentinel` is put on
 * PATH as the documented install does (a link to this checkout's executable; package.test.ts proves the install).
 * Blocks for a newer Neovim than the one installed get the functions it lacks from neovim/newerApi.lua.
 * CI installs Debian's neovim (.ci/run); only outside CI is a missing nvim a skip.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BIN } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..');
const HERE = path.join(__dirname, 'neovim');

interface Probe {
  nvim: string;
  diagnosed: boolean;
  diagnostics: Array<{ code: string; source: string; text: string }>;
  actions: Array<{ title: string; kind: string }>;
  textAfterFirstAction?: string;
  files: Array<{ name: string; filetype: string; syntax: string; clients: string[] }>;
}

interface DocumentedBlock {
  /** The heading's version range as the block's first line says it: `0.7 to 0.9`, `0.10`, `0.11+`. */
  versions: string;
  lua: string;
}

/** The shell block under "Highlighting and settings", which writes the syntax files into `~/.config/nvim`. */
function documentedHighlighting(): string {
  const page = readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8');
  const script = /### Highlighting and settings\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(page)?.[1];
  assert.ok(script !== undefined, 'a sh block under "Highlighting and settings" in docs/editors.md');
  return script;
}

/** Every `-- Neovim ...: in init.lua` block of docs/editors.md. */
function documentedBlocks(): DocumentedBlock[] {
  const page = readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8');
  return [...page.matchAll(/```lua\n(-- Neovim ([^:\n]+): in init\.lua\n[\s\S]*?)```/g)].map((match) => ({ versions: match[2] ?? '', lua: match[1] ?? '' }));
}

function nvimVersion(): string | undefined {
  const result = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? /NVIM v(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1] : undefined;
}

const ENTITLEMENTS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>com.apple.developer.push-notifications</key>
	<string>development</string>
</dict>
</plist>
`;

const INFO_PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>CFBundleIdentifier</key>
	<string>com.example.app</string>
</dict>
</plist>
`;

describe('Neovim with the configurations in docs/editors.md', function () {
  let folder: string;
  let installed: string | undefined;

  before(function () {
    installed = nvimVersion();
    if (installed === undefined) {
      assert.notEqual(process.env.CI, 'true', 'nvim is missing in CI: .ci/run installs it with apt-get install neovim');
      console.warn('    nvim is not installed (Debian package: neovim); skipping the Neovim tests');
      this.skip();
    }
    folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-neovim-'));
    mkdirSync(path.join(folder, 'bin'));
    symlinkSync(BIN, path.join(folder, 'bin', 'plist-sentinel'));
  });

  after(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it('documents the three Neovim setups, each starting `plist-sentinel --stdio`', () => {
    const blocks = documentedBlocks();
    assert.deepEqual(blocks.map((block) => block.versions), ['0.7 to 0.9', '0.10', '0.11+']);
    for (const block of blocks) assert.match(block.lua, /cmd = \{ 'plist-sentinel', '--stdio' \}/, block.versions);
  });

  for (const versions of ['0.7 to 0.9', '0.10', '0.11+']) {
    it(`Neovim ${versions}: the invented key's diagnostic arrives, its fixes are offered, and the first one applies`, () => {
      const block = documentedBlocks().find((candidate) => candidate.versions === versions);
      assert.ok(block !== undefined, `a "-- Neovim ${versions}: in init.lua" block in docs/editors.md`);
      const probe = runDocumentedBlock(folder, block);

      assert.equal(probe.nvim, installed);
      assert.ok(probe.diagnosed, `no diagnostic arrived: ${JSON.stringify(probe)}`);
      assert.deepEqual(
        probe.diagnostics.map((diagnostic) => [diagnostic.source, diagnostic.code, diagnostic.text]),
        [['plist-sentinel', 'hallucinated-key', 'com.apple.developer.push-notifications']],
      );
      const titles = probe.actions.map((action) => action.title);
      assert.ok(titles.includes("Change to 'aps-environment'"), titles.join(', '));
      assert.ok(probe.actions.every((action) => action.kind === 'quickfix'), JSON.stringify(probe.actions));
      assert.match(probe.textAfterFirstAction ?? '', /<key>aps-environment<\/key>/);
      assert.doesNotMatch(probe.textAfterFirstAction ?? '', /push-notifications/);

      const byName = new Map(probe.files.map((file) => [path.basename(file.name), file]));
      for (const [name, filetype] of [['App.entitlements', 'entitlements'], ['Info.plist', 'info-plist'], ['MyApp-Info.plist', 'info-plist']] as const) {
        const file = byName.get(name);
        assert.equal(file?.filetype, filetype, name);
        assert.equal(file?.syntax, 'xml', name);
        assert.equal(file?.clients.length, 1, `${name}: ${JSON.stringify(file)}`);
      }
      // A plist of neither kind is left to Neovim: no filetype of ours, no server.
      assert.notEqual(byName.get('Settings.plist')?.filetype, 'info-plist');
      assert.deepEqual(byName.get('Settings.plist')?.clients, []);
    });
  }
});

/** Runs one documented block as init.lua in a fresh project folder (a git root) and returns what probe.lua saw. */
function runDocumentedBlock(folder: string, block: DocumentedBlock): Probe {
  const run = mkdtempSync(path.join(folder, 'run-'));
  const project = path.join(run, 'project');
  mkdirSync(path.join(project, '.git'), { recursive: true });
  mkdirSync(path.join(project, 'App'));
  writeFileSync(path.join(project, 'App', 'App.entitlements'), ENTITLEMENTS);
  writeFileSync(path.join(project, 'App', 'Info.plist'), INFO_PLIST);
  writeFileSync(path.join(project, 'App', 'MyApp-Info.plist'), INFO_PLIST);
  writeFileSync(path.join(project, 'App', 'Settings.plist'), INFO_PLIST);
  const init = path.join(run, 'init.lua');
  const newerApi = versionOf(block.versions) > versionOf(installedVersionRange()) ? `dofile(${JSON.stringify(path.join(HERE, 'newerApi.lua'))})\n` : '';
  writeFileSync(init, newerApi + block.lua);
  const out = path.join(run, 'probe.json');
  const home = path.join(run, 'home');
  mkdirSync(home);
  const highlighting = spawnSync('bash', ['-euc', documentedHighlighting()], { encoding: 'utf8', env: { ...process.env, HOME: home } });
  assert.equal(highlighting.status, 0, highlighting.stderr);
  const result = spawnSync('nvim', ['--headless', '-u', init, path.join('App', 'App.entitlements'), '-c', `luafile ${path.join(HERE, 'probe.lua')}`], {
    cwd: project,
    encoding: 'utf8',
    // A safety net for a hung editor; probe.lua's own waits end well before it.
    timeout: 25_000,
    env: {
      ...process.env,
      PATH: `${path.join(folder, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      // Nothing of the machine's own Neovim setup takes part.
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      PLIST_SENTINEL_PROBE_OUT: out,
      PLIST_SENTINEL_PROBE_FILES: ['App/Info.plist', 'App/MyApp-Info.plist', 'App/Settings.plist'].join(','),
    },
  });
  let text: string;
  try {
    text = readFileSync(out, 'utf8');
  } catch {
    assert.fail(`nvim wrote no result (status ${String(result.status)}, signal ${String(result.signal)})\n${result.stdout}\n${result.stderr}`);
  }
  return JSON.parse(text) as Probe;
}

let installedRange: string | undefined;
function installedVersionRange(): string {
  installedRange ??= nvimVersion() ?? '0.0.0';
  return installedRange;
}

/** The first version a range names, as a comparable number: `0.7 to 0.9` and `0.7.2` are 7, `0.11+` is 11. */
function versionOf(range: string): number {
  const match = /(\d+)\.(\d+)/.exec(range);
  return match === null ? 0 : Number(match[1]) * 1000 + Number(match[2]);
}
