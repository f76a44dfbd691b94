/**
 * Reads the entitlements a Mach-O binary was signed with, without Apple's tools: finds `LC_CODE_SIGNATURE` in each
 * slice of a thin or universal (fat) binary, reads the code signature's SuperBlob and returns the XML plist of its
 * entitlements blob. This is what `codesign -d --entitlements` prints, so CI can check what was actually signed
 * rather than the source file. Only the XML entitlements blob is read; the DER copy and the CMS signature are not
 * verified. Every read is bounds-checked, so a truncated or foreign file gives an error value, never an exception.
 */

/** What one architecture's slice was signed with. */
export interface SliceEntitlements {
  /** `arm64`, `x86_64`..., or `cpu 0x...` for one we do not name. */
  readonly architecture: string;
  /** The slice has a code signature. */
  readonly isSigned: boolean;
  /** The XML plist text of the entitlements, when the signature has any. */
  readonly entitlements?: string;
  /** Why this slice could not be read, when it could not. */
  readonly problem?: string;
}

/** Each slice's entitlements, or why the file could not be read at all. */
export type CodeSignatureReading = { readonly slices: readonly SliceEntitlements[] } | { readonly error: string };

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_EMBEDDED_ENTITLEMENTS = 0xfade7171;
const CSSLOT_ENTITLEMENTS = 5;
/**
 * Java class files share the fat magic 0xcafebabe, and their next word (the class file version) is 45 or more. Up
 * to this many slices the header is taken as a universal binary's, even truncated; past it, only when the whole
 * slice table fits in the file and its first entry names a CPU type, which a class file's constant pool does not.
 */
const PLAIN_FAT_SLICES = 30;
const MAX_LOAD_COMMANDS = 10_000;
const MAX_BLOBS = 1_000;

const CPU_ARCH_ABI64 = 0x01000000;
const CPU_ARCH_ABI64_32 = 0x02000000;
const CPU_SUBTYPE_ARM64E = 2;
const CPU_NAMES: ReadonlyMap<number, string> = new Map([
  [7, 'i386'],
  [7 | CPU_ARCH_ABI64, 'x86_64'],
  [12, 'arm'],
  [12 | CPU_ARCH_ABI64, 'arm64'],
  [12 | CPU_ARCH_ABI64_32, 'arm64_32'],
  [18, 'ppc'],
  [18 | CPU_ARCH_ABI64, 'ppc64'],
]);

/** True when `bytes` starts with a thin or universal Mach-O magic number. */
export function isMachO(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const view = viewOf(bytes);
  const bigEndian = view.getUint32(0, false);
  const littleEndian = view.getUint32(0, true);
  if (bigEndian === FAT_MAGIC || bigEndian === FAT_MAGIC_64) {
    const sliceCount = view.getUint32(4, false);
    if (sliceCount === 0) return false;
    if (sliceCount <= PLAIN_FAT_SLICES) return true;
    const entrySize = bigEndian === FAT_MAGIC_64 ? 32 : 20;
    if (8 + sliceCount * entrySize > bytes.length) return false;
    // CPU types are small numbers, with at most the 64-bit ABI flags in the high byte.
    const cpuType = view.getUint32(8, false);
    return (cpuType & 0x00ffff00) === 0 && (cpuType & 0xfc000000) === 0 && cpuType !== 0;
  }
  return [MH_MAGIC, MH_MAGIC_64].includes(littleEndian) || [MH_MAGIC, MH_MAGIC_64].includes(bigEndian);
}

/** The entitlements of every slice of a Mach-O file; never throws. */
export function readEntitlements(bytes: Uint8Array): CodeSignatureReading {
  if (!isMachO(bytes)) return { error: 'not a Mach-O binary' };
  const view = viewOf(bytes);
  const magic = view.getUint32(0, false);
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) return { slices: [readSlice(bytes, 0, bytes.length, 'unknown')] };
  const is64 = magic === FAT_MAGIC_64;
  const sliceCount = view.getUint32(4, false);
  const entrySize = is64 ? 32 : 20;
  if (8 + sliceCount * entrySize > bytes.length) return { error: 'the universal binary header is truncated' };
  const tableEnd = 8 + sliceCount * entrySize;
  const entries: Array<{ architecture: string; offset: number; size: number } | SliceEntitlements> = [];
  for (let index = 0; index < sliceCount; index++) {
    const entry = 8 + index * entrySize;
    const fatArchitecture = architectureName(view.getInt32(entry, false), view.getInt32(entry + 4, false));
    const offset = is64 ? safeNumber(view.getBigUint64(entry + 8, false)) : view.getUint32(entry + 8, false);
    const size = is64 ? safeNumber(view.getBigUint64(entry + 16, false)) : view.getUint32(entry + 12, false);
    if (offset === undefined || size === undefined || offset + size > bytes.length) {
      entries.push({ architecture: fatArchitecture, isSigned: false, problem: 'the slice lies outside the file' });
    } else if (offset < tableEnd && size > 0) {
      entries.push({ architecture: fatArchitecture, isSigned: false, problem: 'the slice overlaps the universal binary header' });
    } else {
      entries.push({ architecture: fatArchitecture, offset, size });
    }
  }
  // Slices of a real universal binary never share bytes; reading only disjoint ones keeps the work within the
  // file's size, however many entries point at the same image.
  const overlapping = new Set<number>();
  const inFile = entries.flatMap((entry, index) => ('offset' in entry ? [{ index, offset: entry.offset, end: entry.offset + entry.size }] : []));
  inFile.sort((a, b) => a.offset - b.offset || a.index - b.index);
  let readUpTo = 0;
  for (const range of inFile) {
    if (range.offset < readUpTo) overlapping.add(range.index);
    else readUpTo = range.end;
  }
  const slices = entries.map((entry, index): SliceEntitlements => {
    if (!('offset' in entry)) return entry;
    if (overlapping.has(index)) return { architecture: entry.architecture, isSigned: false, problem: 'the slice overlaps another slice' };
    return readSlice(bytes, entry.offset, entry.size, entry.architecture);
  });
  return { slices };
}

