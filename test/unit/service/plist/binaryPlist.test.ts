import * as assert from 'node:assert/strict';
import { convertBinaryPlist, isBinaryPlist } from '../../../../server/src/service/plist/binaryPlist';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue } from '../../../../server/src/service/plist/value';
import { binaryPlist, real } from '../../../builders/appleBinaries';
import { createRandom } from '../../../fuzz/mutations';
import { assertLinearOverTenfold } from '../../scaling';
import { sharedStringDict } from '../../hostileInputs';

function xmlOf(bytes: Uint8Array): string {
  const conversion = convertBinaryPlist(bytes);
  assert.ok('xml' in conversion, 'error' in conversion ? conversion.error : '');
  return conversion.xml;
}

function errorOf(bytes: Uint8Array): string {
  const conversion = convertBinaryPlist(bytes);
  assert.ok('error' in conversion, 'expected an error');
  return conversion.error;
}

/** A `bplist00` file from hand-written objects (markers and bytes, references `referenceSize` bytes wide). */
function handMade(objects: ReadonlyArray<readonly number[]>, referenceSize = 1): Uint8Array {
  const body: number[] = [...Buffer.from('bplist00')];
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body.push(...object);
  }
  const offsetTable = body.length;
  const offsetSize = offsetTable < 256 ? 1 : 2;
  for (const offset of offsets) body.push(...(offsetSize === 1 ? [offset] : [offset >> 8, offset & 0xff]));
  const trailer = Buffer.alloc(32);
  trailer.writeUInt8(offsetSize, 6);
  trailer.writeUInt8(referenceSize, 7);
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(offsetTable), 24);
  return new Uint8Array([...body, ...trailer]);
}

