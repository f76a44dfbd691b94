/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import type { PlistTable } from '../plist/table';
import { entryListOf, elementTextRange } from '../plist/walk';
import type { Problem, Rule } from './types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  check(document) {
    const problems: Problem[] = [];
    const { table, keys } = entryListOf(document);
    // One pass over every entry in source order. A dict's keys come in order, with the keys of the dicts nested in
    // it in between, so the dicts being read form a stack: each frame's keys are a run at the end of `elements`,
    // and a frame closes (its run is dropped) when a key of a dict outside it comes. Walking each dict's children
    // instead (firstChild, nextSibling) cost half of this rule on a 1 MB file. The keys of small dicts are compared
    // with `table.sameText`, which makes no strings: most keys of a large file are in an app's own small dicts, and
    // nothing else reads them as strings.
    const elements: number[] = [];
    let count = 0;
    const dicts: number[] = [];
    const starts: number[] = [];
    // A frame of more than SMALL_DICT keys gets a map of its keys (first occurrence by text); smaller ones look back.
    const maps: Array<Map<string, number> | undefined> = [];
    let depth = 0;
    let start = 0;
    let map: Map<string, number> | undefined;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as number;
      const dict = table.parent(key);
      if (depth === 0 || dicts[depth - 1] !== dict) {
        // Close the frames that do not hold this key's dict, then open its frame unless it is the one left on top.
        while (depth > 0 && dicts[depth - 1] !== dict && !contains(table, dicts[depth - 1] as number, dict)) {
          depth--;
          count = starts[depth] as number;
        }
        if (depth > 0 && dicts[depth - 1] === dict) {
          start = starts[depth - 1] as number;
          map = maps[depth - 1];
        } else {
          dicts[depth] = dict;
          starts[depth] = count;
          maps[depth] = undefined;
          depth++;
          start = count;
          map = undefined;
        }
      }
      let first = -1;
      if (map !== undefined) {
        const text = table.textOf(key);
        first = map.get(text) ?? -1;
        if (first < 0) map.set(text, key);
      } else {
        for (let earlier = start; earlier < count && first < 0; earlier++) {
          if (table.sameText(elements[earlier] as number, key)) first = elements[earlier] as number;
        }
        if (count - start >= SMALL_DICT && first < 0) {
          map = new Map();
          for (let earlier = start; earlier < count; earlier++) map.set(table.textOf(elements[earlier] as number), elements[earlier] as number);
          map.set(table.textOf(key), key);
          maps[depth - 1] = map;
        }
      }
      elements[count++] = key;
      if (first < 0) continue;
      const text = table.textOf(key);
      problems.push({
        code: 'duplicate-key',
        ...elementTextRange(table, key),
        message: `Duplicate key '${text}'`,
        related: [{ ...elementTextRange(table, first), message: `First '${text}' is here` }],
        data: { canRemove: true },
        isUnnecessary: true,
      });
    }
    return problems;
  },
};

/** True when `element` is inside `container` (ids follow start tags, so they are the ids up to its last descendant). */
function contains(table: PlistTable, container: number, element: number): boolean {
  return element > container && element <= table.lastInside(container);
}

const SMALL_DICT = 16;
