/**
 * A small, bounded reader of DER (and the BER that `openssl cms` and Apple's signing tools may emit: indefinite
 * lengths, constructed strings). It reads the bytes it is given and never throws: garbage, truncation and absurd
 * lengths give `undefined` or fewer children, as the plist parser gives problems instead of exceptions.
 */

/** ASN.1 tag classes. */
export type TagClass = 'universal' | 'application' | 'context' | 'private';

/** One element: where its header and content lie in the buffer. */
export interface DerElement {
  readonly tagClass: TagClass;
  readonly tagNumber: number;
  readonly isConstructed: boolean;
  /** Offset of the first header byte. */
  readonly offset: number;
  /** Offset of the first content byte. */
  readonly contentOffset: number;
  /** Offset just past the content (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** Offset just past the whole element. */
  readonly end: number;
}

/** Universal tag numbers this project reads. */
export const TAG = {
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  objectIdentifier: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  t61String: 20,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
  bmpString: 30,
} as const;

/** Nesting deeper than this is not a certificate or a profile; the reader gives up rather than loop. */
const MAX_DEPTH = 64;
/** More children than this in one element is not something we read. */
const MAX_CHILDREN = 100_000;

const TAG_CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];

/** Reads the element starting at `offset` (default 0), which must end by `limit` (default: the buffer's end). */
export function readElement(bytes: Uint8Array, offset = 0, limit: number = bytes.length): DerElement | undefined {
  return readElementAt(bytes, offset, Math.min(limit, bytes.length), 0);
}

function readElementAt(bytes: Uint8Array, offset: number, limit: number, depth: number): DerElement | undefined {
  const header = readHeader(bytes, offset, limit);
  if (header === undefined) return undefined;
  const { tagClass, tagNumber, isConstructed, contentOffset, length } = header;
  if (length !== undefined) {
    const contentEnd = contentOffset + length;
    if (contentEnd > limit) return undefined;
    return { tagClass, tagNumber, isConstructed, offset, contentOffset, contentEnd, end: contentEnd };
  }
  // An indefinite length (BER) is only allowed on constructed elements; its end is found by reading the children
  // up to the end-of-contents octets. Nested indefinite lengths recurse, but never past MAX_DEPTH.
  if (!isConstructed || depth >= MAX_DEPTH) return undefined;
  let cursor = contentOffset;
  for (let count = 0; count < MAX_CHILDREN; count++) {
    if (cursor + 2 <= limit && bytes[cursor] === 0 && bytes[cursor + 1] === 0) {
      return { tagClass, tagNumber, isConstructed, offset, contentOffset, contentEnd: cursor, end: cursor + 2 };
    }
    const child = readElementAt(bytes, cursor, limit, depth + 1);
    if (child === undefined || child.end <= cursor) return undefined;
    cursor = child.end;
  }
  return undefined;
}

interface Header {
  readonly tagClass: TagClass;
  readonly tagNumber: number;
  readonly isConstructed: boolean;
  readonly contentOffset: number;
  /** `undefined` for an indefinite length. */
  readonly length: number | undefined;
}

function readHeader(bytes: Uint8Array, offset: number, limit: number): Header | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset >= limit) return undefined;
  const first = bytes[offset] as number;
  const tagClass = TAG_CLASSES[first >> 6] as TagClass;
  const isConstructed = (first & 0x20) !== 0;
  let cursor = offset + 1;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    // High tag numbers: base-128 digits, at most four of them (far beyond any tag in use).
    tagNumber = 0;
    for (let digits = 0; ; digits++) {
      if (cursor >= limit || digits >= 4) return undefined;
      const byte = bytes[cursor++] as number;
      tagNumber = tagNumber * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
  }
  if (cursor >= limit) return undefined;
  const lengthByte = bytes[cursor++] as number;
  if (lengthByte === 0x80) return { tagClass, tagNumber, isConstructed, contentOffset: cursor, length: undefined };
  if (lengthByte < 0x80) return { tagClass, tagNumber, isConstructed, contentOffset: cursor, length: lengthByte };
  // Long form: up to four length bytes, which is far more than any file we would read.
  const lengthBytes = lengthByte & 0x7f;
  if (lengthBytes > 4 || cursor + lengthBytes > limit) return undefined;
  let length = 0;
  for (let index = 0; index < lengthBytes; index++) length = length * 256 + (bytes[cursor++] as number);
  return { tagClass, tagNumber, isConstructed, contentOffset: cursor, length };
}

