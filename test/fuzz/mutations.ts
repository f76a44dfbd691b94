/**
 * Seeded mutations of plist text for the fuzz test and `npm run fuzz`: the same seed gives the same inputs on every
 * machine, so a failure is reproduced by its seed and index alone. The mutations are the ways real files break:
 * truncation (a half-typed file), splices of one file into another, flipped characters, duplicated or deleted
 * tags, deep nesting, entity references and stray markup.
 */

/** A small, fast, seedable generator (mulberry32); `next()` is uniform in [0, 1). */
export interface Random {
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const below = (bound: number) => Math.floor(next() * bound);
  return {
    next,
    below,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('Expected at least one item to pick from');
      return items[below(items.length)] as T;
    },
  };
}

/** Snippets that stress the parser's recovery paths and the hostile-input guards. */
const FRAGMENTS: readonly string[] = [
  '<dict>', '</dict>', '<array>', '</array>', '<key>', '</key>', '<string>', '</string>', '<true/>', '<false/>',
  '<integer>12</integer>', '<real>1e400</real>', '<date>2024-01-01T00:00:00Z</date>', '<data>AAE=</data>', '<key/>',
  '<dict/>', '<plist version="1.0">', '</plist>', '<', '>', '&', '&amp;', '&lol9;', '&#x10FFFF;', '&#0;', '&#xD800;',
  '<![CDATA[x]]>', '<![CDATA[', '<!--', '-->', '<!-- c -->', '<?xml version="1.0"?>', '<?', '<!DOCTYPE x [ <!ENTITY a "b"> ]>',
  '<!DOCTYPE plist SYSTEM "file:///etc/passwd">', '<!ENTITY xxe SYSTEM "https://example.invalid/x">', '"', "'", ']]>',
  '\u0000', '\ufffd', '\ud800', '\udc00', '\ufeff', '\r\n', '\t', 'bplist00', '#ifdef DEBUG\n', '$(PRODUCT_NAME)', '~ipad',
  '<key>com.apple.developer.push-notifications</key>', '<key>com.apple.private.x</key>', '<key>NSCameraUsageDescriptions</key>',
];

/** The kinds of mutation, for reports. */
export const MUTATION_KINDS = ['truncate', 'splice', 'flip', 'duplicate-tag', 'delete-range', 'insert-fragment', 'deep-nesting', 'swap-ranges', 'repeat'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** One to three mutations of `text`, some using `other` (another corpus file). */
export function mutate(text: string, other: string, random: Random): { text: string; kinds: MutationKind[] } {
  let result = text;
  const kinds: MutationKind[] = [];
  const count = 1 + random.below(3);
  for (let step = 0; step < count; step++) {
    const kind = random.pick(MUTATION_KINDS);
    kinds.push(kind);
    result = applyMutation(kind, result, other, random);
  }
  return { text: result, kinds };
}

function applyMutation(kind: MutationKind, text: string, other: string, random: Random): string {
  const at = random.below(text.length + 1);
  switch (kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'splice': {
      const from = random.below(other.length + 1);
      return text.slice(0, at) + other.slice(from, from + random.below(2000)) + text.slice(at + random.below(200));
    }
    case 'flip': {
      const characters = text.split('');
      for (let flips = 1 + random.below(8); flips > 0 && characters.length > 0; flips--) {
        const index = random.below(characters.length);
        const code = (characters[index] ?? ' ').charCodeAt(0);
        // Flip one bit of the UTF-16 unit: may give control characters, lone surrogates or stray markup.
        characters[index] = String.fromCharCode(code ^ (1 << random.below(16)));
      }
      return characters.join('');
    }
    case 'duplicate-tag': {
      const tags = [...text.matchAll(/<\/?[a-z]+\/?>/g)];
      if (tags.length === 0) return text;
      const tag = random.pick(tags);
      const copies = tag[0].repeat(1 + random.below(4));
      return text.slice(0, at) + copies + text.slice(at);
    }
    case 'delete-range':
      return text.slice(0, at) + text.slice(at + 1 + random.below(300));
    case 'insert-fragment':
      return text.slice(0, at) + random.pick(FRAGMENTS) + text.slice(at);
    case 'deep-nesting': {
      const depth = 1 + random.below(2000);
      const open = random.next() < 0.5 ? '<dict><key>k</key>' : '<array>';
      const close = open === '<array>' ? '</array>' : '</dict>';
      const isClosed = random.next() < 0.5;
      return text.slice(0, at) + open.repeat(depth) + (isClosed ? close.repeat(depth) : '') + text.slice(at);
    }
    case 'swap-ranges': {
      const second = random.below(text.length + 1);
      const [first, last] = at < second ? [at, second] : [second, at];
      const middle = first + Math.floor((last - first) / 2);
      return text.slice(0, first) + text.slice(middle, last) + text.slice(first, middle) + text.slice(last);
    }
    case 'repeat': {
      const length = 1 + random.below(200);
      return text.slice(0, at) + text.slice(at, at + length).repeat(1 + random.below(20)) + text.slice(at);
    }
  }
}
