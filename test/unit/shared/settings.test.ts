import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, PLATFORMS, SETTINGS_SECTION, readPlatform, readSettings } from '../../../shared/src/settings';

describe('settings', () => {
  describe('readSettings', () => {
    it('falls back to the defaults for anything that is not an object', () => {
      for (const raw of [undefined, null, 'error', 42, true, [], [{ severity: {} }]]) {
        assert.deepEqual(readSettings(raw), DEFAULT_SETTINGS, JSON.stringify(raw));
      }
    });

    it('defaults to no overrides, no allowed keys and no platform', () => {
      assert.deepEqual(readSettings({}), { severity: {}, allowedKeys: [], platform: undefined, productType: undefined, profilePaths: [] });
    });

    it('reads severity overrides per code, including off', () => {
      const settings = readSettings({ severity: { 'unknown-key': 'warning', 'duplicate-key': 'off', 'plist-syntax': 'hint', 'private-entitlement': 'information' } });
      assert.deepEqual(settings.severity, { 'unknown-key': 'warning', 'duplicate-key': 'off', 'plist-syntax': 'hint', 'private-entitlement': 'information' });
    });

    it('accepts common spellings of severities', () => {
      const settings = readSettings({ severity: { 'unknown-key': ' Warning ', 'duplicate-key': 'info', 'misplaced-key': 'ignore', 'plist-syntax': 'none', 'hallucinated-key': 'ERROR' } });
      assert.deepEqual(settings.severity, { 'unknown-key': 'warning', 'duplicate-key': 'information', 'misplaced-key': 'off', 'plist-syntax': 'off', 'hallucinated-key': 'error' });
    });

    it('drops unknown codes and unknown or mistyped severities, keeping the rest', () => {
      const raw: unknown = JSON.parse('{"severity": {"no-such-code": "error", "unknown-key": "fatal", "duplicate-key": 2, "misplaced-key": "warning", "__proto__": "off", "toString": "off"}}');
      const settings = readSettings(raw);
      assert.deepEqual(settings.severity, { 'misplaced-key': 'warning' });
    });

    it('ignores a severity that is not an object', () => {
      assert.deepEqual(readSettings({ severity: 'off' }).severity, {});
      assert.deepEqual(readSettings({ severity: ['unknown-key'] }).severity, {});
    });

    it('keeps only non-empty string allowed keys', () => {
      assert.deepEqual(readSettings({ allowedKeys: ['com.example.flag', '', 7, null, 'com.apple.private.tcc.allow'] }).allowedKeys, ['com.example.flag', 'com.apple.private.tcc.allow']);
      assert.deepEqual(readSettings({ allowedKeys: 'com.example.flag' }).allowedKeys, []);
    });

    it('reads the product type as users write it', () => {
      assert.equal(readSettings({ productType: 'app-clip' }).productType, 'app-clip');
      assert.equal(readSettings({ productType: 'App Clip' }).productType, 'app-clip');
      assert.equal(readSettings({ productType: 'driver_extension' }).productType, 'driver-extension');
      assert.equal(readSettings({ productType: 'framework' }).productType, undefined);
    });

    it('keeps only non-blank string profile paths', () => {
      assert.deepEqual(readSettings({ profilePaths: ['~/Profiles', ' ', 3, null, 'ci/App.mobileprovision'] }).profilePaths, ['~/Profiles', 'ci/App.mobileprovision']);
      assert.deepEqual(readSettings({ profilePaths: 'ci/App.mobileprovision' }).profilePaths, []);
    });

    it('reads the platform case-insensitively', () => {
      assert.equal(readSettings({ platform: 'macos' }).platform, 'macOS');
      assert.equal(readSettings({ platform: 'Amiga' }).platform, undefined);
    });

    it('ignores fields it does not know', () => {
      assert.deepEqual(readSettings({ trace: { server: 'verbose' }, allowedKeys: ['a'] }), { severity: {}, allowedKeys: ['a'], platform: undefined, productType: undefined, profilePaths: [] });
    });
  });

  describe('readPlatform', () => {
    it('reads every platform name in any case, trimmed', () => {
      for (const platform of PLATFORMS) {
        assert.equal(readPlatform(platform), platform);
        assert.equal(readPlatform(` ${platform.toUpperCase()} `), platform);
      }
    });

    it('reads nothing from other values', () => {
      for (const raw of [undefined, null, 1, '', 'ios17', ['iOS']]) {
        assert.equal(readPlatform(raw), undefined, JSON.stringify(raw));
      }
    });
  });

  describe('the manifest (package.json contributes.configuration)', () => {
    interface Property {
      readonly default?: unknown;
      readonly enum?: readonly unknown[];
      readonly additionalProperties?: { readonly enum?: readonly string[] };
      readonly scope?: string;
      readonly enumItemLabels?: readonly string[];
      readonly markdownEnumDescriptions?: readonly string[];
    }
    interface Capability {
      readonly supported: boolean | 'limited';
      readonly description?: string;
      readonly restrictedConfigurations?: readonly string[];
    }
    const root = path.resolve(__dirname, '..', '..', '..');
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: Capability; virtualWorkspaces?: Capability };
      contributes: { configuration: { properties: Record<string, Property> }; commands: ReadonlyArray<{ command: string; title: string }>; menus: { commandPalette: ReadonlyArray<{ command: string; when?: string }> } };
    };
    const properties = manifest.contributes.configuration.properties;
    const property = (field: string): Property => {
      const found = properties[`${SETTINGS_SECTION}.${field}`];
      assert.ok(found !== undefined, `package.json does not contribute ${SETTINGS_SECTION}.${field}`);
      return found;
    };

    it('contributes every Settings field under the section', () => {
      for (const field of Object.keys(DEFAULT_SETTINGS)) property(field);
    });

    it('has defaults that read as the code defaults', () => {
      const raw = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((field) => [field, property(field).default ?? undefined]));
      assert.deepEqual(readSettings(raw), DEFAULT_SETTINGS);
    });

    it('offers only severities that readSettings accepts, and all of them', () => {
      const offered = property('severity').additionalProperties?.enum ?? [];
      assert.deepEqual([...offered].sort(), ['error', 'hint', 'information', 'off', 'warning']);
      for (const severity of offered) assert.equal(readSettings({ severity: { 'unknown-key': severity } }).severity['unknown-key'], severity);
    });

    it('offers exactly the platforms readPlatform knows', () => {
      const offered = (property('platform').enum ?? []).filter((value) => value !== null);
      assert.deepEqual(offered, [...PLATFORMS]);
    });

    it('lets every setting the server reads per document differ per folder', () => {
      // The server asks workspace/configuration with each document's URI (settings.ts), so each folder may differ.
      for (const field of Object.keys(DEFAULT_SETTINGS)) assert.equal(property(field).scope, 'resource', field);
    });

    it('labels every choice of the enum settings, the empty one as Inferred', () => {
      for (const field of ['platform', 'productType']) {
        const { enum: values = [], enumItemLabels: labels = [], markdownEnumDescriptions: descriptions = [] } = property(field);
        assert.equal(labels.length, values.length, field);
        assert.equal(descriptions.length, values.length, field);
        assert.equal(labels[values.indexOf(null)], 'Inferred', field);
        for (const label of labels) assert.ok(label.trim() !== '' && label !== 'null', field);
      }
    });

    it('runs in untrusted workspaces, ignoring there only the setting that reads outside the workspace', () => {
      const untrusted = manifest.capabilities?.untrustedWorkspaces;
      assert.equal(untrusted?.supported, 'limited');
      assert.deepEqual(untrusted?.restrictedConfigurations, [`${SETTINGS_SECTION}.profilePaths`]);
      for (const name of untrusted?.restrictedConfigurations ?? []) assert.ok(name in properties, name);
      assert.ok((untrusted?.description ?? '') !== '');
      const virtual = manifest.capabilities?.virtualWorkspaces;
      assert.equal(virtual?.supported, 'limited');
      assert.ok((virtual?.description ?? '') !== '');
    });

    it('contributes Restart Server and Show Output, registered by the client and left in the palette', () => {
      const client = readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
      for (const [command, title] of [['plistSentinel.restartServer', 'Restart Server'], ['plistSentinel.showOutput', 'Show Output']] as const) {
        assert.equal(manifest.contributes.commands.find((contributed) => contributed.command === command)?.title, title);
        assert.ok(client.includes(`registerCommand('${command}'`), command);
        assert.ok(!manifest.contributes.menus.commandPalette.some((entry) => entry.command === command && entry.when === 'false'), command);
      }
    });
  });
});