/** One thin Mach-O image at `start`, `length` bytes long; `fatArchitecture` is what a universal header said it is. */
function readSlice(bytes: Uint8Array, start: number, length: number, fatArchitecture: string): SliceEntitlements {
  const view = viewOf(bytes.subarray(start, start + length));
  const unknown = (problem: string): SliceEntitlements => ({ architecture: fatArchitecture, isSigned: false, problem });
  if (view.byteLength < 28) return unknown('the Mach-O header is truncated');
  const isLittleEndian = [MH_MAGIC, MH_MAGIC_64].includes(view.getUint32(0, true));
  const magic = view.getUint32(0, isLittleEndian);
  if (magic !== MH_MAGIC && magic !== MH_MAGIC_64) return unknown('the slice is not a Mach-O image');
  const architecture = architectureName(view.getInt32(4, isLittleEndian), view.getInt32(8, isLittleEndian));
  const failed = (problem: string): SliceEntitlements => ({ architecture, isSigned: false, problem });
  const headerSize = magic === MH_MAGIC_64 ? 32 : 28;
  const commandCount = view.getUint32(16, isLittleEndian);
  const commandsSize = view.getUint32(20, isLittleEndian);
  if (commandCount > MAX_LOAD_COMMANDS || headerSize + commandsSize > view.byteLength) return failed('the load commands lie outside the file');
  let position = headerSize;
  const commandsEnd = headerSize + commandsSize;
  for (let index = 0; index < commandCount; index++) {
    if (position + 8 > commandsEnd) return failed('a load command is truncated');
    const command = view.getUint32(position, isLittleEndian);
    const commandSize = view.getUint32(position + 4, isLittleEndian);
    if (commandSize < 8 || position + commandSize > commandsEnd) return failed('a load command has an invalid size');
    if (command === LC_CODE_SIGNATURE) {
      if (commandSize < 16) return failed('LC_CODE_SIGNATURE is truncated');
      const dataOffset = view.getUint32(position + 8, isLittleEndian);
      const dataSize = view.getUint32(position + 12, isLittleEndian);
      if (dataOffset + dataSize > view.byteLength) return { architecture, isSigned: true, problem: 'the code signature lies outside the file' };
      return readSuperBlob(viewOf(bytes.subarray(start + dataOffset, start + dataOffset + dataSize)), architecture);
    }
    position += commandSize;
  }
  return { architecture, isSigned: false };
}

/** The code signature: a big-endian SuperBlob of typed blobs, one of which may hold the entitlements. */
function readSuperBlob(view: DataView, architecture: string): SliceEntitlements {
  const failed = (problem: string): SliceEntitlements => ({ architecture, isSigned: true, problem });
  if (view.byteLength < 12 || view.getUint32(0, false) !== CSMAGIC_EMBEDDED_SIGNATURE) return failed('the code signature is not an embedded signature SuperBlob');
  const length = Math.min(view.getUint32(4, false), view.byteLength);
  const blobCount = view.getUint32(8, false);
  if (blobCount > MAX_BLOBS || 12 + blobCount * 8 > length) return failed('the code signature index is truncated');
  let fallback: number | undefined;
  for (let index = 0; index < blobCount; index++) {
    const slot = view.getUint32(12 + index * 8, false);
    const offset = view.getUint32(16 + index * 8, false);
    if (offset + 8 > length || view.getUint32(offset, false) !== CSMAGIC_EMBEDDED_ENTITLEMENTS) continue;
    if (slot === CSSLOT_ENTITLEMENTS) return entitlementsBlob(view, offset, length, architecture);
    fallback ??= offset;
  }
  return fallback === undefined ? { architecture, isSigned: true } : entitlementsBlob(view, fallback, length, architecture);
}

function entitlementsBlob(view: DataView, offset: number, superBlobLength: number, architecture: string): SliceEntitlements {
  const blobLength = view.getUint32(offset + 4, false);
  if (blobLength < 8 || offset + blobLength > superBlobLength) return { architecture, isSigned: true, problem: 'the entitlements blob is truncated' };
  const xml = new TextDecoder('utf-8').decode(new Uint8Array(view.buffer, view.byteOffset + offset + 8, blobLength - 8));
  return { architecture, isSigned: true, entitlements: xml };
}

function architectureName(cpuType: number, cpuSubtype: number): string {
  const name = CPU_NAMES.get(cpuType) ?? `cpu 0x${(cpuType >>> 0).toString(16)}`;
  // The low byte of the subtype tells arm64e (pointer authentication) from plain arm64; the high byte holds flags.
  return name === 'arm64' && (cpuSubtype & 0xff) === CPU_SUBTYPE_ARM64E ? 'arm64e' : name;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function safeNumber(value: bigint): number | undefined {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}
