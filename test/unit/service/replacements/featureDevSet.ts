import type { Diagnostic } from 'vscode-languageserver-types';
import type { Feature, FileKind, Platform } from '../../../../shared/src/catalog';
import { PLIST_HEADER, companionOf, diagnose, plist, service } from '../../helpers';

/**
 * Feature-named inventions made from the feature data by the naming transformations agents use: a feature's
 * name or framework as the last segment of `com.apple.developer.` (`com.apple.developer.screen-time`,
 * `com.apple.developer.activitykit`), and `NS` + name + `UsageDescription` for a feature with a purpose string.
 * The right fix is derived from the feature's needs on its first platform, independently of the engine.
 */
interface FeatureRow {
  readonly key: string;
  readonly fileKind: FileKind;
  readonly platform: Platform;
  /** `rename:<key>`, `move:<key>` (the gate is a key of the other file) or `remove`. */
  readonly expected: string;
  readonly feature: string;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

function appliesOn(need: Feature['needs'][number], platform: Platform): boolean {
  return !('platforms' in need) || need.platforms === undefined || need.platforms.includes(platform);
}

/** The fix a key naming `feature` deserves on `platform`, in a file of `fileKind`, read off the feature data. */
function expectedFix(feature: Feature, platform: Platform, fileKind: FileKind): string | undefined {
  const needs = feature.needs.filter((need) => appliesOn(need, platform));
  const entitlement = needs.find((need) => need.kind === 'entitlement' && service.catalog.entitlement(need.key) !== undefined);
  if (entitlement !== undefined && 'key' in entitlement) return `${fileKind === 'entitlements' ? 'rename' : 'move'}:${entitlement.key}`;
  const infoKey =
    needs.find((need) => need.kind === 'infoPlistKey' && service.catalog.infoPlistKey(need.key) !== undefined) ??
    needs.find((need) => need.kind === 'purposeString' && service.catalog.infoPlistKey(need.key) !== undefined);
  if (infoKey !== undefined && 'key' in infoKey) return `${fileKind === 'infoPlist' ? 'rename' : 'move'}:${infoKey.key}`;
  return needs.length === 0 ? undefined : 'remove';
}

function isTaken(key: string): boolean {
  const catalog = service.catalog;
  return catalog.entitlement(key) !== undefined || catalog.isInfoPlistKeyAnywhere(key) || catalog.hallucination(key) !== undefined;
}

export function featureDevSet(): { rows: FeatureRow[]; ambiguous: number } {
  const byKey = new Map<string, FeatureRow[]>();
  const add = (row: FeatureRow) => {
    if (isTaken(row.key)) return;
    byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  };
  for (const feature of service.catalog.catalog.features) {
    const platform = feature.platforms[0];
    if (platform === undefined) continue;
    const expected = expectedFix(feature, platform, 'entitlements');
    if (expected !== undefined) {
      const names = [...feature.names.slice(0, 2), ...feature.frameworks.slice(0, 1)];
      for (const name of names) {
        if (!/^[\x20-\x7e]+$/.test(name) || kebab(name).length < 3) continue;
        add({ key: `com.apple.developer.${kebab(name)}`, fileKind: 'entitlements', platform, expected, feature: feature.id });
      }
      const framework = feature.frameworks[0];
      if (framework !== undefined) add({ key: `com.apple.developer.${framework.toLowerCase()}`, fileKind: 'entitlements', platform, expected, feature: feature.id });
    }
    const purpose = feature.needs.find((need) => need.kind === 'purposeString' && appliesOn(need, platform));
    const name = feature.names[0];
    if (purpose !== undefined && 'key' in purpose && name !== undefined) {
      add({ key: `NS${pascal(name)}UsageDescription`, fileKind: 'infoPlist', platform, expected: `rename:${purpose.key}`, feature: feature.id });
    }
  }
  // A key two features' names make with different fixes has no one right answer: left out, and counted.
  const rows: FeatureRow[] = [];
  let ambiguous = 0;
  for (const candidates of byKey.values()) {
    const first = candidates[0] as FeatureRow;
    if (candidates.some((row) => row.expected !== first.expected)) ambiguous++;
    else rows.push(first);
  }
  return { rows, ambiguous };
}

const INFO = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n</dict>\n</plist>\n`;
const ENTITLEMENTS = `${PLIST_HEADER}<dict>\n</dict>\n</plist>\n`;

/** The first fix a user is offered for the row's key, in the same notation as `expected`. */
export function firstFix(row: Pick<FeatureRow, 'key' | 'fileKind' | 'platform'>): string {
  const companion = row.fileKind === 'entitlements' ? companionOf(INFO, 'infoPlist') : companionOf(ENTITLEMENTS, 'entitlements', 'file:///workspace/App/App.entitlements');
  const diagnostics = diagnose(plist(`<key>${row.key}</key><true/>`), { fileKind: row.fileKind, platform: row.platform, companion });
  const found = diagnostics.find((diagnostic: Diagnostic) => diagnostic.code === 'unknown-key' || diagnostic.code === 'hallucinated-key');
  if (found === undefined) return '(none)';
  const data = found.data as { replacements?: string[]; canRemove?: boolean; companionEdit?: { key: string } };
  if (data.companionEdit !== undefined) return `move:${data.companionEdit.key}`;
  const best = data.replacements?.[0];
  if (best !== undefined) return `rename:${best}`;
  return data.canRemove === true ? 'remove' : '(none)';
}

