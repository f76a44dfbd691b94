/** Small questions about the parser's rows that the model asks in several places. */
import { KIND_DICT, type PlistTable } from '../plist/table';

/** The root dict's key elements in order, or none when the root is not a dict. */
export function topLevelKeyElements(table: PlistTable): number[] {
  const keys: number[] = [];
  if (table.root < 0 || table.kind(table.root) !== KIND_DICT) return keys;
  for (let key = table.firstChild(table.root); key >= 0; key = table.nextSibling(key)) keys.push(key);
  return keys;
}

/** The element whose start tag is at `offset`, or -1: ids follow start tags, so their offsets are sorted. */
export function elementStartingAt(table: PlistTable, offset: number): number {
  let low = 0;
  let high = table.count - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = table.offset(middle);
    if (start === offset) return middle;
    if (start < offset) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The place of `element` in the sorted `elements`, or -1. */
export function indexIn(elements: Int32Array, element: number): number {
  let low = 0;
  let high = elements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = elements[middle] ?? -1;
    if (found === element) return middle;
    if (found < element) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
