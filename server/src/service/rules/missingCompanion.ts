/**
 * missing-companion: what one file of a target needs from the other. An entitlement whose feature shows a
 * permission prompt needs its purpose string in Info.plist (without it the app is terminated when it asks), and a
 * background mode such as `remote-notification` needs its entitlement. The pairs are the well-founded ones from
 * the cross-file research, kept as data in the catalog (`companionRules`). Checked only when the other file is
 * known, and Info.plist keys generated from `INFOPLIST_KEY_*` build settings count as present. A rule whose two
 * sides name the same file (a background mode that needs its Info.plist key) is checked within that file alone.
 */
import type { CompanionRule } from '../../../../shared/src/catalog';
import { insertEntryEdit } from '../companionEdits';
import type { DictEntry, PlistDocument } from '../plist/nodes';
import { textRange, topLevelEntriesByKey } from '../model/documentModel';
import type { CompanionDocument, DocumentContext, Problem, Rule } from '../types';
import { ipadOrientationProblems } from './ipadOrientations';

export const missingCompanion: Rule = {
  code: 'missing-companion',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    for (const rule of catalog.catalog.companionRules) {
      if (rule.when.file !== context.fileKind || !appliesToPlatforms(rule, context)) continue;
      // The trigger first: most rules' trigger key is absent, and that settles them without the other file.
      const trigger = findTrigger(document, rule);
      if (trigger === undefined) continue;
      const companion = rule.requires.file === context.fileKind ? itself(document, context) : context.companion;
      if (companion?.fileKind !== rule.requires.file || hasAnyKey(companion, rule.requires.anyOf, context)) continue;
      const wanted = rule.requires.anyOf;
      const names = wanted.map((key) => `'${key}'`).join(' or ');
      const edit = insertEntryEdit(companion, wanted[0] ?? '', rule.requires.valueXml ?? '<string></string>');
      problems.push({
        code: 'missing-companion',
        ...trigger,
        message: `'${trigger.label}' needs ${names} in ${companion.fileName}: ${rule.reason.replace(/\.$/, '')}`,
        ...(edit === undefined ? {} : { data: { companionEdit: edit } }),
      });
    }
    return [...problems, ...ipadOrientationProblems(document, catalog, context)];
  },
};

/**
 * The diagnosed file as its own companion, for a key that needs another key of the same file (`uri: ''` means this
 * file). An Info.plist without CFBundleIdentifier is the part Xcode completes from `INFOPLIST_KEY_*` build settings,
 * which may hold the wanted key, so it is left alone.
 */
function itself(document: PlistDocument, context: DocumentContext): CompanionDocument | undefined {
  if (context.fileKind === 'infoPlist' && !topLevelEntriesByKey(document).has('CFBundleIdentifier')) return undefined;
  return { uri: '', fileName: context.fileName ?? (context.fileKind === 'infoPlist' ? 'Info.plist' : 'the entitlements file'), fileKind: context.fileKind, parsed: document };
}

function appliesToPlatforms(rule: CompanionRule, context: DocumentContext): boolean {
  const platforms = rule.when.platforms;
  if (platforms === undefined) return true;
  if (context.target.platforms.length === 0) return rule.when.platformsKnown !== true;
  return context.target.platforms.some((platform) => platforms.includes(platform));
}

/** The key (or, for a value condition, the matching value) that triggers the rule, with its range. */
function findTrigger(document: PlistDocument, rule: CompanionRule): { offset: number; length: number; label: string } | undefined {
  const entry: DictEntry | undefined = topLevelEntriesByKey(document).get(rule.when.key);
  if (entry === undefined) return undefined;
  if (rule.when.value === undefined) {
    if (entry.value?.kind === 'boolean' && entry.value.text === 'false') return undefined;
    return { ...textRange(entry.key), label: entry.key.text };
  }
  const items = entry.value?.kind === 'array' ? entry.value.items : entry.value === undefined ? [] : [entry.value];
  const item = items.find((candidate) => candidate.kind === 'string' && candidate.text === rule.when.value);
  if (item === undefined || item.kind !== 'string') return undefined;
  return { offset: item.textOffset, length: item.textEnd - item.textOffset, label: `${entry.key.text}: ${item.text}` };
}

function hasAnyKey(companion: CompanionDocument, keys: readonly string[], context: DocumentContext): boolean {
  const present = topLevelEntriesByKey(companion.parsed);
  const generated = companion.fileKind === 'infoPlist' ? context.generatedInfoPlistKeys ?? [] : [];
  return keys.some((key) => present.has(key) || generated.includes(key));
}

