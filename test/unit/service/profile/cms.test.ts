import * as assert from 'node:assert/strict';
import { readCertificate, readSignedData } from '../../../../server/src/service/profile/cms';
import { createSigner, hasOpenssl, TEAM, type Signer } from '../../../builders/signedProfiles';

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));

describe('cms', function () {
  let signer: Signer;
  before(function () {
    if (!hasOpenssl()) {
      console.warn('    openssl is not installed (Debian package: openssl); skipping the CMS tests');
      this.skip();
    }
    signer = createSigner();
  });
  after(() => signer?.dispose());

  it('reads the signed content of a DER container, byte for byte', () => {
    const content = '<plist version="1.0"><dict><key>Name</key><string>é ✓</string></dict></plist>\n';
    const signed = readSignedData(signer.sign(content));
    assert.equal(signed.problem, undefined);
    assert.equal(text(signed.content), content);
  });

  it('reads a streamed (BER, indefinite-length, chunked) container', () => {
    const content = `<plist><dict><key>Big</key><string>${'x'.repeat(5000)}</string></dict></plist>`;
    const bytes = signer.sign(content, { stream: true });
    assert.equal(bytes[1], 0x80, 'openssl -stream writes an indefinite length');
    assert.equal(text(readSignedData(bytes).content), content);
  });

  it('lists the certificates that came with the signature', () => {
    const { certificates } = readSignedData(signer.sign('<plist/>'));
    assert.equal(certificates.length, 1);
    assert.equal(certificates[0]?.commonName, `Apple Development: Test Person (${TEAM})`);
    assert.equal(certificates[0]?.organizationalUnit, TEAM);
    assert.equal(certificates[0]?.organization, 'Example Corp');
    assert.match(certificates[0]?.subject ?? '', /^CN=Apple Development: Test Person \(ABCDE12345\), OU=ABCDE12345, O=Example Corp, C=US$/);
    const notAfter = certificates[0]?.notAfter?.getTime() ?? 0;
    assert.ok(notAfter > Date.now() && notAfter < Date.now() + 3 * 24 * 60 * 60 * 1000, 'the test certificate lasts one day');
  });

  it('reads one DER certificate on its own', () => {
    assert.equal(readCertificate(signer.certificateDer)?.commonName, `Apple Development: Test Person (${TEAM})`);
    assert.equal(readCertificate(new Uint8Array([0x30, 0x00])), undefined);
  });

  it('says why a detached signature holds no profile', () => {
    const signed = readSignedData(signer.sign('<plist/>', { detached: true }));
    assert.equal(signed.content, undefined);
    assert.match(signed.problem ?? '', /detached/);
  });

  it('says why other bytes are not a container, without throwing', () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('<?xml version="1.0"?>'), new Uint8Array([0x30, 0x03, 0x06, 0x01, 0x00])]) {
      const signed = readSignedData(bytes);
      assert.equal(signed.content, undefined);
      assert.ok(signed.problem !== undefined && signed.problem.length > 0);
    }
  });

  it('never throws on a truncated or corrupted container', () => {
    const bytes = signer.sign('<plist><dict><key>Name</key><string>Corrupt</string></dict></plist>');
    for (let length = 0; length < bytes.length; length += 7) readSignedData(bytes.subarray(0, length));
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      const corrupted = new Uint8Array(bytes);
      for (let flips = 0; flips < 4; flips++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        corrupted[seed % corrupted.length] = seed & 0xff;
      }
      readSignedData(corrupted);
    }
  });
});
