/**
 * deprecated-key: a key Apple has deprecated, at any depth of Info.plist or at the top of an `.entitlements` file.
 * Older systems may still read it, newer ones ignore it, so the replacement is offered as a fix. A key App Store
 * Connect rejects is an error, with its removal as the fix.
 */
import type { CatalogEntry } from '../../../../shared/src/catalog';
import { infoPlistEntriesOf } from '../infoPlistEntries';
import { elementTextRange, topLevelKeyElements } from '../plist/walk';
import type { Problem, Rule } from './types';

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
    if (context.fileKind === 'infoPlist') {
      // Keys as written: a `~ipad` variant is its own key here.
      const { table, keys, exactEntries } = infoPlistEntriesOf(document, catalog);
      for (let index = 0; index < keys.length; index++) {
        const catalogEntry = exactEntries.at(index);
        if (catalogEntry?.isDeprecated !== true) continue;
        const key = keys[index] as number;
        report(table.textOf(key), elementTextRange(table, key), catalogEntry);
      }
    } else {
      const table = document.table;
      for (const key of topLevelKeyElements(table)) {
        const text = table.textOf(key);
        const catalogEntry = catalog.entitlement(text);
        if (catalogEntry?.isDeprecated === true) report(text, elementTextRange(table, key), catalogEntry);
      }
    }
    return problems;
  },
};
