/**
 * app-clip-unsupported: in an App Clip target, a key App Clips may not use (HealthKit, HomeKit, SensorKit, some
 * CoreTelephony keys), or a value they may not use (App Clips get only `CloudKit-Anonymous` among iCloud services).
 * App Store validation rejects the upload, or the framework returns nothing inside the clip.
 */
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

/** Values an App Clip may use, for keys where the rule depends on the value. */
const APP_CLIP_VALUES: Readonly<Record<string, readonly string[]>> = {
  'com.apple.developer.icloud-services': ['CloudKit-Anonymous'],
};

export const appClipUnsupported: Rule = {
  code: 'app-clip-unsupported',
  check(document, catalog, context) {
    if (context.target.productType !== 'app-clip' || context.fileKind !== 'entitlements') return [];
    const problems: Problem[] = [];
    for (const classified of documentModel(document, catalog, context).topLevel) {
      const { key, keyRange, keyClass } = classified;
      if (keyClass.kind !== 'real') continue;
      const catalogEntry = keyClass.entry;
      const why = catalogEntry.appClipNote === undefined ? '' : `: ${catalogEntry.appClipNote.replace(/\.$/, '')}`;
      if (catalogEntry.appClip === false) {
        problems.push({ code: 'app-clip-unsupported', ...keyRange, message: `App Clips may not use '${key}'${why}`, docUrl: catalogEntry.docUrl, data: { canRemove: true } });
        continue;
      }
      const allowed = APP_CLIP_VALUES[key];
      const value = allowed === undefined ? undefined : classified.entry.value;
      if (allowed === undefined || value === undefined) continue;
      const items = value.kind === 'array' ? value.items : [value];
      for (const item of items) {
        if (item.kind !== 'string' || allowed.includes(item.text) || item.text.includes('$(')) continue;
        problems.push({
          code: 'app-clip-unsupported',
          offset: item.textOffset,
          length: item.textEnd - item.textOffset,
          message: `App Clips may not use '${item.text}' for '${key}' (only ${allowed.map((value) => `'${value}'`).join(', ')})`,
          docUrl: catalogEntry.docUrl,
        });
      }
    }
    return problems;
  },
};
