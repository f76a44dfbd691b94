/**
 * deprecated-key: a key Apple has deprecated, at any depth of Info.plist or at the top of an `.entitlements` file.
 * Older systems may still read it, newer ones ignore it, so the replacement is offered as a fix.
 */
import type { CatalogEntry } from '../../../../shared/src/catalog';
import { forEachEntryWithPath, keyTextRange } from '../plist/walk';
import type { Problem, Rule } from './types';

export const deprecatedKey: Rule = {
  code: 'deprecated-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    const root = document.root;
    forEachEntryWithPath(document, (entry, dict, dictPath) => {
      let catalogEntry: CatalogEntry | undefined;
      if (context.fileKind === 'infoPlist') catalogEntry = catalog.infoPlistEntryIn(dictPath, entry.key.text);
      else if (dict === root) catalogEntry = catalog.entitlement(entry.key.text);
      if (catalogEntry?.isDeprecated !== true || context.allowedKeys.has(entry.key.text)) return;
      // Only key names are offered as renames; some replacements are prose ("WidgetKit complications").
      const realReplacements = (catalogEntry.replacedBy ?? []).filter((key) => /^[A-Za-z][\w.-]*$/.test(key));
      const instead = realReplacements.length > 0 ? `; use ${realReplacements.map((key) => `'${key}'`).join(' or ')}` : '';
      problems.push({
        code: 'deprecated-key',
        ...keyTextRange(entry),
        message: `'${entry.key.text}' is deprecated${instead}`,
        docUrl: catalogEntry.docUrl,
        isDeprecated: true,
        data: { replacements: realReplacements },
      });
    });
    return problems;
  },
};
