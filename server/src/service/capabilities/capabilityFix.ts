/**
 * The capability behind a key that should not be written by hand: an invented key whose real replacement a
 * capability writes (`com.apple.developer.push-notifications` -> Push Notifications), an unknown key whose
 * suggestion one does, or a real key in the wrong file that one writes where it belongs. The fix removes the key and
 * adds the capability instead, as Apple's advice on invented entitlements says to.
 */
import type { Capability, Catalog } from '../../../../shared/src/catalog';
import type { DictEntry, PlistDocument } from '../plist/nodes';

/** The diagnostic codes whose key a capability may replace. */
export const CAPABILITY_FIX_CODES: ReadonlySet<string> = new Set(['hallucinated-key', 'unknown-key', 'misplaced-key']);

/**
 * The one capability that writes `key` (or a key the catalog names for it) first; `undefined` when none does, or
 * when several do, as a guess between them would be no fix.
 */
export function capabilityForKey(catalog: Catalog, key: string, suggestions: readonly string[] = []): Capability | undefined {
  const replacements = catalog.hallucinations.find((entry) => entry.key === key)?.replacements ?? [];
  for (const candidate of [key, ...replacements, ...suggestions]) {
    const matches = catalog.capabilities.filter((capability) => capability.writes[0]?.key === candidate);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) return undefined;
  }
  return undefined;
}

/** The root entry whose key starts at `keyTextOffset`. */
export function rootEntryAt(parsed: PlistDocument, keyTextOffset: number): DictEntry | undefined {
  const root = parsed.root;
  if (root?.kind !== 'dict') return undefined;
  return root.entries.find((entry) => entry.key.textOffset <= keyTextOffset && keyTextOffset <= entry.key.textEnd);
}

/** The text without the entry: its key and value, and the lines they stood on when nothing else is on them. */
export function textWithoutEntry(text: string, entry: DictEntry): string {
  let start = entry.key.offset;
  let end = entry.value?.end ?? entry.key.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd >= 0 && /^[ \t\r]*$/.test(text.slice(end, lineEnd))) end = lineEnd + 1;
  return text.slice(0, start) + text.slice(end);
}
