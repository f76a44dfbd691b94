import * as assert from 'node:assert/strict';
import { childrenOf, readElement, readObjectIdentifier, readText, readTime, stringBytesOf, TAG } from '../../../../server/src/service/profile/der';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

describe('der', () => {
  describe('readElement', () => {
    it('reads a short-form primitive element', () => {
      const element = readElement(bytes(0x04, 0x03, 1, 2, 3));
      assert.deepEqual(element, { tagClass: 'universal', tagNumber: TAG.octetString, isConstructed: false, offset: 0, contentOffset: 2, contentEnd: 5, end: 5 });
    });

    it('reads long-form lengths', () => {
      const content = new Array<number>(300).fill(7);
      const element = readElement(bytes(0x04, 0x82, 0x01, 0x2c, ...content));
      assert.equal(element?.contentOffset, 4);
      assert.equal(element?.contentEnd, 304);
    });

    it('reads context-specific, constructed and high-number tags', () => {
      assert.deepEqual(pick(readElement(bytes(0xa0, 0x00))), { tagClass: 'context', tagNumber: 0, isConstructed: true });
      assert.deepEqual(pick(readElement(bytes(0x1f, 0x81, 0x00, 0x00))), { tagClass: 'universal', tagNumber: 128, isConstructed: false });
      assert.deepEqual(pick(readElement(bytes(0xdf, 0x2a, 0x00))), { tagClass: 'private', tagNumber: 42, isConstructed: false });
    });

    it('finds the end of an indefinite length (BER) by its end-of-contents octets, nested', () => {
      // SEQUENCE (indefinite) { OCTET STRING "ab", SEQUENCE (indefinite) { NULL } }
      const data = bytes(0x30, 0x80, 0x04, 0x02, 0x61, 0x62, 0x30, 0x80, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff);
      const element = readElement(data);
      assert.equal(element?.contentEnd, 12);
      assert.equal(element?.end, 14);
      assert.deepEqual(childrenOf(data, element).map((child) => child.tagNumber), [TAG.octetString, TAG.sequence]);
    });

    it('gives undefined for truncated or impossible input, never an exception', () => {
      for (const data of [bytes(), bytes(0x30), bytes(0x04, 0x05, 1, 2), bytes(0x04, 0x85, 1, 1, 1, 1, 1), bytes(0x04, 0x80, 0, 0), bytes(0x30, 0x80, 0x04, 0x01), bytes(0x1f, 0xff, 0xff, 0xff, 0xff, 0x01)]) {
        assert.equal(readElement(data), undefined, JSON.stringify([...data]));
      }
      assert.ok(readElement(bytes(0x05, 0x00), 0, 5) !== undefined, 'a limit past the end is the end');
      assert.equal(readElement(bytes(0x05, 0x00), -1), undefined);
    });

    it('survives random bytes and deep indefinite nesting', () => {
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let round = 0; round < 2000; round++) {
        const data = new Uint8Array(Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
        const element = readElement(data);
        if (element !== undefined) {
          childrenOf(data, element);
          stringBytesOf(data, element);
        }
      }
      const deep = new Uint8Array(100_000).map((_, index) => (index % 2 === 0 ? 0x30 : 0x80));
      assert.equal(readElement(deep), undefined);
    });
  });

  describe('childrenOf', () => {
    it('lists the elements of a sequence and stops at the first that does not read', () => {
      const data = bytes(0x30, 0x07, 0x02, 0x01, 0x05, 0x05, 0x00, 0x04, 0x09);
      const element = readElement(data);
      assert.deepEqual(childrenOf(data, element!).map((child) => child.tagNumber), [TAG.integer, TAG.null]);
    });

    it('gives nothing for a primitive element', () => {
      const data = bytes(0x04, 0x02, 0x30, 0x00);
      assert.deepEqual(childrenOf(data, readElement(data)!), []);
    });
  });

  describe('stringBytesOf', () => {
    it('joins the chunks of a constructed octet string in order, nested ones included', () => {
      // OCTET STRING (constructed, indefinite) { "ab", OCTET STRING (constructed) { "c" }, "de" }
      const data = bytes(0x24, 0x80, 0x04, 0x02, 0x61, 0x62, 0x24, 0x03, 0x04, 0x01, 0x63, 0x04, 0x02, 0x64, 0x65, 0x00, 0x00);
      const joined = stringBytesOf(data, readElement(data)!);
      assert.equal(Buffer.from(joined!).toString('latin1'), 'abcde');
    });

    it('returns the content of a primitive one as is', () => {
      const data = bytes(0x04, 0x02, 0x68, 0x69);
      assert.equal(Buffer.from(stringBytesOf(data, readElement(data)!)!).toString('latin1'), 'hi');
    });
  });

  describe('readObjectIdentifier', () => {
    it('decodes arcs, including multi-byte ones', () => {
      const data = bytes(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);
      assert.equal(readObjectIdentifier(data, readElement(data)!), '1.2.840.113549.1.7.2');
      const commonName = bytes(0x06, 0x03, 0x55, 0x04, 0x03);
      assert.equal(readObjectIdentifier(commonName, readElement(commonName)!), '2.5.4.3');
    });

    it('rejects a truncated arc and other types', () => {
      const truncated = bytes(0x06, 0x02, 0x2a, 0x86);
      assert.equal(readObjectIdentifier(truncated, readElement(truncated)!), undefined);
      const notOid = bytes(0x04, 0x01, 0x2a);
      assert.equal(readObjectIdentifier(notOid, readElement(notOid)!), undefined);
    });
  });

  describe('readText and readTime', () => {
    it('reads UTF8String, PrintableString and BMPString', () => {
      const utf8 = bytes(0x0c, 0x03, 0xc3, 0xa9, 0x21);
      assert.equal(readText(utf8, readElement(utf8)!), 'é!');
      const printable = bytes(0x13, 0x02, ...ascii('US'));
      assert.equal(readText(printable, readElement(printable)!), 'US');
      const bmp = bytes(0x1e, 0x04, 0x00, 0x41, 0x00, 0x42);
      assert.equal(readText(bmp, readElement(bmp)!), 'AB');
    });

    it('reads UTCTime (with the 1950-2049 window) and GeneralizedTime', () => {
      const utc = bytes(0x17, 0x0d, ...ascii('260301120000Z'));
      assert.equal(readTime(utc, readElement(utc)!)?.toISOString(), '2026-03-01T12:00:00.000Z');
      const old = bytes(0x17, 0x0d, ...ascii('991231235959Z'));
      assert.equal(readTime(old, readElement(old)!)?.toISOString(), '1999-12-31T23:59:59.000Z');
      const generalized = bytes(0x18, 0x0f, ...ascii('20510102030405Z'));
      assert.equal(readTime(generalized, readElement(generalized)!)?.toISOString(), '2051-01-02T03:04:05.000Z');
    });

    it('gives undefined for a malformed time', () => {
      const bad = bytes(0x17, 0x04, ...ascii('26XZ'));
      assert.equal(readTime(bad, readElement(bad)!), undefined);
    });
  });
});

function pick(element: ReturnType<typeof readElement>) {
  return element === undefined ? undefined : { tagClass: element.tagClass, tagNumber: element.tagNumber, isConstructed: element.isConstructed };
}
