/**
 * Seeded mutations of built Apple binaries (binary plists, thin and universal Mach-O files with code signatures,
 * CMS-signed provisioning profiles when openssl can sign one) through the binary readers: each must return, never
 * throw, within the time bound. Mutations are byte flips, truncations, inserted and deleted runs, 32-bit fields
 * overwritten with extreme values (offsets, counts and lengths are where such readers break), and copied ranges.
 * Mutation M of seed S is the same on every machine.
 */
import { convertBinaryPlist } from '../../server/src/service/plist/binaryPlist';
import { readEntitlements } from '../../server/src/service/macho/codeSignature';
import { readProvisioningProfile } from '../../server/src/service/profile/profile';
import { readSignedData } from '../../server/src/service/profile/cms';
import { binaryPlist, CPU, fatMachO, machO, real } from '../builders/appleBinaries';
import { createSigner, hasOpenssl, profilePlist } from '../builders/signedProfiles';
import { createRandom, type Random } from './mutations';

export interface BinarySeed {
  readonly name: string;
  readonly bytes: Buffer;
}

const ENTITLEMENTS = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>keychain-access-groups</key>\n\t<array><string>A.b</string></array>\n</dict>\n</plist>\n';

/** The inputs mutations start from; profiles only when openssl is there to sign them. */
export function binarySeeds(): BinarySeed[] {
  const shared = 'x'.repeat(300);
  const seeds: BinarySeed[] = [
    { name: 'binary plist: Info.plist-like dict', bytes: binaryPlist({ CFBundleIdentifier: 'com.example.app', CFBundleVersion: '1', LSRequiresIPhoneOS: true, UIDeviceFamily: [1, 2], NSCameraUsageDescription: 'To scan.' }) },
    { name: 'binary plist: every type', bytes: binaryPlist({ s: 'text', u: 'ünïcödé ✓', i: -7, big: 2 ** 40, r: real(1.5), b: false, d: new Date('2024-01-01T00:00:00Z'), data: Buffer.from([0, 1, 2, 255]), uid: { UID: 3 }, nested: { a: [1, [2, [3]]] } }) },
    { name: 'binary plist: shared strings', bytes: binaryPlist({ a: shared, b: shared, c: [shared, shared, shared], d: { e: shared } }) },
    { name: 'Mach-O: arm64 signed', bytes: machO({ entitlements: ENTITLEMENTS }) },
    { name: 'Mach-O: 32-bit arm signed, odd slot', bytes: machO({ cpu: CPU.arm, is64Bit: false, entitlements: ENTITLEMENTS, entitlementsSlot: 7 }) },
    { name: 'Mach-O: signed without entitlements', bytes: machO({ entitlements: null }) },
    { name: 'Mach-O: universal', bytes: fatMachO([{ cpu: CPU.x86_64, binary: machO({ cpu: CPU.x86_64, entitlements: ENTITLEMENTS }) }, { cpu: CPU.arm64, binary: machO({ entitlements: ENTITLEMENTS }) }]) },
    { name: 'Mach-O: universal, 64-bit header', bytes: fatMachO([{ cpu: CPU.arm64e, binary: machO({ cpu: CPU.arm64e, entitlements: ENTITLEMENTS }) }], true) },
  ];
  if (hasOpenssl()) {
    const signer = createSigner();
    try {
      seeds.push({ name: 'profile: signed', bytes: Buffer.from(signer.sign(profilePlist({ developerCertificates: [signer.certificateDer] }))) });
      seeds.push({ name: 'profile: signed, BER stream', bytes: Buffer.from(signer.sign(profilePlist({ platforms: ['OSX'], devices: 3 }), { stream: true })) });
    } finally {
      signer.dispose();
    }
  }
  return seeds;
}

const EXTREMES = [0, 1, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000, 0x01000000];

function mutateBytes(bytes: Buffer, other: Buffer, random: Random): { bytes: Buffer; kinds: string[] } {
  let result = Buffer.from(bytes);
  const kinds: string[] = [];
  for (let step = 1 + random.below(4); step > 0; step--) {
    const at = random.below(result.length + 1);
    const kind = random.pick(['flip', 'byte', 'u32', 'truncate', 'insert', 'delete', 'copy', 'splice'] as const);
    kinds.push(kind);
    switch (kind) {
      case 'flip':
        if (at < result.length) result[at] = (result[at] ?? 0) ^ (1 << random.below(8));
        break;
      case 'byte':
        if (at < result.length) result[at] = random.pick([0, 0xff, 0x80, 0x7f, 0x30, 0x0f, 0xd0, 0xa0, 0x5f, 0x6f]);
        break;
      case 'u32': {
        const offset = Math.min(at, Math.max(0, result.length - 4));
        if (result.length >= 4) {
          const value = random.pick(EXTREMES);
          if (random.next() < 0.5) result.writeUInt32BE(value >>> 0, offset);
          else result.writeUInt32LE(value >>> 0, offset);
        }
        break;
      }
      case 'truncate':
        result = result.subarray(0, at);
        break;
      case 'insert':
        result = Buffer.concat([result.subarray(0, at), Buffer.from(Array.from({ length: 1 + random.below(64) }, () => random.below(256))), result.subarray(at)]);
        break;
      case 'delete':
        result = Buffer.concat([result.subarray(0, at), result.subarray(at + 1 + random.below(64))]);
        break;
      case 'copy': {
        const from = random.below(result.length + 1);
        result = Buffer.concat([result.subarray(0, at), result.subarray(from, from + random.below(256)), result.subarray(at)]);
        break;
      }
      case 'splice': {
        const from = random.below(other.length + 1);
        result = Buffer.concat([result.subarray(0, at), other.subarray(from, from + random.below(512)), result.subarray(at + random.below(64))]);
        break;
      }
    }
  }
  return { bytes: result, kinds };
}

/** Mutation `index` of seed `seed` over `seeds`. */
export function binaryInput(seeds: readonly BinarySeed[], seed: number, index: number): { bytes: Buffer; description: string } {
  const random = createRandom(Math.imul(seed ^ 0x27d4eb2d, 0x165667b1) ^ Math.imul(index + 1, 0x9e3779b1));
  const base = random.pick(seeds);
  const other = random.pick(seeds);
  const { bytes, kinds } = mutateBytes(base.bytes, other.bytes, random);
  return { bytes, description: `${base.name} + ${other.name}: ${kinds.join(', ')}` };
}

const READERS: ReadonlyArray<[string, (bytes: Uint8Array) => unknown]> = [
  ['convertBinaryPlist', convertBinaryPlist],
  ['readEntitlements', readEntitlements],
  ['readProvisioningProfile', readProvisioningProfile],
  ['readSignedData', readSignedData],
];

export interface BinaryCheck {
  readonly failures: string[];
  readonly slowestMs: number;
  readonly slowest: string;
}

/** Every binary reader on `bytes`: a throw or a call over `timeBoundMs` is a failure. */
export function checkBinary(bytes: Uint8Array, timeBoundMs: number): BinaryCheck {
  const failures: string[] = [];
  let slowestMs = 0;
  let slowest = '';
  for (const [name, read] of READERS) {
    const started = performance.now();
    try {
      read(bytes);
    } catch (error) {
      failures.push(`${name} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    const elapsed = performance.now() - started;
    if (elapsed > timeBoundMs) failures.push(`${name} took ${elapsed.toFixed(0)} ms (bound ${timeBoundMs} ms)`);
    if (elapsed > slowestMs) {
      slowestMs = elapsed;
      slowest = name;
    }
  }
  return { failures, slowestMs, slowest };
}
