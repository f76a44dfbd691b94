/**
 * Keys as words: `com.apple.developer.usernotifications.filtering`, `NSCameraUsageDescription` and the capability
 * name "Sign in with Apple" become lists of lowercase, singular words, so that keys written in different shapes
 * compare by what they say rather than by their characters.
 */

/** The words of `text`: split at anything but letters and digits, at camelCase humps and at digits; lowercase, singular. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const piece of text.split(/[^A-Za-z0-9]+/)) {
    if (piece === '') continue;
    // `HTTPLoads` -> `HTTP`, `Loads`; `iCloud` stays one word, as the catalog writes `icloud` too.
    const humps = piece.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [];
    for (let index = 0; index < humps.length; index++) {
      let hump = humps[index] as string;
      if (hump.length === 1 && /[a-z]/.test(hump) && index + 1 < humps.length) hump += humps[++index] as string;
      words.push(singular(hump.toLowerCase()));
    }
  }
  return words;
}

/**
 * The singular of an English word, by its ending only: enough to make `notifications` and `notification`, or
 * `userclients` and `userclient`, the same word. Both sides of a comparison go through it, so a wrong singular
 * (`statu`) is harmless.
 */
export function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

/**
 * Words of two letters that may stand as pieces of a joined word (`signin` -> `sign`, `in`). Any two letters of
 * the catalog's words (`ti`, `ns`) would cut a misspelt word into nonsense.
 */
const SHORT_PIECES = new Set(['in', 'id', 'ui', 'os', 'tv', 'vm', 'ar', 'on', 'to', 'of', 'by']);

/**
 * `word` split into words of `vocabulary` (`applesignin` -> `apple`, `sign`, `in`), in the fewest pieces, or
 * `undefined` when it is not made of them. A word of the vocabulary itself is not split.
 */
export function splitJoinedWord(word: string, vocabulary: ReadonlySet<string>): string[] | undefined {
  if (word.length < 5 || vocabulary.has(word)) return undefined;
  // fewest[i]: the fewest pieces that make word.slice(0, i); from[i]: where the last of them starts.
  const fewest = new Array<number>(word.length + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(word.length + 1).fill(-1);
  fewest[0] = 0;
  for (let end = 2; end <= word.length; end++) {
    for (let start = Math.max(0, end - 24); start <= end - 2; start++) {
      const before = fewest[start] as number;
      if (before === Number.POSITIVE_INFINITY || before + 1 >= (fewest[end] as number)) continue;
      const piece = word.slice(start, end);
      if (isPiece(piece, vocabulary)) {
        fewest[end] = before + 1;
        from[end] = start;
      }
    }
  }
  if (fewest[word.length] === Number.POSITIVE_INFINITY || (fewest[word.length] as number) < 2) return undefined;
  const pieces: string[] = [];
  for (let end = word.length; end > 0; end = from[end] as number) pieces.unshift(singular(word.slice(from[end], end)));
  return pieces;
}

function isPiece(piece: string, vocabulary: ReadonlySet<string>): boolean {
  return piece.length === 2 ? SHORT_PIECES.has(piece) : vocabulary.has(piece) || vocabulary.has(singular(piece));
}
