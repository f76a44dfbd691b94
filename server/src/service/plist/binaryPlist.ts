/**
 * Reads a binary property list (`bplist00`, what Xcode leaves in a built app's Info.plist) and writes it out as the
 * XML text `plutil -convert xml1` prints, so the rest of the engine checks it like any other file and positions
 * refer to that text. Every read is bounds-checked and the object graph is walked with an explicit stack, a depth
 * bound, a cycle check and an output bound, so a truncated or hostile file gives an error value, never an
 * exception or a hang.
 */

/** The XML text of a binary plist, or why it could not be read. */
export type BinaryPlistConversion = { readonly xml: string } | { readonly error: string };

const MAGIC = 'bplist00';
const TRAILER_LENGTH = 32;
/** Where the trailer's fields sit, from its start. */
const TRAILER_OFFSET_SIZE = 6;
const TRAILER_REFERENCE_SIZE = 7;
const TRAILER_OBJECT_COUNT = 8;
const TRAILER_TOP_OBJECT = 16;
const TRAILER_OFFSET_TABLE = 24;
/** Deeper nesting than any real plist; also bounds the explicit stack. */
const MAX_DEPTH = 512;
/**
 * Objects may be shared (an array can name the same sub-array twice), so a small file can describe an
 * exponentially large tree. Writing stops after this many values.
 */
const MAX_VALUES_WRITTEN = 200_000;
const MAX_OUTPUT_LENGTH = 32 * 1024 * 1024;
/** Seconds between the Unix epoch and Core Foundation's (2001-01-01T00:00:00Z). */
const CF_EPOCH_OFFSET_SECONDS = 978_307_200;
const XML_HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  '<plist version="1.0">\n';

/** True when `bytes` starts like a binary plist of any version. */
export function isBinaryPlist(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && latin1(bytes, 0, 6) === 'bplist';
}

/** Converts a `bplist00` file to XML plist text; never throws. */
export function convertBinaryPlist(bytes: Uint8Array): BinaryPlistConversion {
  const reader = createReader(bytes);
  if (typeof reader === 'string') return { error: reader };
  return writeXml(reader);
}

interface Reader {
  readonly topObject: number;
  /** The object at `index`, decoded one level deep (containers list their members' indices). */
  object(index: number): PlistObject | string;
}

type PlistObject =
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'real'; readonly value: number }
  | { readonly kind: 'date'; readonly secondsSince2001: number }
  | { readonly kind: 'data'; readonly value: Uint8Array }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'uid'; readonly value: bigint }
  | { readonly kind: 'array'; readonly members: readonly number[] }
  | { readonly kind: 'dict'; readonly keys: readonly number[]; readonly values: readonly number[] };

