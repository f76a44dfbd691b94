/**
 * Reads a CMS (PKCS #7) SignedData container, the envelope of a `.mobileprovision` / `.provisionprofile` file:
 * ContentInfo -> SignedData -> encapContentInfo.eContent (the profile's XML plist), plus the certificates that
 * came with the signature, for display.
 *
 * The signature is not verified, on purpose: we read what the profile grants to compare it with an entitlements
 * file, and codesign and the device verify trust when the app is signed and installed. Nothing here decides that
 * a profile is genuine.
 */
import { childrenOf, isContext, isUniversal, readElement, readObjectIdentifier, readText, readTime, stringBytesOf, TAG, type DerElement } from './der';

/** What a certificate says about itself, as far as a person reading the profile cares. */
export interface CertificateSummary {
  /** Subject common name, e.g. `Apple Development: Jane Appleseed (ABCDE12345)`. */
  readonly commonName?: string;
  /** Subject organizational unit: the Team ID in Apple's developer certificates. */
  readonly organizationalUnit?: string;
  readonly organization?: string;
  /** The whole subject as `CN=..., OU=..., O=...`. */
  readonly subject: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** The result of reading a container: the signed bytes, or why there are none. */
export interface SignedContent {
  /** The encapsulated content (the plist bytes); absent when the container does not read. */
  readonly content?: Uint8Array;
  readonly certificates: readonly CertificateSummary[];
  /** Why the content could not be read, in a clause. */
  readonly problem?: string;
}

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_DATA = '1.2.840.113549.1.7.1';
const SUBJECT_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.11': 'OU',
  '2.5.4.10': 'O',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '0.9.2342.19200300.100.1.1': 'UID',
};

/** Reads the SignedData in `bytes`; never throws. */
export function readSignedData(bytes: Uint8Array): SignedContent {
  const contentInfo = readElement(bytes, 0);
  if (!isUniversal(contentInfo, TAG.sequence)) return failed('not a CMS container (no ContentInfo sequence)');
  const [contentType, explicitContent] = childrenOf(bytes, contentInfo);
  if (contentType === undefined || readObjectIdentifier(bytes, contentType) !== OID_SIGNED_DATA) return failed('not CMS signed data');
  if (!isContext(explicitContent, 0)) return failed('the signed data is missing');
  const signedData = childrenOf(bytes, explicitContent)[0];
  if (!isUniversal(signedData, TAG.sequence)) return failed('the signed data is not a sequence');
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0] certificates OPTIONAL,
  //                           [1] crls OPTIONAL, signerInfos SET }
  const fields = childrenOf(bytes, signedData);
  const encapContentInfo = fields[2];
  const certificates = fields.filter((field) => isContext(field, 0)).flatMap((field) => childrenOf(bytes, field).map((certificate) => summarizeCertificate(bytes, certificate)).filter(isDefined));
  if (!isUniversal(encapContentInfo, TAG.sequence)) return failed('the encapsulated content is missing', certificates);
  const [eContentType, explicitEContent] = childrenOf(bytes, encapContentInfo);
  if (eContentType === undefined || readObjectIdentifier(bytes, eContentType) !== OID_DATA) return failed('the encapsulated content is not data', certificates);
  // A detached signature has no eContent: the profile's plist is then not in the file at all.
  if (!isContext(explicitEContent, 0)) return failed('the signature is detached; the file holds no profile', certificates);
  const octets = childrenOf(bytes, explicitEContent)[0];
  if (!isUniversal(octets, TAG.octetString)) return failed('the encapsulated content is not an octet string', certificates);
  const content = stringBytesOf(bytes, octets);
  if (content === undefined) return failed('the encapsulated content does not read', certificates);
  return { content, certificates };
}

/** Reads one DER certificate (as in a profile's `DeveloperCertificates`); `undefined` when it does not read. */
export function readCertificate(bytes: Uint8Array): CertificateSummary | undefined {
  const certificate = readElement(bytes, 0);
  return certificate === undefined ? undefined : summarizeCertificate(bytes, certificate);
}

function summarizeCertificate(bytes: Uint8Array, certificate: DerElement): CertificateSummary | undefined {
  if (!isUniversal(certificate, TAG.sequence)) return undefined;
  const tbsCertificate = childrenOf(bytes, certificate)[0];
  if (!isUniversal(tbsCertificate, TAG.sequence)) return undefined;
  // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, ... }
  const fields = childrenOf(bytes, tbsCertificate);
  const rest = isContext(fields[0], 0) ? fields.slice(1) : fields;
  const [, , , validity, subject] = rest;
  if (!isUniversal(validity, TAG.sequence) || !isUniversal(subject, TAG.sequence)) return undefined;
  const [notBeforeElement, notAfterElement] = childrenOf(bytes, validity);
  const notBefore = notBeforeElement === undefined ? undefined : readTime(bytes, notBeforeElement);
  const notAfter = notAfterElement === undefined ? undefined : readTime(bytes, notAfterElement);
  const attributes = readName(bytes, subject);
  const first = (name: string) => attributes.find((attribute) => attribute.name === name)?.value;
  const commonName = first('CN');
  const organizationalUnit = first('OU');
  const organization = first('O');
  return {
    subject: attributes.map((attribute) => `${attribute.name}=${attribute.value}`).join(', '),
    ...(commonName === undefined ? {} : { commonName }),
    ...(organizationalUnit === undefined ? {} : { organizationalUnit }),
    ...(organization === undefined ? {} : { organization }),
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(notAfter === undefined ? {} : { notAfter }),
  };
}

/** Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value string }, in order. */
function readName(bytes: Uint8Array, name: DerElement): Array<{ name: string; value: string }> {
  const attributes: Array<{ name: string; value: string }> = [];
  for (const relativeName of childrenOf(bytes, name)) {
    if (!isUniversal(relativeName, TAG.set)) continue;
    for (const pair of childrenOf(bytes, relativeName)) {
      const [type, value] = childrenOf(bytes, pair);
      const oid = type === undefined ? undefined : readObjectIdentifier(bytes, type);
      const text = value === undefined ? undefined : readText(bytes, value);
      if (oid === undefined || text === undefined) continue;
      attributes.push({ name: SUBJECT_ATTRIBUTES[oid] ?? oid, value: text });
    }
  }
  return attributes;
}

function failed(problem: string, certificates: readonly CertificateSummary[] = []): SignedContent {
  return { certificates, problem };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
