/** The root's entries and the ranges rules report on, read from the node tree. */
import type { DictEntry, KeyNode, PlistDocument, ScalarNode } from './nodes';
import type { PlistTable } from './table';

/** A range of the source: where a finding underlines. */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

/** The root dict's entries, or none when the root is not a dict. Makes the tree's top level only. */
export function topLevelEntries(document: PlistDocument): readonly DictEntry[] {
  return document.root?.kind === 'dict' ? document.root.entries : [];
}

/** A key's or scalar's text, or its whole element when the text is empty (`<key/>`, `<string/>`, `<true/>`). */
export function textRange(node: KeyNode | ScalarNode): TextSpan {
  return node.textEnd > node.textOffset
    ? { offset: node.textOffset, length: node.textEnd - node.textOffset }
    : { offset: node.offset, length: node.end - node.offset };
}

/** `textRange` of a key or scalar element of the rows, without making its node (for the parser and the model). */
export function elementTextRange(table: PlistTable, element: number): TextSpan {
  const textOffset = table.textOffset(element);
  const textEnd = table.textEnd(element);
  if (textEnd > textOffset) return { offset: textOffset, length: textEnd - textOffset };
  const offset = table.offset(element);
  return { offset, length: table.end(element) - offset };
}
