/**
 * Pulls settings per document with `workspace/configuration`, caches the promise per URI, and forgets it on close
 * and on configuration change. Clients that cannot answer get the defaults.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, type Settings } from '../../shared/src/settings';

export interface SettingsStore {
  get(uri: string): Promise<Settings>;
  forget(uri: string): void;
  forgetAll(): void;
}

export function createSettingsStore(connection: Connection, canPull: () => boolean): SettingsStore {
  const cache = new Map<string, Promise<Settings>>();
  return {
    get(uri) {
      if (!canPull()) return Promise.resolve(DEFAULT_SETTINGS);
      let settings = cache.get(uri);
      if (settings === undefined) {
        settings = connection.workspace
          .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
          .then(readSettings, () => DEFAULT_SETTINGS);
        cache.set(uri, settings);
      }
      return settings;
    },
    forget: (uri) => void cache.delete(uri),
    forgetAll: () => cache.clear(),
  };
}
