/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import { SourceKeyIndex } from '../plist/sourceKeyIndex';
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
    // A frame of more than SMALL_DICT keys gets an index of its keys by text; smaller ones look back.
    const indexes: Array<SourceKeyIndex | undefined> = [];
    let depth = 0;
    let start = 0;
    let index: SourceKeyIndex | undefined;
    for (let entry = 0; entry < keys.length; entry++) {
      const key = keys[entry] as number;
      const dict = table.parent(key);
      if (depth === 0 || dicts[depth - 1] !== dict) {
        // Close the frames that do not hold this key's dict, then open its frame unless it is the one left on top.
        while (depth > 0 && dicts[depth - 1] !== dict && !contains(table, dicts[depth - 1] as number, dict)) {
          depth--;
          count = starts[depth] as number;
          release(indexes[depth]);
        }
        if (depth > 0 && dicts[depth - 1] === dict) {
          start = starts[depth - 1] as number;
          index = indexes[depth - 1];
        } else {
          dicts[depth] = dict;
          starts[depth] = count;
          indexes[depth] = undefined;
          depth++;
          start = count;
          index = undefined;
        }
      }
      let first = -1;
      if (index !== undefined) {
        first = index.firstOf(key);
      } else {
        for (let earlier = start; earlier < count && first < 0; earlier++) {
          if (table.sameText(elements[earlier] as number, key)) first = elements[earlier] as number;
        }
        if (count - start >= SMALL_DICT && first < 0) {
          index = indexFor(table);
          for (let earlier = start; earlier < count; earlier++) index.firstOf(elements[earlier] as number);
          index.firstOf(key);
          indexes[depth - 1] = index;
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
    while (depth > 0) release(indexes[--depth]);
    return problems;
  },
};

/** True when `element` is inside `container` (ids follow start tags, so they are the ids up to its last descendant). */
function contains(table: PlistTable, container: number, element: number): boolean {
  return element > container && element <= table.lastInside(container);
}

const SMALL_DICT = 16;

/**
 * Indexes of large dicts' keys, kept between dicts and validations (see `release`). A `Map` of the keys' strings
 * was slower even for the root dict, whose keys every rule reads as strings (hashed once, then): on a 1 MB file the
 * map's growth and lookups took twice as long as hashing the keys in the source, and the exception domains' hundreds
 * of names, which nothing else reads, were each sliced and hashed only for it.
 */
const spareIndexes: SourceKeyIndex[] = [];

/** Indexes kept: one per level of large dicts nested in large dicts, which no real file goes past. */
const SPARE_INDEXES = 4;

function indexFor(table: PlistTable): SourceKeyIndex {
  const index = spareIndexes.pop() ?? new SourceKeyIndex();
  index.open(table);
  return index;
}

/** Done with a closed dict's index: it lets the table go and is kept for the next large dict. */
function release(index: SourceKeyIndex | undefined): void {
  if (index === undefined) return;
  index.close();
  if (spareIndexes.length < SPARE_INDEXES) spareIndexes.push(index);
}
