import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chooseGivenProfile, createProfileStore, NOT_READABLE, readProfileFiles, userProfileFolders } from '../../../server/src/profiles';
import { UNKNOWN_TARGET } from '../../../shared/src/target';
import { createSigner, hasOpenssl, OTHER_TEAM, TEAM, type Signer } from '../../builders/signedProfiles';

describe('profiles (reading profile files)', function () {
  let signer: Signer;
  let workspace: string;
  let userFolder: string;
  before(function () {
    if (!hasOpenssl()) {
      console.warn('    openssl is not installed (Debian package: openssl); skipping the profile store tests');
      this.skip();
    }
    signer = createSigner();
  });
  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-ws-'));
    userFolder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-user-'));
  });
  afterEach(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userFolder, { recursive: true, force: true });
  });
  after(() => signer?.dispose());

  const put = (folder: string, relative: string, spec: Parameters<Signer['writeProfile']>[1]) => {
    const file = path.join(folder, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    return signer.writeProfile(file, spec);
  };
  const target = (bundleIdentifiers: string[], teamIdentifiers: string[] = []) => ({ ...UNKNOWN_TARGET, bundleIdentifiers, teamIdentifiers });

  it('finds profiles in the workspace, skipping dependency and hidden folders', () => {
    put(workspace, 'signing/App.mobileprovision', { name: 'App' });
    put(workspace, 'Mac/App.provisionprofile', { name: 'Mac', platforms: ['OSX'] });
    put(workspace, 'node_modules/x/Other.mobileprovision', { name: 'Dependency' });
    put(workspace, '.git/Old.mobileprovision', { name: 'Hidden' });
    writeFileSync(path.join(workspace, 'Broken.mobileprovision'), 'not a profile');
    const store = createProfileStore({ roots: () => [workspace], userFolders: [] });
    assert.deepEqual(store.list([]).map((profile) => profile.name).sort(), ['App', 'Mac']);
  });

  it('adds the user\'s profile folders and the configured paths (files or folders, relative or ~)', () => {
    put(userFolder, 'a.mobileprovision', { name: 'User' });
    put(workspace, 'ci/profiles/b.mobileprovision', { name: 'Configured folder' });
    const single = put(userFolder, 'elsewhere/c.mobileprovision', { name: 'Configured file' });
    const store = createProfileStore({ roots: () => [path.join(workspace, 'src')], userFolders: [userFolder, path.join(userFolder, 'missing')] });
    mkdirSync(path.join(workspace, 'src'));
    assert.deepEqual(store.list(['../ci/profiles', single]).map((profile) => profile.name).sort(), ['Configured file', 'Configured folder', 'User']);
  });

  it('names the two folders Xcode keeps profiles in', () => {
    assert.deepEqual(userProfileFolders('/Users/me'), ['/Users/me/Library/MobileDevice/Provisioning Profiles', '/Users/me/Library/Developer/Xcode/UserData/Provisioning Profiles']);
  });

  it('matches a document to the profile for its bundle identifier and team', () => {
    put(workspace, 'a.mobileprovision', { name: 'Wildcard', bundleIdentifier: '*' });
    put(workspace, 'b.mobileprovision', { name: 'Exact', bundleIdentifier: 'com.example.myapp' });
    put(workspace, 'c.mobileprovision', { name: 'Other team', bundleIdentifier: 'com.example.myapp', team: OTHER_TEAM });
    const store = createProfileStore({ roots: () => [workspace], userFolders: [] });
    const request = (bundleIdentifiers: string[], teams: string[] = []) => ({ documentUri: 'file:///x.entitlements', target: target(bundleIdentifiers, teams), extraPaths: [] });
    assert.equal(store.profileFor(request(['com.example.myapp'], [TEAM]))?.name, 'Exact');
    assert.equal(store.profileFor(request(['com.example.other'], [TEAM]))?.name, 'Wildcard');
    assert.equal(store.profileFor(request([])), undefined);
  });

  it('uses the profile the user picked for a document until the pick is undone', () => {
    put(workspace, 'a.mobileprovision', { name: 'Matched' });
    const picked = put(userFolder, 'picked.mobileprovision', { name: 'Picked', bundleIdentifier: 'com.example.unrelated' });
    const store = createProfileStore({ roots: () => [workspace], userFolders: [] });
    const request = { documentUri: 'file:///x.entitlements', target: target(['com.example.myapp']), extraPaths: [] };
    store.select(request.documentUri, picked);
    assert.equal(store.profileFor(request)?.name, 'Picked');
    assert.equal(store.profileFor({ ...request, documentUri: 'file:///y.entitlements' })?.name, 'Matched');
    store.select(request.documentUri, undefined);
    assert.equal(store.profileFor(request)?.name, 'Matched');
  });

  it('rereads a profile when it changes, and finds new ones after clear()', () => {
    const file = put(workspace, 'a.mobileprovision', { name: 'First' });
    const store = createProfileStore({ roots: () => [workspace], userFolders: [] });
    assert.equal((store.read(file) as { name: string }).name, 'First');
    assert.equal(store.list([]).length, 1);
    put(workspace, 'a.mobileprovision', { name: 'Second' });
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    assert.equal((store.read(file) as { name: string }).name, 'Second');
    put(workspace, 'b.mobileprovision', { name: 'New' });
    assert.equal(store.list([]).length, 1, 'the workspace listing is cached');
    store.clear();
    assert.equal(store.list([]).length, 2);
  });

  it('says why a file is not a profile', () => {
    const store = createProfileStore({ roots: () => [], userFolders: [] });
    writeFileSync(path.join(workspace, 'x.mobileprovision'), 'junk');
    assert.match(store.read(path.join(workspace, 'x.mobileprovision')) as string, /x\.mobileprovision: not a CMS container/);
    assert.match(store.read(path.join(workspace, 'missing.mobileprovision')) as string, /cannot read/);
  });

  describe('the file-access policy (docs/file-access.md)', () => {
    let outside: string;
    beforeEach(() => {
      outside = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-outside-'));
    });
    afterEach(() => rmSync(outside, { recursive: true, force: true }));

    const xmlProfile = `<?xml version="1.0"?><plist version="1.0"><dict><key>Name</key><string>Looks like one</string><key>UUID</key><string>u</string></dict></plist>`;

    it('lists no profile through a link that leads out of the workspace, a named folder or a user folder', () => {
      put(outside, 'Secret.mobileprovision', { name: 'Outside' });
      put(workspace, 'signing/App.mobileprovision', { name: 'App' });
      symlinkSync(outside, path.join(workspace, 'linked'));
      symlinkSync(path.join(outside, 'Secret.mobileprovision'), path.join(workspace, 'signing', 'Linked.mobileprovision'));
      const named = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-named-'));
      symlinkSync(path.join(outside, 'Secret.mobileprovision'), path.join(named, 'Linked.mobileprovision'));
      symlinkSync(path.join(outside, 'Secret.mobileprovision'), path.join(userFolder, 'Linked.mobileprovision'));
      try {
        const store = createProfileStore({ roots: () => [workspace], userFolders: [userFolder] });
        assert.deepEqual(store.list([named]).map((profile) => profile.name), ['App']);
      } finally {
        rmSync(named, { recursive: true, force: true });
      }
    });

    it('opens a named file only when it and its real path are profile files, and only CMS signed data counts', () => {
      writeFileSync(path.join(outside, 'hostname'), xmlProfile);
      writeFileSync(path.join(outside, '.bashrc'), xmlProfile);
      writeFileSync(path.join(outside, 'Bare.mobileprovision'), xmlProfile);
      symlinkSync(path.join(outside, 'hostname'), path.join(outside, 'Disguised.mobileprovision'));
      writeFileSync(path.join(workspace, 'Xml.mobileprovision'), xmlProfile);
      const store = createProfileStore({ roots: () => [path.join(workspace)], userFolders: [] });
      const relative = path.relative(workspace, path.join(outside, 'hostname'));
      const named = [relative, path.join(outside, '.bashrc'), path.join(outside, 'Bare.mobileprovision'), path.join(outside, 'Disguised.mobileprovision')];
      assert.deepEqual(store.list(named), []);
      assert.match(store.read(path.join(outside, 'hostname')) as string, /not a \.mobileprovision or \.provisionprofile file/);
      assert.match(store.read(path.join(workspace, 'Xml.mobileprovision')) as string, /not a CMS container/);
    });

    it('reads by path only what it lists, with one answer for every other path, existing or not', () => {
      const listed = put(workspace, 'signing/App.mobileprovision', { name: 'App' });
      const elsewhere = put(outside, 'Elsewhere.mobileprovision', { name: 'Elsewhere' });
      const store = createProfileStore({ roots: () => [workspace], userFolders: [] });
      assert.equal((store.readListed(listed, []) as { name: string }).name, 'App');
      assert.equal(store.readListed(elsewhere, []), NOT_READABLE);
      assert.equal(store.readListed(path.join(outside, 'missing.mobileprovision'), []), NOT_READABLE);
      assert.equal(store.readListed('/etc/passwd', []), NOT_READABLE);
      assert.equal((store.readListed(elsewhere, [outside]) as { name: string }).name, 'Elsewhere', 'a folder the user named');
    });
  });

  describe('readProfileFiles and chooseGivenProfile (the CLI\'s --profile)', () => {
    it('reads files and folders, and reports what does not read', () => {
      put(workspace, 'profiles/a.mobileprovision', { name: 'A' });
      put(workspace, 'profiles/b.mobileprovision', { name: 'B', bundleIdentifier: 'com.example.widget' });
      const { profiles, errors } = readProfileFiles([path.join(workspace, 'profiles'), path.join(workspace, 'nope.mobileprovision')]);
      assert.deepEqual(profiles.map((profile) => profile.name), ['A', 'B']);
      assert.equal(errors.length, 1);
      assert.equal(chooseGivenProfile(profiles, { target: target(['com.example.widget']) })?.name, 'B');
      assert.equal(chooseGivenProfile(profiles, { target: UNKNOWN_TARGET }), undefined, 'two candidates and no bundle identifier');
      assert.equal(chooseGivenProfile(profiles.slice(0, 1), { target: UNKNOWN_TARGET })?.name, 'A', 'the only one');
      assert.equal(chooseGivenProfile(profiles, { target: target(['com.example.myapp'], [OTHER_TEAM]) })?.name, 'A', 'the team does not filter named profiles');
    });
  });
});
