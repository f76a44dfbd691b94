/**
 * deprecated-key: a key Apple has deprecated, at any depth of Info.plist or at the top of an `.entitlements` file.
 * Older systems may still read it, newer ones ignore it, so the replacement is offered as a fix. A key App Store
 * Connect rejects is an error, with its removal as the fix.
 */
import type { CatalogEntry } from '../../../../shared/src/catalog';
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

export const deprecatedKey: Rule = {
  code: 'deprecated-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    /** `catalogEntry` is deprecated; callers check that first, before making the key's text and range. */
    const report = (key: string, range: { offset: number; length: number }, catalogEntry: CatalogEntry) => {
      if (context.allowedKeys.has(key)) return;
      // Only key names are offered as renames; some replacements are prose ("WidgetKit complications").
      const realReplacements = (catalogEntry.replacedBy ?? []).filter((key) => /^[A-Za-z][\w.-]*$/.test(key));
      const instead = realReplacements.length > 0 ? `; use ${realReplacements.map((key) => `'${key}'`).join(' or ')}` : '';
      if (catalogEntry.rejectedBy !== undefined) {
        // Not a key older systems still need: the upload fails while it is there.
        problems.push({ code: 'deprecated-key', ...range, severity: 'error', message: `'${key}' is rejected by App Store Connect (${catalogEntry.rejectedBy}); remove it${instead}`, docUrl: catalogEntry.docUrl, isDeprecated: true, data: { replacements: realReplacements, canRemove: true } });
        return;
      }
      problems.push({
        code: 'deprecated-key',
        ...range,
        message: `'${key}' is deprecated${instead}`,
        docUrl: catalogEntry.docUrl,
        isDeprecated: true,
        data: { replacements: realReplacements },
      });
    };
    // Keys as written: a `~ipad` variant is its own key here.
    documentModel(document, catalog, context).forEachCatalogKey((entry) => {
      if (entry.writtenEntry?.isDeprecated === true) report(entry.key, entry.keyRange, entry.writtenEntry);
    });
    return problems;
  },
};
