/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import { forEachEntry, keyTextRange } from '../plist/walk';
import type { DictEntry } from '../plist/nodes';
import type { Problem, Rule } from './types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  check(document) {
    const problems: Problem[] = [];
    const firstByDict = new Map<object, Map<string, DictEntry>>();
    forEachEntry(document, (entry, dict) => {
      let seen = firstByDict.get(dict);
      if (seen === undefined) {
        seen = new Map();
        firstByDict.set(dict, seen);
      }
      const first = seen.get(entry.key.text);
      if (first === undefined) {
        seen.set(entry.key.text, entry);
        return;
      }
      const firstRange = keyTextRange(first);
      problems.push({
        code: 'duplicate-key',
        ...keyTextRange(entry),
        message: `Duplicate key '${entry.key.text}'`,
        related: [{ ...firstRange, message: `First '${entry.key.text}' is here` }],
        data: { canRemove: true },
        isUnnecessary: true,
      });
    });
    return problems;
  },
};
