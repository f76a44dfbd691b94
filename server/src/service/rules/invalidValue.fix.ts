/**
 * invalid-value's fixes: keep only the first items of an array that takes fewer, or replace the value's text with a
 * valid value. Each edit replaces only the flagged value's text, or removes the extra items of its array.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import type { ValueNode } from '../plist/nodes';
import { fix, replaceText, valueReplacementFixes, valueStartingAt, type FixRequest } from '../fixEdits';

export function invalidValueFixes(request: FixRequest): CodeAction[] {
  return [...keepFirstItemsFixes(request), ...valueReplacementFixes(request)];
}

/** "Keep only the first N entries" of the array holding the flagged item, when it is one of the extra ones. */
function keepFirstItemsFixes(request: FixRequest): CodeAction[] {
  const keep = request.data.keepFirstItems;
  if (keep === undefined || keep < 1) return [];
  const node = valueStartingAt(request.parsed, request.document.offsetAt(request.diagnostic.range.start));
  const array = node?.parent;
  if (node === undefined || array?.kind !== 'array' || array.items.length <= keep || node.offset <= (array.items[keep - 1] as ValueNode).offset) return [];
  // From the end of the last kept item to the end of the last item: the extra items go with the line breaks and
  // indentation before each, so the kept ones stay as they were, in a one-line array as in Xcode's layout. Which
  // entry the author meant is unknowable, so the fix is not preferred (a fix-all must not pick one).
  const start = (array.items[keep - 1] as ValueNode).end;
  const end = (array.items.at(-1) as ValueNode).end;
  const title = keep === 1 ? 'Keep only the first entry' : `Keep only the first ${keep} entries`;
  return [fix(request, title, [replaceText(request.document, start, end, '')], false)];
}
