/**
 * platform-mismatch: a key that is not available on any of the target's platforms, such as `aps-environment` in a
 * macOS app (whose form is `com.apple.developer.aps-environment`). Signing ignores or rejects it, and the feature
 * silently does not work. Multi-platform and Mac Catalyst targets are flagged only when no platform can use the key.
 */
import type { CatalogEntry } from '../../../../shared/src/catalog';
import type { CatalogIndex } from '../catalogIndex';
import { isAvailableOn } from '../platforms';
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

export const platformMismatch: Rule = {
  code: 'platform-mismatch',
  check(document, catalog, context) {
    // Info.plist keys for another platform are simply not read there, and Apple's per-key platform lists for
    // Info.plist are too loose to flag them; an entitlement is checked against the provisioning profile.
    const platforms = context.target.platforms;
    if (platforms.length === 0 || context.fileKind !== 'entitlements') return [];
    const problems: Problem[] = [];
    for (const { key, keyRange, keyClass } of documentModel(document, catalog, context).topLevel) {
      if (keyClass.kind !== 'real' || isAvailableOn(keyClass.entry.platforms, platforms)) continue;
      const counterparts = counterpartsOf(keyClass.entry, catalog, platforms);
      const instead = counterparts.length > 0 ? `; use '${counterparts[0] ?? ''}'` : '';
      problems.push({
        code: 'platform-mismatch',
        ...keyRange,
        message: `'${key}' is not available on ${platforms.join(', ')} (only ${keyClass.entry.platforms.join(', ')})${instead}`,
        docUrl: keyClass.entry.docUrl,
        ...(context.target.platformSource === 'guess' ? { severity: 'information' as const } : {}),
        data: { replacements: counterparts, canRemove: true },
      });
    }
    return problems;
  },
};

/**
 * The same feature's key on the target's platforms: a key whose name ends with this one's, or the reverse
 * (`aps-environment` and `com.apple.developer.aps-environment`, `application-identifier` and
 * `com.apple.application-identifier`).
 */
function counterpartsOf(entry: CatalogEntry, catalog: CatalogIndex, platforms: CatalogEntry['platforms']): string[] {
  const keys = entry.file === 'entitlements' ? catalog.entitlementKeys : catalog.infoPlistKeys;
  return keys.filter((candidate) => {
    if (candidate === entry.key || !(candidate.endsWith(`.${entry.key}`) || entry.key.endsWith(`.${candidate}`))) return false;
    const candidateEntry = catalog.entryFor(entry.file, candidate);
    return candidateEntry !== undefined && isAvailableOn(candidateEntry.platforms, platforms);
  });
}
