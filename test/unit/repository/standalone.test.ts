/**
 * The repository stands alone: a clone with nothing beside it has everything its tests read. No tracked file may
 * name a folder outside the checkout, such as the team's shared research folder that once sat beside it. The
 * corpora's third-party files are data, never read as paths, so they are not searched.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const THIRD_PARTY = /^test\/corpus\/[^/]+\/files\//;
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', 'out', '.e2e-tools', '.vscode-test', 'test-results']);
/** What the project's own shared/ holds: a path one level up to one of these is ours, anything else is not. */
const OWN_SHARED = new Set(readdirSync(path.join(ROOT, 'shared')));
const BINARY = /\.(png|jpg|gif|ico|vsix|tgz|mobileprovision|provisionprofile|bplist)$/i;

/** Tracked files when this is a git checkout, else every file of the tree (as in an unpacked archive). */
function trackedFiles(): string[] {
  if (existsSync(path.join(ROOT, '.git'))) {
    const listed = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
    if (listed.status === 0) return listed.stdout.split('\0').filter((file) => file !== '');
  }
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(relative);
      else if (entry.isFile()) files.push(relative);
    }
  };
  walk('');
  return files;
}

/** Each relative path to a folder named `shared` that the text spells: its `..` steps and the name after it. */
function sharedPathsIn(text: string): Array<{ steps: number; next: string }> {
  const found: Array<{ steps: number; next: string }> = [];
  for (const match of text.matchAll(/((?:\.\.[\\/])+)shared\b(?:[\\/]([\w.-]+))?/g)) found.push({ steps: (match[1] ?? '').length / 3, next: match[2] ?? '' });
  // path.join / path.resolve arguments: '..', '..', 'shared', 'corpus'
  for (const match of text.matchAll(/((?:['"]\.\.['"],\s*)+)['"]shared['"](?:,\s*['"]([\w.-]+)['"])?/g)) {
    found.push({ steps: ((match[1] ?? '').match(/\.\./g) ?? []).length, next: match[2] ?? '' });
  }
  return found;
}

/** Whether `steps` levels up from `folder` (a path inside the checkout) leave it. */
function leavesCheckout(folder: string, steps: number): boolean {
  return path.relative(ROOT, path.resolve(ROOT, folder, ...Array<string>(steps).fill('..'))).startsWith('..');
}

describe('the repository stands alone', () => {
  it('has no tracked file that names a folder outside the checkout', () => {
    const offenders: string[] = [];
    let searched = 0;
    for (const file of trackedFiles()) {
      if (THIRD_PARTY.test(file) || BINARY.test(file)) continue;
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      searched++;
      for (const { steps, next } of sharedPathsIn(text)) {
        // A path is read relative to its file (imports, __dirname), or as written from the top of the checkout
        // (commands in docs and scripts), where one level up is the folder beside it.
        const beside = steps === 1 && !OWN_SHARED.has(next);
        if (leavesCheckout(path.dirname(file), steps) || beside) offenders.push(`${file}: ${'../'.repeat(steps)}shared/${next}`);
      }
    }
    assert.ok(searched > 100, `searched ${searched} files`);
    assert.deepEqual(offenders, []);
  });

  it('finds the paths it looks for (the check can fail)', () => {
    // Joined so that this file does not spell the path it tests for.
    const sibling = ['..', 'corpus'].join('/shared/');
    assert.deepEqual(sharedPathsIn(`see ${sibling}/manifest.tsv`), [{ steps: 1, next: 'corpus' }]);
    assert.ok(!OWN_SHARED.has('corpus') && OWN_SHARED.has('src'));
    assert.ok(leavesCheckout('', 1));
    assert.deepEqual(sharedPathsIn(`path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus')`), [{ steps: 3, next: 'corpus' }]);
    assert.ok(leavesCheckout('test/corpus', 3));
    assert.ok(!leavesCheckout('server/src', 2), 'server/src -> ../../shared is the project\'s own shared/');
  });
});
