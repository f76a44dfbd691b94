/**
 * Converts a parsed tree to plain JavaScript values, the same shapes the `plist` package produces, so the parser
 * can be checked against a trusted one. Iterative, like the parser, so depth cannot overflow the stack.
 */
import type { PlistDocument, ScalarNode, ValueNode } from './nodes';

/** A plist value as plain data. Dates become `Date`, data becomes a `Uint8Array`. */
export type PlistValue = string | number | boolean | Date | Uint8Array | PlistValue[] | { [key: string]: PlistValue };

/** The value of the document's root, or `undefined` if there is none. Later duplicate keys win, as in `plist`. */
export function toValue(document: PlistDocument): PlistValue | undefined {
  return document.root === undefined ? undefined : valueOf(document.root);
}

/** The value of one node and everything under it. */
export function valueOf(node: ValueNode): PlistValue {
  const result = shell(node);
  const work: Array<[ValueNode, PlistValue]> = [[node, result]];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const [current, target] = item;
    if (current.kind === 'dict') {
      const record = target as { [key: string]: PlistValue };
      for (const entry of current.entries) {
        if (entry.value === undefined) continue;
        const child = shell(entry.value);
        record[entry.key.text] = child;
        work.push([entry.value, child]);
      }
    } else if (current.kind === 'array') {
      const list = target as PlistValue[];
      for (const value of current.items) {
        const child = shell(value);
        list.push(child);
        work.push([value, child]);
      }
    }
  }
  return result;
}

function shell(node: ValueNode): PlistValue {
  if (node.kind === 'dict') return Object.create(null) as { [key: string]: PlistValue };
  if (node.kind === 'array') return [];
  return scalarValue(node);
}

function scalarValue(node: ScalarNode): PlistValue {
  const text = node.text;
  switch (node.kind) {
    case 'string':
      return text;
    case 'boolean':
      return text === 'true';
    case 'integer': {
      const trimmed = text.trim();
      return /^[+-]?0[xX]/.test(trimmed) ? Number.parseInt(trimmed, 16) : Number.parseInt(trimmed, 10);
    }
    case 'real':
      return Number.parseFloat(text.trim());
    case 'date':
      return new Date(text.trim());
    case 'data':
      return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  }
}
