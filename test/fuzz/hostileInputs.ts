/**
 * Files built to hurt a parser or an editor: entity bombs, external entities and DTDs that point at a file or a
 * URL, huge and deeply nested files, undecodable bytes, binary plists, and floods of keys that each cost a catalog
 * search or a diagnostic. Sizes are parameters: the unit tests use small ones, `npm run fuzz` the full ones.
 */

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

function plistWith(body: string, doctype = DOCTYPE): string {
  return `${HEADER}${doctype}<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;
}

/** "Billion laughs": ten entities, each ten of the one before; expanded it would be 3 GB of "lol". */
export function billionLaughs(references = 1): string {
  const entities = ['  <!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level++) entities.push(`  <!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
  const doctype = `<!DOCTYPE plist [\n${entities.join('\n')}\n]>\n`;
  return plistWith(`\t<key>CFBundleName</key>\n\t<string>${'&lol9;'.repeat(references)}</string>\n`, doctype);
}

/** An external entity naming a local file (XXE) and one naming a URL, both used in values. */
export function externalEntities(): string {
  const doctype = '<!DOCTYPE plist [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n  <!ENTITY remote SYSTEM "https://example.invalid/secret">\n  <!ENTITY % param SYSTEM "https://example.invalid/evil.dtd">\n  %param;\n]>\n';
  return plistWith('\t<key>CFBundleName</key>\n\t<string>&xxe;</string>\n\t<key>CFBundleVersion</key>\n\t<string>&remote;</string>\n', doctype);
}

/** A DOCTYPE whose DTD is a URL and one whose DTD is a local file. */
export function externalDoctypes(): string[] {
  return [
    plistWith('\t<key>CFBundleName</key>\n\t<string>App</string>\n', '<!DOCTYPE plist SYSTEM "https://example.invalid/evil.dtd">\n'),
    plistWith('\t<key>CFBundleName</key>\n\t<string>App</string>\n', '<!DOCTYPE plist SYSTEM "file:///etc/passwd">\n'),
  ];
}

/** A well-formed Info.plist of about `characters` characters: many ordinary keys. */
export function hugePlist(characters: number): string {
  const entry = (index: number) => `\t<key>ExampleSetting${index}</key>\n\t<string>Value number ${index} of a very large file</string>\n`;
  const chunk: string[] = [];
  let length = 0;
  for (let index = 0; length < characters; index++) {
    const text = entry(index);
    chunk.push(text);
    length += text.length;
  }
  return plistWith(chunk.join(''));
}

/** `depth` nested containers (closed or not), inside a root dict. */
export function deepNesting(depth: number, isClosed = true): string {
  return plistWith(`\t<key>Deep</key>\n${'<array>'.repeat(depth)}${isClosed ? '</array>'.repeat(depth) : ''}\n`);
}

/** Bytes that are not UTF-8 (a Latin-1 é, a stray continuation byte, a truncated sequence) in a plist. */
export function invalidUtf8Bytes(): Buffer {
  return Buffer.concat([Buffer.from(`${HEADER}${DOCTYPE}<plist version="1.0">\n<dict>\n\t<key>CFBundleName</key>\n\t<string>Caf`), Buffer.from([0xe9, 0x80, 0xc3]), Buffer.from('</string>\n</dict>\n</plist>\n')]);
}

/** A complete binary property list (`{ CFBundleName: "App" }`), as `plutil -convert binary1` writes it. */
export function binaryPlistBytes(): Buffer {
  const objects = [
    [0xd1, 0x01, 0x02], // a dict of one entry: key object 1, value object 2
    [0x5c, ...Buffer.from('CFBundleName')], // an ASCII string of 12 characters
    [0x53, ...Buffer.from('App')],
  ];
  const offsets: number[] = [];
  let offset = 8;
  for (const object of objects) {
    offsets.push(offset);
    offset += object.length;
  }
  const trailer = Buffer.alloc(32);
  trailer.writeUInt8(1, 6); // offset size
  trailer.writeUInt8(1, 7); // object reference size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16); // top object
  trailer.writeBigUInt64BE(BigInt(offset), 24); // offset table
  return Buffer.concat([Buffer.from('bplist00'), Buffer.from(objects.flat()), Buffer.from(offsets), trailer]);
}

/** `count` distinct unknown entitlements, each close enough to real ones to need a catalog search. */
export function unknownEntitlements(count: number): string {
  let body = '';
  for (let index = 0; index < count; index++) body += `\t<key>com.apple.developer.generated-${(Math.imul(index + 1, 2654435761) >>> 0).toString(36)}.setting</key>\n\t<true/>\n`;
  return plistWith(body);
}

/** The same key `count` times: a duplicate-key diagnostic each. */
export function duplicateKeys(count: number): string {
  return plistWith('\t<key>CFBundleName</key>\n\t<string>App</string>\n'.repeat(count));
}

/** One array of `count` items, one comment each (more than a function call can take as arguments). */
export function hugeArray(count: number): string {
  return plistWith(`\t<key>Items</key>\n\t<array>\n${'\t\t<!--\n\t\t-->\n\t\t<true/>\n'.repeat(count)}\t</array>\n`);
}

/**
 * A large plist with a comment after every key, so every entry goes through the parser's token loop; a new string
 * on every call (the same text), as each keystroke gives the server one.
 */
export function commentedPlist(characters: number): string {
  const chunk: string[] = [];
  let length = 0;
  for (let index = 0; length < characters; index++) {
    const text = `\t<key>Setting${index}</key> <!-- note -->\n\t<string>Value ${index}</string>\n`;
    chunk.push(text);
    length += text.length;
  }
  return plistWith(chunk.join(''));
}

/** `count` broken elements: a syntax problem each. */
export function syntaxFlood(count: number): string {
  return plistWith('\t<key>a</key>\n\t<bogus>&nope;</bogus>\n'.repeat(count));
}

/** Pathological single tokens: an unterminated comment, CDATA, quote and DOCTYPE subset before a long tail. */
export function unterminatedTokens(tailCharacters: number): string[] {
  const tail = 'x<key>y</key>'.repeat(Math.ceil(tailCharacters / 13));
  return [`<!--${tail}`, `<![CDATA[${tail}`, `<plist version="${tail}`, `<!DOCTYPE plist [ <!ENTITY a "${tail}`, `<${'<'.repeat(tailCharacters)}`, `&${'&'.repeat(tailCharacters)}`];
}
