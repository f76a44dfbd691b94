/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import { forEachEntry, keyTextRange } from '../plist/walk';
import type { DictEntry, DictNode } from '../plist/nodes';
import type { Problem, Rule } from './types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  check(document) {
    const problems: Problem[] = [];
    // A dict's entries are visited one after another; most dicts are small enough that looking back beats a map.
    let currentDict: DictNode | undefined;
    let indexInDict = 0;
    let firstByKey: Map<string, DictEntry> | undefined;
    forEachEntry(document, (entry, dict) => {
      if (dict !== currentDict) {
        currentDict = dict;
        indexInDict = 0;
        firstByKey = dict.entries.length > SMALL_DICT ? new Map() : undefined;
      }
      const index = indexInDict++;
      const text = entry.key.text;
      let first: DictEntry | undefined;
      if (firstByKey === undefined) {
        for (let earlier = 0; earlier < index && first === undefined; earlier++) {
          const candidate = dict.entries[earlier] as DictEntry;
          if (candidate.key.text === text) first = candidate;
        }
      } else {
        first = firstByKey.get(text);
        if (first === undefined) firstByKey.set(text, entry);
      }
      if (first === undefined) return;
      const firstRange = keyTextRange(first);
      problems.push({
        code: 'duplicate-key',
        ...keyTextRange(entry),
        message: `Duplicate key '${text}'`,
        related: [{ ...firstRange, message: `First '${text}' is here` }],
        data: { canRemove: true },
        isUnnecessary: true,
      });
    });
    return problems;
  },
};

const SMALL_DICT = 16;
