/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import { entryListOf, keyTextRange } from '../plist/walk';
import type { DictEntry } from '../plist/nodes';
import type { Problem, Rule } from './types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  check(document) {
    const problems: Problem[] = [];
    for (const dict of entryListOf(document).dictNodes) {
      const entries = dict.entries;
      // Most dicts are small enough that looking back beats a map.
      const firstByKey = entries.length > SMALL_DICT ? new Map<string, DictEntry>() : undefined;
      for (let index = 0; index < entries.length; index++) {
        const entry = entries[index] as DictEntry;
        const text = entry.key.text;
        let first: DictEntry | undefined;
        if (firstByKey === undefined) {
          for (let earlier = 0; earlier < index && first === undefined; earlier++) {
            const candidate = entries[earlier] as DictEntry;
            if (candidate.key.text === text) first = candidate;
          }
        } else {
          first = firstByKey.get(text);
          if (first === undefined) firstByKey.set(text, entry);
        }
        if (first === undefined) continue;
        problems.push({
          code: 'duplicate-key',
          ...keyTextRange(entry),
          message: `Duplicate key '${text}'`,
          related: [{ ...keyTextRange(first), message: `First '${text}' is here` }],
          data: { canRemove: true },
          isUnnecessary: true,
        });
      }
    }
    return problems;
  },
};

const SMALL_DICT = 16;
