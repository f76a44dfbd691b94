/**
 * The CLI's provisioning-profile side: `check --profile PATH` and `profile PATH`, through the real executable.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createSigner, hasOpenssl, type Signer } from '../builders/signedProfiles';
import { BIN } from './lspClient';
import { writeWorkspace } from './profileWorkspace';

describe('the CLI with provisioning profiles', function () {
  let signer: Signer;
  let workspace: string;
  let files: { entitlements: string; profile: string; other: string };
  before(function () {
    if (!hasOpenssl()) {
      console.warn('    openssl is not installed (Debian package: openssl); skipping the profile CLI tests');
      this.skip();
    }
    signer = createSigner();
    workspace = path.join(signer.folder, 'workspace');
    files = writeWorkspace(signer, workspace);
  });
  after(() => signer?.dispose());

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: workspace });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const profileLines = (stdout: string) => stdout.split('\n').filter((line) => / profile-/.test(line));

  it('checks an entitlements file against the profile --profile names', () => {
    const { status, stdout } = run('check', '--profile', path.relative(workspace, files.profile), 'App/App.entitlements');
    assert.equal(status, 1);
    assert.deepEqual(profileLines(stdout).map((line) => line.replace(/ '.*$/, '')), [
      'App/App.entitlements:6:10: error profile-value-mismatch',
      'App/App.entitlements:7:7: error profile-missing-entitlement Provisioning profile',
    ]);
  });

  it('matches each file to the named profile for its bundle identifier (a folder names them all)', () => {
    const { stdout } = run('check', `--profile=${path.join(workspace, 'signing')}`, 'App/App.entitlements');
    assert.equal(profileLines(stdout).length, 2, stdout);
    const { stdout: onlyOther } = run('check', '--profile', files.other, 'App/App.entitlements');
    assert.deepEqual(profileLines(onlyOther), [], 'the other app\'s profile does not sign this target');
  });

  it('checks no profile without --profile, and fails on one that does not read', () => {
    assert.deepEqual(profileLines(run('check', 'App/App.entitlements').stdout), []);
    writeFileSync(path.join(workspace, 'junk.mobileprovision'), 'junk');
    const { status, stderr } = run('check', '--profile', 'junk.mobileprovision', 'App/App.entitlements');
    assert.equal(status, 2);
    assert.match(stderr, /junk\.mobileprovision: not a CMS container/);
    assert.equal(run('check', '--profile').status, 2);
  });

  it('prints a profile readably with `profile PATH`', () => {
    const { status, stdout } = run('profile', files.profile);
    assert.equal(status, 0);
    assert.match(stdout, /^# My App Development\n/);
    assert.match(stdout, /- \*\*Team:\*\* Example Corp \(ABCDE12345\)/);
    assert.match(stdout, /- `aps-environment`: `development`/);
    const missing = run('profile', 'nope.mobileprovision');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
    assert.equal(run('profile').status, 2);
  });
});