describe('binaryPlist', () => {
  it('writes the XML plutil writes: header, tabs, sorted keys, empty containers', () => {
    const xml = xmlOf(binaryPlist({ b: 'two', a: ['x', true], e: [], f: {} }));
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
        '<plist version="1.0">\n<dict>\n\t<key>a</key>\n\t<array>\n\t\t<string>x</string>\n\t\t<true/>\n\t</array>\n' +
        '\t<key>b</key>\n\t<string>two</string>\n\t<key>e</key>\n\t<array/>\n\t<key>f</key>\n\t<dict/>\n</dict>\n</plist>\n',
    );
  });

  it('keeps every value type, as our parser and the plist package both read the XML', async () => {
    const plist = await import('plist');
    const date = new Date('2024-02-29T12:34:56Z');
    const source = {
      CFBundleName: 'Café <&> ☃ 𝄞',
      CFBundleVersion: '42',
      count: 7,
      big: 2 ** 40,
      negative: -3,
      ratio: real(0.25),
      whole: real(2),
      isOn: true,
      isOff: false,
      when: date,
      blob: Buffer.from([0, 1, 2, 250, 251, 252, 253]),
      nested: { list: ['a', { deep: 'yes' }] },
    };
    const xml = xmlOf(binaryPlist(source));
    const parsed = parsePlist(xml);
    assert.deepEqual(parsed.problems, []);
    const expected = {
      CFBundleName: 'Café <&> ☃ 𝄞',
      CFBundleVersion: '42',
      count: 7,
      big: 2 ** 40,
      negative: -3,
      ratio: 0.25,
      whole: 2,
      isOn: true,
      isOff: false,
      when: date,
      nested: { list: ['a', { deep: 'yes' }] },
    };
    const fromPlistPackage = plist.parse(xml) as Record<string, unknown>;
    assert.deepEqual(Buffer.from(fromPlistPackage.blob as Buffer), Buffer.from([0, 1, 2, 250, 251, 252, 253]));
    delete fromPlistPackage.blob;
    assert.deepEqual({ ...fromPlistPackage }, expected);
    const ours = toValue(parsed) as Record<string, unknown>;
    delete ours.blob;
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), JSON.parse(JSON.stringify(expected)));
  });

  it('writes a keyed archiver UID as Core Foundation does', () => {
    const xml = xmlOf(binaryPlist({ root: { UID: 3 } }));
    assert.match(xml, /<key>root<\/key>\n\t<dict>\n\t\t<key>CF\$UID<\/key>\n\t\t<integer>3<\/integer>\n\t<\/dict>/);
  });

  it('reads eight and sixteen byte integers, and sets as arrays', () => {
    const minusOne = [0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    const aboveSignedRange = [0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    const xml = xmlOf(handMade([[0xc2, 1, 2], minusOne, aboveSignedRange]));
    assert.match(xml, /<array>\n\t<integer>-1<\/integer>\n\t<integer>18446744073709551615<\/integer>\n<\/array>/);
  });

  it('reads UTF-16 strings and lengths given as a following integer', () => {
    const long = 'x'.repeat(20);
    const xml = xmlOf(handMade([[0xa2, 1, 2], [0x62, 0xd8, 0x34, 0xdd, 0x1e], [0x5f, 0x10, 20, ...Buffer.from(long)]]));
    assert.ok(xml.includes('<string>𝄞</string>') && xml.includes(`<string>${long}</string>`), xml);
  });

  it('tells a binary plist by its first bytes', () => {
    assert.ok(isBinaryPlist(binaryPlist({})));
    assert.ok(!isBinaryPlist(Buffer.from('<?xml version="1.0"?>')));
    assert.ok(!isBinaryPlist(new Uint8Array()));
  });

  describe('malformed input gives an error, never an exception', () => {
    it('says what is wrong with the header and trailer', () => {
      assert.match(errorOf(Buffer.from('<?xml version="1.0"?><plist/>                                 ')), /not a binary property list/);
      assert.match(errorOf(Buffer.from(`bplist15${' '.repeat(40)}`)), /unsupported binary property list version '15'/);
      assert.match(errorOf(Buffer.from('bplist00')), /too short/);
      const bytes = Buffer.from(binaryPlist({ a: 'b' }));
      bytes.writeBigUInt64BE(99n, bytes.length - 16);
      assert.match(errorOf(bytes), /top object/);
    });

    it('refuses a container that contains itself', () => {
      assert.match(errorOf(handMade([[0xa1, 0]])), /contains itself/);
      assert.match(errorOf(handMade([[0xd1, 1, 0], [0x51, 0x6b]])), /contains itself/);
    });

    it('stops on shared objects that would expand without end', () => {
      // Each array holds the next one twice: 2^40 values from 41 small objects.
      const objects = Array.from({ length: 41 }, (_, index) => (index === 40 ? [0x09] : [0xa2, index + 1, index + 1]));
      assert.match(errorOf(handMade(objects)), /too large/);
    });

    it('refuses nesting deeper than any real plist', () => {
      const nested = (depth: number) => handMade(Array.from({ length: depth + 1 }, (_, index) => (index === depth ? [0x09] : [0xa1, (index + 1) >> 8, (index + 1) & 0xff])), 2);
      assert.ok('xml' in convertBinaryPlist(nested(500)));
      assert.match(errorOf(nested(600)), /nested too deeply/);
    });

    it('refuses null, non-string keys and unknown markers', () => {
      assert.match(errorOf(handMade([[0x00]])), /null/);
      assert.match(errorOf(handMade([[0xd1, 1, 1], [0x10, 1]])), /not a string/);
      assert.match(errorOf(handMade([[0x70]])), /unknown marker 0x70/);
    });

    it('survives every truncation of a real file', () => {
      const bytes = binaryPlist({ CFBundleIdentifier: 'com.example.app', UIBackgroundModes: ['remote-notification'], version: 3, data: Buffer.from([1, 2, 3]) });
      for (let length = 0; length < bytes.length; length++) {
        const conversion = convertBinaryPlist(bytes.subarray(0, length));
        assert.ok('error' in conversion || 'xml' in conversion);
      }
    });

    it('survives random corruption', () => {
      const random = createRandom(20240601);
      const original = binaryPlist({ CFBundleIdentifier: 'com.example.app', list: ['a', 'b', { c: 1.5 }], on: true, when: new Date(0) });
      for (let round = 0; round < 3000; round++) {
        const bytes = Buffer.from(original);
        const flips = 1 + random.below(4);
        for (let flip = 0; flip < flips; flip++) bytes[random.below(bytes.length)] = random.below(256);
        const conversion = convertBinaryPlist(bytes);
        assert.ok('error' in conversion || 'xml' in conversion, `round ${round}`);
      }
    });
  });

  describe('time linear in the input', () => {
    /**
     * A dict of `count` entries whose keys and values all name one string of `length` ASCII characters: objects 0
     * (the dict, one-byte references) and 1 (the string), with four-byte counts and offsets.
     */

    it('decodes a string that every key of a 204 KB dict names once, and ten times that in about ten times the time', function () {
      this.timeout(60_000);
      const small = sharedStringDict(100_000, 4_000);
      const large = sharedStringDict(1_000_000, 40_000);
      assert.ok(small.length > 200_000 && small.length < 210_000);
      assert.equal(errorOf(small), 'the property list is too large to convert');
      assertLinearOverTenfold(() => convertBinaryPlist(small), () => convertBinaryPlist(large));
    });

    it('still writes every entry of a dict whose keys share one string while the output stays in bounds', () => {
      const xml = xmlOf(sharedStringDict(3, 5));
      assert.equal(xml.split('<key>aaaaa</key>').length - 1, 3);
      assert.equal(xml.split('<string>aaaaa</string>').length - 1, 3);
    });
  });
});
