/**
 * Compares two parses of one text element by element: every field of every row of the table, the entry lists and
 * the problems. The parser reads common elements straight from the text and everything else through its token
 * loop (parser.ts); `parsePlistByTokens` reads everything through the loop, and the two must agree on any input.
 */
import type { PlistDocument } from '../../server/src/service/plist/nodes';
import type { PlistTable } from '../../server/src/service/plist/table';

/** One element's row as readable fields. */
function rowOf(table: PlistTable, id: number): string {
  return JSON.stringify([
    table.kind(id),
    table.offset(id),
    table.end(id),
    table.textOffset(id),
    table.textEnd(id),
    table.isClosed(id),
    table.parent(id),
    table.firstChild(id),
    table.nextSibling(id),
    table.valueOf(id),
    table.keyOf(id),
    table.textOf(id),
    table.isSourceText(id),
  ]);
}

/** The first difference between two parses of the same text, or `undefined` when they agree. */
export function parseDifference(actual: PlistDocument, expected: PlistDocument): string | undefined {
  const a = actual.table;
  const b = expected.table;
  if (a.count !== b.count) return `${a.count} elements, expected ${b.count}`;
  if (a.root !== b.root) return `root ${a.root}, expected ${b.root}`;
  for (let id = 0; id < a.count; id++) {
    const row = rowOf(a, id);
    const expectedRow = rowOf(b, id);
    if (row !== expectedRow) return `element ${id} is ${row}, expected ${expectedRow}`;
  }
  const lists = [
    ['entry keys', [...a.entryKeys].join(), [...b.entryKeys].join()],
    ['problems', JSON.stringify(actual.problems), JSON.stringify(expected.problems)],
    ['<plist> element', JSON.stringify(actual.plistElement), JSON.stringify(expected.plistElement)],
  ] as const;
  for (const [what, got, wanted] of lists) if (got !== wanted) return `${what}: ${got}, expected ${wanted}`;
  return undefined;
}