/** The elements inside a constructed element, in order; stops at the first one that does not read. */
export function childrenOf(bytes: Uint8Array, element: DerElement): DerElement[] {
  const children: DerElement[] = [];
  if (!element.isConstructed) return children;
  let cursor = element.contentOffset;
  while (cursor < element.contentEnd && children.length < MAX_CHILDREN) {
    const child = readElement(bytes, cursor, element.contentEnd);
    if (child === undefined || child.end <= cursor) break;
    children.push(child);
    cursor = child.end;
  }
  return children;
}

/** True when `element` is the universal type `tagNumber`. */
export function isUniversal(element: DerElement | undefined, tagNumber: number): element is DerElement {
  return element !== undefined && element.tagClass === 'universal' && element.tagNumber === tagNumber;
}

/** True when `element` is the context-specific tag `[tagNumber]`. */
export function isContext(element: DerElement | undefined, tagNumber: number): element is DerElement {
  return element !== undefined && element.tagClass === 'context' && element.tagNumber === tagNumber;
}

/** The content bytes of a primitive element (a view, not a copy). */
export function contentOf(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentOffset, element.contentEnd);
}

/**
 * The bytes of an OCTET STRING (or any string type), joining the chunks of a constructed (BER) one in order.
 * Returns `undefined` when a chunk does not read.
 */
export function stringBytesOf(bytes: Uint8Array, element: DerElement): Uint8Array | undefined {
  if (!element.isConstructed) return contentOf(bytes, element);
  const chunks: Uint8Array[] = [];
  const work: DerElement[] = [element];
  // Depth first, in order, without recursion: a constructed chunk's own chunks come before its next sibling.
  for (let current = work.pop(); current !== undefined; current = work.pop()) {
    if (!current.isConstructed) {
      chunks.push(contentOf(bytes, current));
      continue;
    }
    const children = childrenOf(bytes, current);
    if (children.length === 0 && current.contentEnd > current.contentOffset) return undefined;
    for (let index = children.length - 1; index >= 0; index--) work.push(children[index] as DerElement);
    if (work.length > MAX_CHILDREN) return undefined;
  }
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** An OBJECT IDENTIFIER in dotted form (`1.2.840.113549.1.7.2`), or `undefined` when malformed. */
export function readObjectIdentifier(bytes: Uint8Array, element: DerElement): string | undefined {
  if (!isUniversal(element, TAG.objectIdentifier) || element.isConstructed) return undefined;
  const content = contentOf(bytes, element);
  if (content.length === 0 || content.length > 64) return undefined;
  const arcs: number[] = [];
  let value = 0;
  for (let index = 0; index < content.length; index++) {
    const byte = content[index] as number;
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return undefined;
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    } else if (index === content.length - 1) {
      return undefined;
    }
  }
  return arcs.join('.');
}

/** The text of a string element (UTF8String, PrintableString, IA5String, T61String, BMPString). */
export function readText(bytes: Uint8Array, element: DerElement): string | undefined {
  if (element.tagClass !== 'universal') return undefined;
  const content = stringBytesOf(bytes, element);
  if (content === undefined) return undefined;
  switch (element.tagNumber) {
    case TAG.utf8String:
      return new TextDecoder('utf-8').decode(content);
    case TAG.printableString:
    case TAG.ia5String:
    case TAG.t61String:
      return latin1(content);
    case TAG.bmpString: {
      let text = '';
      for (let index = 0; index + 1 < content.length; index += 2) text += String.fromCharCode(((content[index] as number) << 8) | (content[index + 1] as number));
      return text;
    }
    default:
      return undefined;
  }
}

/** A UTCTime or GeneralizedTime as a `Date` (UTC forms only, as certificates use), or `undefined`. */
export function readTime(bytes: Uint8Array, element: DerElement): Date | undefined {
  const isUtc = isUniversal(element, TAG.utcTime);
  if (!isUtc && !isUniversal(element, TAG.generalizedTime)) return undefined;
  const text = latin1(contentOf(bytes, element));
  const match = isUtc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text);
  if (match === null) return undefined;
  const [, yearText, month, day, hour, minute, second] = match;
  let year = Number(yearText);
  // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
  if (isUtc) year += year >= 50 ? 1900 : 2000;
  const date = new Date(Date.UTC(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? '0')));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Bytes as ISO 8859-1 text (one character per byte), which never fails. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