function createReader(bytes: Uint8Array): Reader | string {
  if (bytes.length < MAGIC.length + TRAILER_LENGTH) return 'the file is too short to be a binary property list';
  if (latin1(bytes, 0, MAGIC.length) !== MAGIC) {
    return isBinaryPlist(bytes) ? `unsupported binary property list version '${latin1(bytes, 6, 8)}'` : 'not a binary property list';
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailer = bytes.length - TRAILER_LENGTH;
  const offsetSize = view.getUint8(trailer + TRAILER_OFFSET_SIZE);
  const referenceSize = view.getUint8(trailer + TRAILER_REFERENCE_SIZE);
  const objectCount = readUnsigned(view, trailer + TRAILER_OBJECT_COUNT, 8);
  const topObject = readUnsigned(view, trailer + TRAILER_TOP_OBJECT, 8);
  const offsetTableOffset = readUnsigned(view, trailer + TRAILER_OFFSET_TABLE, 8);
  if (offsetSize < 1 || offsetSize > 8 || referenceSize < 1 || referenceSize > 8) return 'the trailer gives an invalid integer size';
  if (objectCount === undefined || objectCount < 1 || objectCount > bytes.length) return 'the trailer gives an invalid object count';
  if (topObject === undefined || topObject >= objectCount) return 'the trailer names a top object that does not exist';
  if (offsetTableOffset === undefined || offsetTableOffset < MAGIC.length || offsetTableOffset + objectCount * offsetSize > trailer) {
    return 'the offset table lies outside the file';
  }
  return new ObjectTable(bytes, view, { offsetSize, referenceSize, objectCount, topObject, offsetTableOffset });
}

/** What a binary plist's trailer says, checked against the file's size. */
interface Trailer {
  readonly offsetSize: number;
  readonly referenceSize: number;
  readonly objectCount: number;
  readonly topObject: number;
  readonly offsetTableOffset: number;
}

/** The objects of a binary plist, each decoded (one level deep) when first asked for. */
class ObjectTable implements Reader {
  readonly topObject: number;
  private readonly offsetSize: number;
  private readonly referenceSize: number;
  private readonly objectCount: number;
  private readonly offsetTableOffset: number;
  /** Objects end where the offset table starts. */
  private readonly objectsEnd: number;
  /**
   * Each object is decoded once: many references to one long string (a dict whose keys all name it) would
   * otherwise decode it once per reference, before any bound on the output applies.
   */
  private readonly decoded = new Map<number, PlistObject | string>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    trailer: Trailer,
  ) {
    this.topObject = trailer.topObject;
    this.offsetSize = trailer.offsetSize;
    this.referenceSize = trailer.referenceSize;
    this.objectCount = trailer.objectCount;
    this.offsetTableOffset = trailer.offsetTableOffset;
    this.objectsEnd = trailer.offsetTableOffset;
  }

  object(index: number): PlistObject | string {
    let object = this.decoded.get(index);
    if (object === undefined) {
      object = this.decode(index);
      this.decoded.set(index, object);
    }
    return object;
  }

  private offsetOf(index: number): number | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.objectCount) return undefined;
    const offset = readUnsigned(this.view, this.offsetTableOffset + index * this.offsetSize, this.offsetSize);
    return offset !== undefined && offset >= MAGIC.length && offset < this.objectsEnd ? offset : undefined;
  }

  /** The count in a marker's low nibble, or the integer object after it when the nibble is 0xF. */
  private readCount(position: number, nibble: number): { count: number; start: number } | undefined {
    if (nibble !== 0x0f) return { count: nibble, start: position + 1 };
    if (position + 2 > this.objectsEnd) return undefined;
    const marker = this.view.getUint8(position + 1);
    if (marker >> 4 !== 0x1) return undefined;
    const size = 1 << (marker & 0x0f);
    if (size > 8 || position + 2 + size > this.objectsEnd) return undefined;
    const count = readUnsigned(this.view, position + 2, size);
    return count === undefined ? undefined : { count, start: position + 2 + size };
  }

  private references(start: number, count: number): number[] | undefined {
    const referenceSize = this.referenceSize;
    if (start + count * referenceSize > this.objectsEnd) return undefined;
    const result: number[] = [];
    for (let index = 0; index < count; index++) {
      const reference = readUnsigned(this.view, start + index * referenceSize, referenceSize);
      if (reference === undefined || reference >= this.objectCount) return undefined;
      result.push(reference);
    }
    return result;
  }

  private decode(index: number): PlistObject | string {
    const { view, bytes, objectsEnd, referenceSize } = this;
    const position = this.offsetOf(index);
    if (position === undefined) return `object ${index} lies outside the file`;
    const marker = view.getUint8(position);
    const type = marker >> 4;
    const nibble = marker & 0x0f;
    const truncated = `object ${index} is truncated`;
    switch (type) {
      case 0x0:
        if (marker === 0x08 || marker === 0x09) return { kind: 'boolean', value: marker === 0x09 };
        return marker === 0x00 ? `object ${index} is null, which an XML property list cannot hold` : `object ${index} has an unknown marker 0x${hex(marker)}`;
      case 0x1: {
        const size = 1 << nibble;
        if (size > 16 || position + 1 + size > objectsEnd) return truncated;
        // One, two and four byte integers are unsigned, eight byte ones signed, and sixteen byte ones (which Core
        // Foundation writes for unsigned values of 2^63 and above) signed 128-bit.
        const start = position + 1;
        if (size === 16) return { kind: 'integer', value: (view.getBigInt64(start) << 64n) | view.getBigUint64(start + 8) };
        if (size === 8) return { kind: 'integer', value: view.getBigInt64(start) };
        return { kind: 'integer', value: BigInt(readUnsigned(view, start, size) ?? 0) };
      }
      case 0x2: {
        const size = 1 << nibble;
        if ((size !== 4 && size !== 8) || position + 1 + size > objectsEnd) return truncated;
        return { kind: 'real', value: size === 4 ? view.getFloat32(position + 1) : view.getFloat64(position + 1) };
      }
      case 0x3: {
        if (marker !== 0x33 || position + 9 > objectsEnd) return truncated;
        const secondsSince2001 = view.getFloat64(position + 1);
        // A JavaScript Date ends at ±8.64e15 ms, about 270,000 years; real plists never come near.
        if (!Number.isFinite(secondsSince2001) || Math.abs(secondsSince2001) > 8e12) return `object ${index} is a date out of range`;
        return { kind: 'date', secondsSince2001 };
      }
      case 0x4: {
        const counted = this.readCount(position, nibble);
        if (counted === undefined || counted.start + counted.count > objectsEnd) return truncated;
        return { kind: 'data', value: bytes.subarray(counted.start, counted.start + counted.count) };
      }
      case 0x5: {
        const counted = this.readCount(position, nibble);
        if (counted === undefined || counted.start + counted.count > objectsEnd) return truncated;
        return { kind: 'string', value: latin1(bytes, counted.start, counted.start + counted.count) };
      }
      case 0x6: {
        const counted = this.readCount(position, nibble);
        if (counted === undefined || counted.start + counted.count * 2 > objectsEnd) return truncated;
        return { kind: 'string', value: utf16BigEndian(view, counted.start, counted.count) };
      }
      case 0x8: {
        const size = nibble + 1;
        const value = position + 1 + size > objectsEnd ? undefined : readUnsigned(view, position + 1, size);
        return value === undefined ? truncated : { kind: 'uid', value: BigInt(value) };
      }
      case 0xa:
      case 0xb:
      case 0xc: {
        // Sets (0xC) and ordered sets (0xB) have no XML form; Core Foundation never writes them, and as arrays they
        // keep their members visible.
        const counted = this.readCount(position, nibble);
        const members = counted === undefined ? undefined : this.references(counted.start, counted.count);
        return members === undefined ? truncated : { kind: 'array', members };
      }
      case 0xd: {
        const counted = this.readCount(position, nibble);
        const keys = counted === undefined ? undefined : this.references(counted.start, counted.count);
        const values = counted === undefined ? undefined : this.references(counted.start + counted.count * referenceSize, counted.count);
        return keys === undefined || values === undefined ? truncated : { kind: 'dict', keys, values };
      }
      default:
        return `object ${index} has an unknown marker 0x${hex(marker)}`;
    }
  }
}

