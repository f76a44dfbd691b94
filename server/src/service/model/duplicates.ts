/**
 * The keys written twice in one dict, found in one pass over every entry in source order. A dict's keys come in
 * order with the keys of the dicts nested in it in between, so the dicts being read form a stack: each frame's keys
 * are a run at the end of `elements`, and a frame closes (its run is dropped) when a key of a dict outside it comes.
 * Small dicts are searched back with `table.sameText`, which makes no strings (most keys of a large file are in an
 * app's own small dicts, and nothing else reads them as strings); a dict past SMALL_DICT keys gets an index of its
 * keys hashed where they are written.
 */
import type { CatalogIndex } from '../catalogIndex';
import type { PlistDocument } from '../plist/nodes';
import { SourceKeyIndex } from '../plist/sourceKeyIndex';
import type { PlistTable } from '../plist/table';
import { CacheKey } from '../serviceCaches';

/** A key and the first key of its dict with the same text, as elements. */
export interface DuplicateElements {
  readonly key: number;
  readonly first: number;
}

const SMALL_DICT = 16;

/** Indexes kept for the next large dict: one per level of large dicts nested in large dicts, which no real file goes past. */
const SPARE_INDEXES = 4;

const SPARE = new CacheKey<SourceKeyIndex[]>('spareKeyIndexes', () => []);

/** Every key of `document` that repeats an earlier key of its dict, in source order. */
export function findDuplicates(document: PlistDocument, catalog: CatalogIndex): DuplicateElements[] {
  const found: DuplicateElements[] = [];
  const { table, keys } = document.entryList;
  const spare = catalog.caches.get(SPARE);
  const elements: number[] = [];
  let count = 0;
  const dicts: number[] = [];
  const starts: number[] = [];
  const indexes: Array<SourceKeyIndex | undefined> = [];
  let depth = 0;
  let start = 0;
  let index: SourceKeyIndex | undefined;
  for (let entry = 0; entry < keys.length; entry++) {
    const key = keys[entry] ?? -1;
    const dict = table.parent(key);
    if (depth === 0 || dicts[depth - 1] !== dict) {
      // Close the frames that do not hold this key's dict, then open its frame unless it is the one left on top.
      while (depth > 0 && dicts[depth - 1] !== dict && !contains(table, dicts[depth - 1] ?? -1, dict)) {
        depth--;
        count = starts[depth] ?? 0;
        release(spare, indexes[depth]);
      }
      if (depth > 0 && dicts[depth - 1] === dict) {
        start = starts[depth - 1] ?? 0;
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
        const other = elements[earlier] ?? -1;
        if (table.sameText(other, key)) first = other;
      }
      if (count - start >= SMALL_DICT && first < 0) {
        index = spare.pop() ?? new SourceKeyIndex();
        index.open(table);
        for (let earlier = start; earlier < count; earlier++) index.firstOf(elements[earlier] ?? -1);
        index.firstOf(key);
        indexes[depth - 1] = index;
      }
    }
    elements[count++] = key;
    if (first >= 0) found.push({ key, first });
  }
  while (depth > 0) release(spare, indexes[--depth]);
  return found;
}

/** True when `element` is inside `container` (ids follow start tags, so they are the ids up to its last descendant). */
function contains(table: PlistTable, container: number, element: number): boolean {
  return element > container && element <= table.lastInside(container);
}

/** Done with a closed dict's index: it lets the table go and is kept for the next large dict. */
function release(spare: SourceKeyIndex[], index: SourceKeyIndex | undefined): void {
  if (index === undefined) return;
  index.close();
  if (spare.length < SPARE_INDEXES) spare.push(index);
}
