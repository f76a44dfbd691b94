/** Finding the nearest configuration file above a file, and what it says for that file. */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../../../shared/src/config';
import { configForFile, createConfigStore, findConfigFile, type LoadedConfig } from '../../../server/src/configFiles';

function loaded(configPath: string, config: unknown): LoadedConfig {
  const parsed = parseConfig(JSON.stringify(config));
  return { path: configPath, ...parsed };
}

describe('configuration files', () => {
  describe('findConfigFile', () => {
    const present = new Set(['/w/.plist-sentinel.json', '/w/App/.plist-sentinel.json']);
    const isFile = (candidate: string) => present.has(candidate);

    it('takes the nearest file above, the file\'s own folder first', () => {
      assert.equal(findConfigFile('/w/App/Sub/App.entitlements', undefined, isFile), '/w/App/.plist-sentinel.json');
      assert.equal(findConfigFile('/w/App/App.entitlements', undefined, isFile), '/w/App/.plist-sentinel.json');
      assert.equal(findConfigFile('/w/Widget/Widget.entitlements', undefined, isFile), '/w/.plist-sentinel.json');
    });

    it('looks no higher than the workspace folder it is given', () => {
      assert.equal(findConfigFile('/w/Widget/Widget.entitlements', '/w/Widget', isFile), undefined);
      assert.equal(findConfigFile('/w/Widget/Widget.entitlements', '/w', isFile), '/w/.plist-sentinel.json');
      assert.equal(findConfigFile('/elsewhere/A.entitlements', undefined, isFile), undefined);
    });

    it('reads files on disk once until cleared', () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'plist-sentinel-config-'));
      mkdirSync(path.join(folder, 'App'));
      writeFileSync(path.join(folder, '.plist-sentinel.json'), '{ "allowedKeys": ["a"] }');
      const store = createConfigStore();
      const first = store.nearest(path.join(folder, 'App', 'App.entitlements'), folder);
      assert.ok(typeof first === 'object' && first !== undefined);
      assert.deepEqual(first.config.allowedKeys, ['a']);
      writeFileSync(path.join(folder, 'App', '.plist-sentinel.json'), '{ "allowedKeys": ["b"] }');
      assert.equal(store.nearest(path.join(folder, 'App', 'App.entitlements'), folder), first);
      // The workspace folder is as high as it looks, and a deeper file is answered from the folders passed before.
      assert.equal(store.nearest(path.join(folder, 'Other', 'Deep', 'A.entitlements'), path.join(folder, 'Other')), undefined);
      assert.equal(store.nearest(path.join(folder, 'Other', 'Deep', 'A.entitlements'), folder), first);
      store.clear();
      const second = store.nearest(path.join(folder, 'App', 'App.entitlements'), folder);
      assert.ok(typeof second === 'object' && second !== undefined);
      assert.deepEqual(second.config.allowedKeys, ['b']);
    });
  });

  describe('configForFile', () => {
    const config = loaded('/w/.plist-sentinel.json', {
      severity: { 'unknown-key': 'warning' },
      allowedKeys: ['com.example.top'],
      platform: 'iOS',
      ignore: ['Pods/**', 'vendor', 'Generated-Info.plist'],
      overrides: [
        { files: ['Watch/**'], platform: 'watchOS', productType: 'app', severity: { 'unknown-key': 'off' }, allowedKeys: ['com.example.watch'] },
        { files: ['*Widget.entitlements'], productType: 'app-extension' },
      ],
    });

    it('gives the top level to files no override matches', () => {
      assert.deepEqual(configForFile(config, '/w/App/App.entitlements'), { severity: { 'unknown-key': 'warning' }, allowedKeys: ['com.example.top'], platform: 'iOS', productType: undefined, isIgnored: false });
    });

    it('lays matching overrides over it: platform and severity replaced, allowed keys added', () => {
      assert.deepEqual(configForFile(config, '/w/Watch/Ext/Watch.entitlements'), { severity: { 'unknown-key': 'off' }, allowedKeys: ['com.example.top', 'com.example.watch'], platform: 'watchOS', productType: 'app', isIgnored: false });
    });

    it('matches a glob without a slash at any depth', () => {
      assert.equal(configForFile(config, '/w/Targets/MyWidget.entitlements').productType, 'app-extension');
      assert.equal(configForFile(config, '/w/Targets/MyWidget/Other.entitlements').productType, undefined);
    });

    it('ignores what `ignore` matches, a folder leaving out what is inside it', () => {
      assert.equal(configForFile(config, '/w/Pods/Lib/Lib.entitlements').isIgnored, true);
      assert.equal(configForFile(config, '/w/vendor/x/Info.plist').isIgnored, true);
      assert.equal(configForFile(config, '/w/App/Generated-Info.plist').isIgnored, true);
      assert.equal(configForFile(config, '/w/App/Info.plist').isIgnored, false);
      assert.equal(configForFile(config, '/w/PodsExtra/Info.plist').isIgnored, false);
    });

    it('applies no globs outside its folder (a file named by --config)', () => {
      assert.equal(configForFile(config, '/other/Pods/Lib.entitlements').isIgnored, false);
      assert.equal(configForFile(config, '/other/Watch/A.entitlements').platform, 'iOS');
    });
  });
});