/** One open container on the writer's stack. */
interface Frame {
  readonly objectIndex: number;
  readonly closing: string;
  readonly indent: string;
  /** What is left to write inside it: each item is a key (for dicts) and a value's object index. */
  readonly items: ReadonlyArray<{ readonly key?: string; readonly objectIndex: number }>;
  next: number;
}

function writeXml(reader: Reader): BinaryPlistConversion {
  const parts: string[] = [XML_HEADER];
  let outputLength = XML_HEADER.length;
  let valuesWritten = 0;
  const stack: Frame[] = [];
  /** Objects on the current path, to refuse a container that contains itself. */
  const open = new Set<number>();

  /** Each container's items, read and sorted once however many times it is named. */
  const containerItems = new Map<number, Frame['items'] | string>();
  /** Keys escaped once each, since one key string may be named by every entry of every dict. */
  const escapedKeys = new Map<string, string>();
  const escapedKeyOf = (key: string): string => {
    let escaped = escapedKeys.get(key);
    if (escaped === undefined) {
      escaped = escapeXml(key);
      escapedKeys.set(key, escaped);
    }
    return escaped;
  };

  const emit = (text: string) => {
    parts.push(text);
    outputLength += text.length;
  };

  /** Writes one value; containers are pushed and filled by the loop below. */
  const writeValue = (objectIndex: number, indent: string): string | undefined => {
    if (++valuesWritten > MAX_VALUES_WRITTEN || outputLength > MAX_OUTPUT_LENGTH) return 'the property list is too large to convert';
    const object = reader.object(objectIndex);
    if (typeof object === 'string') return object;
    if (object.kind === 'array' || object.kind === 'dict') {
      if (open.has(objectIndex)) return `object ${objectIndex} contains itself`;
      if (stack.length >= MAX_DEPTH) return 'the property list is nested too deeply';
      const tag = object.kind;
      let items = containerItems.get(objectIndex);
      if (items === undefined) {
        items = object.kind === 'array' ? object.members.map((member) => ({ objectIndex: member })) : dictItems(reader, object.keys, object.values);
        containerItems.set(objectIndex, items);
      }
      if (typeof items === 'string') return items;
      if (items.length === 0) {
        emit(`${indent}<${tag}/>\n`);
        return undefined;
      }
      emit(`${indent}<${tag}>\n`);
      open.add(objectIndex);
      stack.push({ objectIndex, closing: `${indent}</${tag}>\n`, indent: `${indent}\t`, items, next: 0 });
      return undefined;
    }
    emit(scalarXml(object, indent));
    return undefined;
  };

  const rootProblem = writeValue(reader.topObject, '');
  if (rootProblem !== undefined) return { error: rootProblem };
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    const item = frame.items[frame.next++];
    if (item === undefined) {
      emit(frame.closing);
      open.delete(frame.objectIndex);
      stack.pop();
      continue;
    }
    if (item.key !== undefined) {
      emit(`${frame.indent}<key>${escapedKeyOf(item.key)}</key>\n`);
      if (outputLength > MAX_OUTPUT_LENGTH) return { error: 'the property list is too large to convert' };
    }
    const problem = writeValue(item.objectIndex, frame.indent);
    if (problem !== undefined) return { error: problem };
  }
  emit('</plist>\n');
  return { xml: parts.join('') };
}

