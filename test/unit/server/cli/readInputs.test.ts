import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expandPaths } from '../../../../server/src/cli/findFiles';
import { readInputs } from '../../../../server/src/cli/readInputs';
import { PLIST_HEADER } from '../../helpers';

const tempDirs: string[] = [];

/** A fresh temp folder, removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-read-'));
  tempDirs.push(dir);
  return dir;
}

/** An iOS-layout bundle with an Info.plist that names no executable. */
function writeBundle(folder: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'Info.plist'), `${PLIST_HEADER}<dict><key>CFBundleIdentifier</key><string>com.example.${path.basename(folder)}</string></dict>\n</plist>\n`);
}

const infoPlistsRead = (folder: string) => readInputs([{ path: folder, isBundle: true }]).inputs.filter((input) => input.fileKind === 'infoPlist').map((input) => path.relative(folder, input.path));

describe('readInputs', () => {
  after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a bundle and the bundles in its PlugIns folder', () => {
    const app = path.join(tempDir(), 'App.app');
    writeBundle(app);
    writeBundle(path.join(app, 'PlugIns', 'Widget.appex'));
    assert.deepEqual(infoPlistsRead(app), ['Info.plist', path.join('PlugIns', 'Widget.appex', 'Info.plist')]);
  });

  it('reads each bundle once when 30 links in PlugIns (or 300) name the bundle and its extension again', () => {
    for (const linkCount of [30, 300]) {
      const app = path.join(tempDir(), 'App.app');
      writeBundle(app);
      writeBundle(path.join(app, 'PlugIns', 'Widget.appex'));
      for (let index = 0; index < linkCount; index++) {
        symlinkSync('..', path.join(app, 'PlugIns', `Self${index}.appex`));
        symlinkSync('Widget.appex', path.join(app, 'PlugIns', `Alias${index}.appex`));
      }
      assert.deepEqual(infoPlistsRead(app), ['Info.plist', path.join('PlugIns', 'Widget.appex', 'Info.plist')]);
    }
  });

  it('never reads a bundle or a file that a link inside the bundle places outside it', () => {
    const outside = tempDir();
    writeBundle(path.join(outside, 'Other.appex'));
    writeFileSync(path.join(outside, 'secret'), 'not for reading');
    const app = path.join(tempDir(), 'App.app');
    writeBundle(app);
    mkdirSync(path.join(app, 'PlugIns'));
    symlinkSync(path.join(outside, 'Other.appex'), path.join(app, 'PlugIns', 'Other.appex'));
    assert.deepEqual(infoPlistsRead(app), ['Info.plist']);

    const linked = path.join(tempDir(), 'Linked.app');
    mkdirSync(linked);
    symlinkSync(path.join(outside, 'secret'), path.join(linked, 'Info.plist'));
    const reading = readInputs([{ path: linked, isBundle: true }]);
    assert.deepEqual(reading.inputs, []);
    assert.ok(reading.errors.some((error) => error.includes('links outside the bundle')), reading.errors.join('\n'));
  });

  it('finds a bundle in a folder walk once, however many links name it', () => {
    const dir = tempDir();
    writeBundle(path.join(dir, 'Build', 'App.app'));
    for (let index = 0; index < 30; index++) symlinkSync(path.join('Build', 'App.app'), path.join(dir, `Copy${index}.app`));
    const expansion = expandPaths([dir]);
    assert.deepEqual(expansion.inputs.map((input) => path.relative(dir, input.path)), [path.join('Build', 'App.app')]);
  });
});
