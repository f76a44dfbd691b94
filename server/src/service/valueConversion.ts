/**
 * Conversions between plist element types that keep a value's meaning: `<string>YES</string>` is `<true/>`, and
 * `<integer>5</integer>` where a string is needed is `<string>5</string>`. `invalid-value-type` offers a fix only
 * when a conversion exists, and the quick fix builds the same element, so the two cannot disagree.
 */
import type { ValueType } from '../../../shared/src/catalog';
import type { ScalarNode } from './plist/nodes';

/** The words Xcode and Foundation read as booleans (`-[NSString boolValue]` takes these and no others we offer). */
const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['true', true],
  ['1', true],
  ['no', false],
  ['false', false],
  ['0', false],
]);

/** The element that replaces `node` as a value of type `to`, or `undefined` when the meaning would not survive. */
export function convertedElement(node: ScalarNode, to: ValueType): string | undefined {
  const text = node.text.trim();
  switch (to) {
    case 'boolean': {
      if (node.kind !== 'string' && node.kind !== 'integer') return undefined;
      const isTrue = BOOLEAN_WORDS.get(text.toLowerCase());
      return isTrue === undefined ? undefined : isTrue ? '<true/>' : '<false/>';
    }
    case 'string':
      // Numbers hold no characters that need escaping.
      return node.kind === 'integer' || node.kind === 'real' ? `<string>${text}</string>` : undefined;
    case 'integer':
      if (node.kind === 'string' && /^[+-]?\d+$/.test(text)) return `<integer>${text}</integer>`;
      if (node.kind === 'real' && /^[+-]?\d+(\.0*)?$/.test(text)) return `<integer>${text.replace(/\.0*$/, '')}</integer>`;
      return undefined;
    case 'real':
      return node.kind === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? `<real>${text}</real>` : undefined;
    default:
      return undefined;
  }
}
