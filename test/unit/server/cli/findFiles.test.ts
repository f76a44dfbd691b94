import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expandPaths } from '../../../../server/src/cli/findFiles';
import { PLIST_HEADER } from '../../helpers';

const tempDirs: string[] = [];

/** A fresh temp folder, removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-find-'));
  tempDirs.push(dir);
  return dir;
}

function writePlist(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${PLIST_HEADER}<dict/>\n</plist>\n`);
}

describe('expandPaths', () => {
  after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the plists in a folder and its subfolders', () => {
    const dir = tempDir();
    writePlist(path.join(dir, 'App', 'Info.plist'));
    writePlist(path.join(dir, 'App', 'App.entitlements'));
    assert.deepEqual(expandPaths([dir]).inputs.map((input) => path.relative(dir, input.path)), [path.join('App', 'App.entitlements'), path.join('App', 'Info.plist')]);
  });

  it('walks electron-builder\'s build folder of sources, and skips a build folder of build products', () => {
    const dir = tempDir();
    writePlist(path.join(dir, 'desktop', 'build', 'entitlements.mac.plist'));
    writePlist(path.join(dir, 'ios', 'build', 'Release-iphoneos', 'App.app.plist'));
    writePlist(path.join(dir, 'ios', 'build', 'XCBuildData', 'Info.plist'));
    writePlist(path.join(dir, 'mac', 'build', 'Build', 'Products', 'Info.plist'));
    assert.deepEqual(expandPaths([dir]).inputs.map((input) => path.relative(dir, input.path)), [path.join('desktop', 'build', 'entitlements.mac.plist')]);
  });

  it('takes a plist whose name says nothing as a candidate, to be checked only if its content is an entitlements file', () => {
    const dir = tempDir();
    writePlist(path.join(dir, 'entitlements', 'child.plist'));
    writePlist(path.join(dir, 'App', 'Info.plist'));
    const inputs = expandPaths([dir]).inputs.map((input) => [path.relative(dir, input.path), input.isCandidate === true]);
    assert.deepEqual(inputs, [[path.join('App', 'Info.plist'), false], [path.join('entitlements', 'child.plist'), true]]);
  });

  it('enters a folder once however many links name it: `x -> .` and 30 more links to the folder, or 300', () => {
    for (const linkCount of [30, 300]) {
      const dir = tempDir();
      writePlist(path.join(dir, 'Info.plist'));
      symlinkSync('.', path.join(dir, 'x'));
      for (let index = 0; index < linkCount; index++) symlinkSync('..', path.join(dir, `sub${index}`));
      mkdirSync(path.join(dir, 'App'));
      for (let index = 0; index < linkCount; index++) symlinkSync('..', path.join(dir, 'App', `up${index}`));
      const expansion = expandPaths([dir]);
      assert.deepEqual(expansion.inputs.map((input) => path.relative(dir, input.path)), ['Info.plist']);
      assert.deepEqual(expandPaths([path.join(dir, '**', '*.plist')]).inputs.map((input) => path.relative(dir, input.path)), ['Info.plist']);
    }
  });

  it('reads a file once when a link inside the folder names it again', () => {
    const dir = tempDir();
    writePlist(path.join(dir, 'App', 'Info.plist'));
    symlinkSync(path.join('App', 'Info.plist'), path.join(dir, 'Alias.plist'));
    assert.equal(expandPaths([dir]).inputs.length, 1);
  });

  it('never leaves the folder it was given through a link', () => {
    const outside = tempDir();
    writePlist(path.join(outside, 'Info.plist'));
    const dir = tempDir();
    writePlist(path.join(dir, 'App', 'App.entitlements'));
    symlinkSync(outside, path.join(dir, 'elsewhere'));
    symlinkSync(path.join(outside, 'Info.plist'), path.join(dir, 'App', 'Info.plist'));
    assert.deepEqual(expandPaths([dir]).inputs.map((input) => path.relative(dir, input.path)), [path.join('App', 'App.entitlements')]);
  });
});
