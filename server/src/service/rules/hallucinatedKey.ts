/**
 * hallucinated-key: a key that people and AI tools invent but Apple never defined, such as
 * `com.apple.developer.push-notifications`. Signing fails on it with a message that does not say what is real
 * instead; we do.
 */
import { classifyTopLevelKey } from '../keyClassification';
import { keyTextRange, topLevelEntries } from '../plist/walk';
import type { Problem, Rule } from './types';

export const hallucinatedKey: Rule = {
  code: 'hallucinated-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    for (const entry of topLevelEntries(document)) {
      const keyClass = classifyTopLevelKey(entry.key.text, context.fileKind, catalog, context.allowedKeys);
      if (keyClass.kind !== 'hallucinated') continue;
      const { hallucination } = keyClass;
      const replacements = rankForPlatform(hallucination.replacements, catalog, context.platform);
      const best = replacements[0];
      const docUrl = best === undefined ? undefined : (catalog.entitlement(best) ?? catalog.infoPlistKey(best))?.docUrl;
      const isEntitlementReplacement = hallucination.kind === 'wrong-name';
      problems.push({
        code: 'hallucinated-key',
        ...keyTextRange(entry),
        message: `'${entry.key.text}' is not a real key: ${lowerFirst(hallucination.advice)}`,
        ...(docUrl === undefined ? {} : { docUrl }),
        data: { replacements: isEntitlementReplacement ? replacements : [], canRemove: true },
      });
    }
    return problems;
  },
};

/** Puts the replacements documented for `platform` first, keeping the researched order otherwise. */
function rankForPlatform(keys: readonly string[], catalog: Parameters<Rule['check']>[1], platform: string | undefined): string[] {
  if (platform === undefined) return [...keys];
  const fits = (key: string) => (catalog.entitlement(key)?.platforms ?? []).some((candidate) => candidate === platform);
  return [...keys.filter(fits), ...keys.filter((key) => !fits(key))];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
