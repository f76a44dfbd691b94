/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import { entryListOf, elementTextRange } from '../plist/walk';
import type { Problem, Rule } from './types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  check(document) {
    const problems: Problem[] = [];
    const { table, dicts } = entryListOf(document);
    // The keys of the dict being checked, in arrays reused from one dict to the next and filled up to `count`
    // (emptying an array with `length = 0` gives its memory back, and every dict then grew a new one).
    const keys: number[] = [];
    const texts: string[] = [];
    for (let dictIndex = 0; dictIndex < dicts.length; dictIndex++) {
      const dict = dicts[dictIndex] as number;
      let count = 0;
      for (let key = table.firstChild(dict); key >= 0; key = table.nextSibling(key)) {
        keys[count] = key;
        texts[count] = table.textOf(key);
        count++;
      }
      // Most dicts are small enough that looking back beats a map.
      const firstByKey = count > SMALL_DICT ? new Map<string, number>() : undefined;
      for (let index = 0; index < count; index++) {
        const text = texts[index] as string;
        let first = -1;
        if (firstByKey === undefined) {
          for (let earlier = 0; earlier < index && first < 0; earlier++) {
            if (texts[earlier] === text) first = keys[earlier] as number;
          }
        } else {
          first = firstByKey.get(text) ?? -1;
          if (first < 0) firstByKey.set(text, keys[index] as number);
        }
        if (first < 0) continue;
        problems.push({
          code: 'duplicate-key',
          ...elementTextRange(table, keys[index] as number),
          message: `Duplicate key '${text}'`,
          related: [{ ...elementTextRange(table, first), message: `First '${text}' is here` }],
          data: { canRemove: true },
          isUnnecessary: true,
        });
      }
    }
    return problems;
  },
};

const SMALL_DICT = 16;
