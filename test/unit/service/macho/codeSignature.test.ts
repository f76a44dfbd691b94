import * as assert from 'node:assert/strict';
import { isMachO, readEntitlements, type CodeSignatureReading, type SliceEntitlements } from '../../../../server/src/service/macho/codeSignature';
import { CPU, fatMachO, machO } from '../../../builders/appleBinaries';
import { createRandom } from '../../../fuzz/mutations';
import { plist } from '../../helpers';

const ENTITLEMENTS = plist('<key>com.apple.security.app-sandbox</key><true/>');
const OTHER_ENTITLEMENTS = plist('<key>com.apple.security.network.client</key><true/>');

function slicesOf(reading: CodeSignatureReading): readonly SliceEntitlements[] {
  assert.ok('slices' in reading, 'error' in reading ? reading.error : '');
  return reading.slices;
}

describe('codeSignature', () => {
  it('reads the entitlements of a thin 64-bit binary', () => {
    assert.deepEqual(slicesOf(readEntitlements(machO({ entitlements: ENTITLEMENTS }))), [{ architecture: 'arm64', isSigned: true, entitlements: ENTITLEMENTS }]);
  });

  it('reads a thin 32-bit binary', () => {
    const [slice] = slicesOf(readEntitlements(machO({ cpu: CPU.arm, is64Bit: false, entitlements: ENTITLEMENTS })));
    assert.equal(slice?.architecture, 'arm');
    assert.equal(slice?.entitlements, ENTITLEMENTS);
  });

  it('reads every slice of a universal binary, with 32- and 64-bit fat headers', () => {
    for (const is64Bit of [false, true]) {
      const binary = fatMachO(
        [
          { cpu: CPU.x86_64, binary: machO({ cpu: CPU.x86_64, entitlements: ENTITLEMENTS }) },
          { cpu: CPU.arm64e, binary: machO({ cpu: CPU.arm64e, entitlements: OTHER_ENTITLEMENTS }) },
        ],
        is64Bit,
      );
      const slices = slicesOf(readEntitlements(binary));
      assert.deepEqual(slices.map((slice) => [slice.architecture, slice.entitlements]), [['x86_64', ENTITLEMENTS], ['arm64e', OTHER_ENTITLEMENTS]]);
    }
  });

  it('tells an unsigned binary from one signed without entitlements', () => {
    assert.deepEqual(slicesOf(readEntitlements(machO())), [{ architecture: 'arm64', isSigned: false }]);
    assert.deepEqual(slicesOf(readEntitlements(machO({ entitlements: null }))), [{ architecture: 'arm64', isSigned: true }]);
  });

  it('finds the entitlements blob by its magic in any slot', () => {
    const [slice] = slicesOf(readEntitlements(machO({ entitlements: ENTITLEMENTS, entitlementsSlot: 0x10000 })));
    assert.equal(slice?.entitlements, ENTITLEMENTS);
  });

  it('knows a Mach-O file by its magic, and a Java class file is not one', () => {
    assert.ok(isMachO(machO()));
    assert.ok(isMachO(fatMachO([{ cpu: CPU.arm64, binary: machO() }])));
    assert.ok(!isMachO(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41, 0, 0])));
    assert.ok(!isMachO(Buffer.from('bplist00')));
    assert.ok(!isMachO(new Uint8Array()));
    assert.deepEqual(readEntitlements(Buffer.from('#!/bin/sh\necho hi\n')), { error: 'not a Mach-O binary' });
  });

  it('reads a universal binary of any slice count the file holds', () => {
    for (const count of [31, 64, 200]) {
      const binary = fatMachO(Array.from({ length: count }, (_, index) => ({ cpu: CPU.arm64, binary: machO({ entitlements: index % 2 === 0 ? ENTITLEMENTS : OTHER_ENTITLEMENTS }) })));
      assert.ok(isMachO(binary), `${count} slices`);
      const slices = slicesOf(readEntitlements(binary));
      assert.equal(slices.length, count);
      assert.deepEqual(slices.map((slice) => slice.entitlements), Array.from({ length: count }, (_, index) => (index % 2 === 0 ? ENTITLEMENTS : OTHER_ENTITLEMENTS)));
    }
  });

  it('takes a large slice count for a Java class file only when the table fits and names a CPU', () => {
    const classFile = Buffer.alloc(4096, 0x41);
    classFile.writeUInt32BE(0xcafebabe, 0);
    classFile.writeUInt32BE(65, 4);
    assert.ok(!isMachO(classFile));
    const truncated = fatMachO(Array.from({ length: 40 }, () => ({ cpu: CPU.arm64, binary: machO() }))).subarray(0, 8 + 39 * 20);
    assert.ok(!isMachO(truncated));
  });

  it('reads each image once, however many entries point at it', () => {
    const binary = fatMachO([{ cpu: CPU.arm64, binary: machO({ entitlements: ENTITLEMENTS }) }]);
    const count = Math.floor((4096 - 8) / 20);
    const header = Buffer.alloc(8 + count * 20);
    header.writeUInt32BE(0xcafebabe, 0);
    header.writeUInt32BE(count, 4);
    for (let index = 0; index < count; index++) binary.copy(header, 8 + index * 20, 8, 28);
    const crafted = Buffer.concat([header, binary.subarray(header.length)]);
    const slices = slicesOf(readEntitlements(crafted));
    assert.equal(slices.length, count);
    assert.equal(slices[0]?.entitlements, ENTITLEMENTS);
    assert.ok(slices.slice(1).every((slice) => slice.problem === 'the slice overlaps another slice'));
  });

  describe('malformed input gives a problem, never an exception', () => {
    it('reports a load command that would never advance', () => {
      const binary = machO({ entitlements: ENTITLEMENTS });
      binary.writeUInt32LE(0, 32 + 4);
      assert.match(slicesOf(readEntitlements(binary))[0]?.problem ?? '', /invalid size/);
    });

    it('reports a signature that points outside the file', () => {
      const binary = machO({ entitlements: ENTITLEMENTS });
      binary.writeUInt32LE(0xfffffff0, 32 + 24 + 8);
      assert.deepEqual(slicesOf(readEntitlements(binary))[0], { architecture: 'arm64', isSigned: true, problem: 'the code signature lies outside the file' });
    });

    it('reports a slice outside a universal binary', () => {
      const binary = fatMachO([{ cpu: CPU.arm64, binary: machO({ entitlements: ENTITLEMENTS }) }]);
      binary.writeUInt32BE(0x7fffffff, 8 + 8);
      assert.match(slicesOf(readEntitlements(binary))[0]?.problem ?? '', /outside the file/);
    });

    it('survives every truncation', () => {
      for (const binary of [machO({ entitlements: ENTITLEMENTS }), fatMachO([{ cpu: CPU.arm64, binary: machO({ entitlements: ENTITLEMENTS }) }])]) {
        for (let length = 0; length < binary.length; length += length < 200 ? 1 : 17) {
          const reading = readEntitlements(binary.subarray(0, length));
          assert.ok('error' in reading || 'slices' in reading);
        }
      }
    });

    it('survives random corruption of the headers and the signature', () => {
      const random = createRandom(7);
      const original = fatMachO([
        { cpu: CPU.x86_64, binary: machO({ cpu: CPU.x86_64, entitlements: ENTITLEMENTS }) },
        { cpu: CPU.arm64, binary: machO({ entitlements: ENTITLEMENTS }) },
      ]);
      for (let round = 0; round < 2000; round++) {
        const binary = Buffer.from(original);
        for (let flip = 0; flip < 1 + random.below(4); flip++) {
          // Aim at the bytes that are read: the fat header, the slices' headers and commands, and their signatures.
          const region = random.pick([0, 4096, 8192, original.length - 400]);
          binary[Math.min(binary.length - 1, region + random.below(120))] = random.below(256);
        }
        const reading = readEntitlements(binary);
        assert.ok('error' in reading || 'slices' in reading, `round ${round}`);
      }
    });
  });
});