/** A dict's entries with their keys read, sorted as Core Foundation sorts them when it writes XML. */
function dictItems(reader: Reader, keys: readonly number[], values: readonly number[]): Array<{ key: string; objectIndex: number }> | string {
  const items: Array<{ key: string; objectIndex: number }> = [];
  for (let index = 0; index < keys.length; index++) {
    const keyObject = reader.object(keys[index] as number);
    if (typeof keyObject === 'string') return keyObject;
    if (keyObject.kind !== 'string') return `a dictionary key (object ${keys[index] ?? 0}) is not a string`;
    items.push({ key: keyObject.value, objectIndex: values[index] as number });
  }
  return items.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
}

function scalarXml(object: Exclude<PlistObject, { kind: 'array' | 'dict' }>, indent: string): string {
  switch (object.kind) {
    case 'boolean':
      return `${indent}<${object.value ? 'true' : 'false'}/>\n`;
    case 'integer':
      return `${indent}<integer>${object.value.toString()}</integer>\n`;
    case 'real':
      return `${indent}<real>${formatReal(object.value)}</real>\n`;
    case 'date':
      return `${indent}<date>${formatDate(object.secondsSince2001)}</date>\n`;
    case 'data':
      return `${indent}<data>\n${base64Lines(object.value, indent)}${indent}</data>\n`;
    case 'string':
      return `${indent}<string>${escapeXml(object.value)}</string>\n`;
    case 'uid':
      // How Core Foundation writes a keyed archiver's UID in XML.
      return `${indent}<dict>\n${indent}\t<key>CF$UID</key>\n${indent}\t<integer>${object.value.toString()}</integer>\n${indent}</dict>\n`;
  }
}

/** Like C's `%.17g`, which Core Foundation uses for reals. */
function formatReal(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? '+infinity' : '-infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e17) return Object.is(value, -0) ? '-0' : String(value);
  const [mantissa = '', exponent] = value.toPrecision(17).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** ISO 8601 in UTC to the second, as plutil prints dates. */
function formatDate(secondsSince2001: number): string {
  const iso = new Date(Math.floor(secondsSince2001 + CF_EPOCH_OFFSET_SECONDS) * 1000).toISOString();
  return `${iso.slice(0, iso.indexOf('.'))}Z`;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_LINE_LENGTH = 68;

function base64Lines(data: Uint8Array, indent: string): string {
  let encoded = '';
  for (let index = 0; index < data.length; index += 3) {
    const first = data[index] ?? 0;
    const second = data[index + 1];
    const third = data[index + 2];
    const triple = (first << 16) | ((second ?? 0) << 8) | (third ?? 0);
    encoded += BASE64_ALPHABET.charAt((triple >> 18) & 63) + BASE64_ALPHABET.charAt((triple >> 12) & 63);
    encoded += second === undefined ? '=' : BASE64_ALPHABET.charAt((triple >> 6) & 63);
    encoded += third === undefined ? '=' : BASE64_ALPHABET.charAt(triple & 63);
  }
  let lines = '';
  for (let start = 0; start < encoded.length; start += BASE64_LINE_LENGTH) lines += `${indent}${encoded.slice(start, start + BASE64_LINE_LENGTH)}\n`;
  return lines;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

/** An unsigned big-endian integer of 1 to 8 bytes, or `undefined` past the end or above 2^53. */
function readUnsigned(view: DataView, offset: number, size: number): number | undefined {
  if (offset < 0 || offset + size > view.byteLength) return undefined;
  let value = 0;
  for (let index = 0; index < size; index++) value = value * 256 + view.getUint8(offset + index);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Bytes as ISO-8859-1 characters: binary plists' one-byte strings are ASCII, and nothing here must fail. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < end && index < bytes.length; index += 8192) {
    text += String.fromCharCode(...bytes.subarray(index, Math.min(end, index + 8192)));
  }
  return text;
}

function utf16BigEndian(view: DataView, start: number, count: number): string {
  const units: number[] = [];
  let text = '';
  for (let index = 0; index < count; index++) {
    units.push(view.getUint16(start + index * 2));
    if (units.length === 8192) text += String.fromCharCode(...units.splice(0));
  }
  return text + String.fromCharCode(...units);
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}
