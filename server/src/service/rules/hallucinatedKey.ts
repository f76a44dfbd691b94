/**
 * hallucinated-key: a key that people and AI tools invent but Apple never defined, such as
 * `com.apple.developer.push-notifications`. Signing fails on it with a message that does not say what is real
 * instead; we do.
 */
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

export const hallucinatedKey: Rule = {
  code: 'hallucinated-key',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    for (const { key, keyRange, keyClass } of documentModel(document, catalog, context).topLevel) {
      if (keyClass.kind !== 'hallucinated') continue;
      const { hallucination } = keyClass;
      const replacements = rankForPlatforms(hallucination.replacements, catalog, context.target.platforms);
      const best = replacements[0];
      const docUrl = best === undefined ? undefined : (catalog.entitlement(best) ?? catalog.infoPlistKey(best))?.docUrl;
      const isEntitlementReplacement = hallucination.kind === 'wrong-name';
      problems.push({
        code: 'hallucinated-key',
        ...keyRange,
        message: `'${key}' is not a real key: ${lowerFirst(hallucination.advice)}`,
        ...(docUrl === undefined ? {} : { docUrl }),
        data: { replacements: isEntitlementReplacement ? replacements : [], canRemove: true },
      });
    }
    return problems;
  },
};

/** Puts the replacements documented for the target's platforms first, keeping the researched order otherwise. */
function rankForPlatforms(keys: readonly string[], catalog: Parameters<Rule['check']>[1], platforms: readonly string[]): string[] {
  if (platforms.length === 0) return [...keys];
  const fits = (key: string) => (catalog.entitlement(key)?.platforms ?? []).some((candidate) => platforms.includes(candidate));
  return [...keys.filter(fits), ...keys.filter((key) => !fits(key))];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
