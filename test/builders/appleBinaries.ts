/**
 * Builds the Apple binary files the CLI reads, small enough to write in a test: binary plists (by `bplist-creator`,
 * an implementation independent of ours), and Mach-O executables with just a header, a load command or two and a
 * code signature SuperBlob holding an entitlements blob, thin or universal.
 */
import bplistCreator from 'bplist-creator';

type Creator = ((value: unknown) => Buffer) & { Real: new (value: number) => unknown };
const creator = bplistCreator as unknown as Creator;

/** A `bplist00` file holding `value` (objects become dicts, `Buffer`s data, `{ UID: n }` UIDs). */
export function binaryPlist(value: unknown): Buffer {
  return creator(value);
}

/** Wraps a number so it is written as a real even when it is whole. */
export function real(value: number): unknown {
  return new creator.Real(value);
}

export const CPU = {
  x86_64: { type: 0x01000007, subtype: 3 },
  arm64: { type: 0x0100000c, subtype: 0 },
  arm64e: { type: 0x0100000c, subtype: 2 },
  arm: { type: 12, subtype: 9 },
} as const;

export interface MachOOptions {
  readonly cpu?: { readonly type: number; readonly subtype: number };
  readonly is64Bit?: boolean;
  /** The entitlements XML; `null` signs without entitlements; absent leaves the binary unsigned. */
  readonly entitlements?: string | null;
  /** The slot the entitlements blob sits in (5 is the standard one). */
  readonly entitlementsSlot?: number;
}

const LC_UUID = 0x1b;
const LC_CODE_SIGNATURE = 0x1d;

/** A thin little-endian Mach-O executable. */
export function machO(options: MachOOptions = {}): Buffer {
  const cpu = options.cpu ?? CPU.arm64;
  const is64Bit = options.is64Bit ?? true;
  const headerSize = is64Bit ? 32 : 28;
  const uuidCommand = Buffer.alloc(24);
  uuidCommand.writeUInt32LE(LC_UUID, 0);
  uuidCommand.writeUInt32LE(24, 4);
  const isSigned = options.entitlements !== undefined;
  const commands = isSigned ? [uuidCommand, Buffer.alloc(16)] : [uuidCommand];
  const commandsSize = commands.reduce((sum, command) => sum + command.length, 0);
  const header = Buffer.alloc(headerSize);
  header.writeUInt32LE(is64Bit ? 0xfeedfacf : 0xfeedface, 0);
  header.writeInt32LE(cpu.type, 4);
  header.writeInt32LE(cpu.subtype, 8);
  header.writeUInt32LE(2, 12);
  header.writeUInt32LE(commands.length, 16);
  header.writeUInt32LE(commandsSize, 20);
  // Some code and data would sit here in a real binary; the signature comes last, 16-byte aligned.
  const text = Buffer.alloc(align(headerSize + commandsSize + 64, 16) - headerSize - commandsSize, 0xcc);
  const signatureOffset = headerSize + commandsSize + text.length;
  const signature = isSigned ? superBlob(options.entitlements ?? null, options.entitlementsSlot ?? 5) : Buffer.alloc(0);
  if (isSigned) {
    const command = commands[1] as Buffer;
    command.writeUInt32LE(LC_CODE_SIGNATURE, 0);
    command.writeUInt32LE(16, 4);
    command.writeUInt32LE(signatureOffset, 8);
    command.writeUInt32LE(signature.length, 12);
  }
  return Buffer.concat([header, ...commands, text, signature]);
}

/** A universal binary of `slices` (each a thin Mach-O), 4 KiB aligned, with the 32- or 64-bit fat header. */
export function fatMachO(slices: ReadonlyArray<{ readonly cpu: { readonly type: number; readonly subtype: number }; readonly binary: Buffer }>, is64Bit = false): Buffer {
  const entrySize = is64Bit ? 32 : 20;
  const header = Buffer.alloc(8 + slices.length * entrySize);
  header.writeUInt32BE(is64Bit ? 0xcafebabf : 0xcafebabe, 0);
  header.writeUInt32BE(slices.length, 4);
  const parts: Buffer[] = [header];
  let offset = header.length;
  slices.forEach((slice, index) => {
    const start = align(offset, 4096);
    parts.push(Buffer.alloc(start - offset));
    const entry = 8 + index * entrySize;
    header.writeInt32BE(slice.cpu.type, entry);
    header.writeInt32BE(slice.cpu.subtype, entry + 4);
    if (is64Bit) {
      header.writeBigUInt64BE(BigInt(start), entry + 8);
      header.writeBigUInt64BE(BigInt(slice.binary.length), entry + 16);
      header.writeUInt32BE(12, entry + 24);
    } else {
      header.writeUInt32BE(start, entry + 8);
      header.writeUInt32BE(slice.binary.length, entry + 12);
      header.writeUInt32BE(12, entry + 16);
    }
    parts.push(slice.binary);
    offset = start + slice.binary.length;
  });
  return Buffer.concat(parts);
}

/** The embedded signature: a CodeDirectory stand-in and, unless `entitlements` is null, the entitlements blob. */
function superBlob(entitlements: string | null, entitlementsSlot: number): Buffer {
  const codeDirectory = blob(0xfade0c02, Buffer.alloc(32));
  const blobs: Array<[number, Buffer]> = [[0, codeDirectory]];
  if (entitlements !== null) blobs.push([entitlementsSlot, blob(0xfade7171, Buffer.from(entitlements, 'utf8'))]);
  const index = Buffer.alloc(12 + blobs.length * 8);
  let offset = index.length;
  blobs.forEach(([slot, content], position) => {
    index.writeUInt32BE(slot, 12 + position * 8);
    index.writeUInt32BE(offset, 16 + position * 8);
    offset += content.length;
  });
  index.writeUInt32BE(0xfade0cc0, 0);
  index.writeUInt32BE(offset, 4);
  index.writeUInt32BE(blobs.length, 8);
  return Buffer.concat([index, ...blobs.map(([, content]) => content)]);
}

function blob(magic: number, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(magic, 0);
  header.writeUInt32BE(8 + content.length, 4);
  return Buffer.concat([header, content]);
}

function align(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
