/**
 * The input shapes that once made a reader superlinear (issue 22's probe), each as a generator of a given size and
 * the call that reads it. The timing tests beside each reader and the peak-memory test (readerMemory.test.ts, in a
 * child process per run) build their inputs here, so both judge the same shapes.
 */
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { readEntitlements } from '../../server/src/service/macho/codeSignature';
import { convertBinaryPlist } from '../../server/src/service/plist/binaryPlist';
import { parseAsciiPlist } from '../../server/src/service/project/asciiPlist';
import { readXcodeProject } from '../../server/src/service/project/xcodeProject';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { UNKNOWN_TARGET } from '../../shared/src/target';
import { fatMachO, machO } from '../builders/appleBinaries';

const PLIST_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

/** A project-like file whose one key is `A[` and `length` '=' signs, closed or not. */
export const bracketKey = (length: number, isClosed: boolean): string => `{ objects = { A[${'='.repeat(length)}${isClosed ? ']' : ''} = x; }; }`;

/** A project.pbxproj: the project's build settings, and targets with one build configuration per settings string. */
export function projectText(projectSettings: string, targets: ReadonlyArray<{ name: string; productType?: string; configurations: readonly string[] }>): string {
  const objects: string[] = [];
  const targetIds: string[] = [];
  targets.forEach((target, targetIndex) => {
    const configurationIds = target.configurations.map((settings, index) => {
      const id = `CONF${targetIndex}${index}`;
      objects.push(`${id} = { isa = XCBuildConfiguration; buildSettings = { ${settings} }; name = C${index}; };`);
      return id;
    });
    objects.push(`LIST${targetIndex} = { isa = XCConfigurationList; buildConfigurations = (${configurationIds.join(', ')}); };`);
    const productType = target.productType === undefined ? '' : `productType = "${target.productType}";`;
    objects.push(`TARGET${targetIndex} = { isa = PBXNativeTarget; buildConfigurationList = LIST${targetIndex}; name = ${target.name}; ${productType} };`);
    targetIds.push(`TARGET${targetIndex}`);
  });
  objects.push('PCONF = { isa = XCBuildConfiguration; buildSettings = { ' + projectSettings + ' }; name = Debug; };');
  objects.push('PLIST = { isa = XCConfigurationList; buildConfigurations = (PCONF); };');
  objects.push(`PROJECT = { isa = PBXProject; buildConfigurationList = PLIST; targets = (${targetIds.join(', ')}); };`);
  return `// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjects = {\n\t\t${objects.join('\n\t\t')}\n\t};\n\trootObject = PROJECT;\n}\n`;
}

/** Many targets, each with two configurations, over many project settings (half of them INFOPLIST_KEY_*). */
export function manyTargetsOverManySettings(settingCount: number, targetCount: number): string {
  const settings = Array.from({ length: settingCount }, (_, index) => (index % 2 === 0 ? `INFOPLIST_KEY_K${index} = v;` : `S${index} = v;`)).join(' ');
  const targets = Array.from({ length: targetCount }, (_, index) => ({ name: `T${index}`, configurations: ['SDKROOT = iphoneos;', 'SDKROOT = iphoneos;'] }));
  return projectText(`${settings} CODE_SIGN_ENTITLEMENTS = App.entitlements;`, targets);
}

/** A binary plist whose dict of `count` entries has every key and value pointing at one string of `length` bytes. */
export function sharedStringDict(count: number, length: number): Uint8Array {
  const dict = Buffer.alloc(6 + 2 * count, 1);
  dict.writeUInt8(0xdf, 0);
  dict.writeUInt8(0x12, 1);
  dict.writeUInt32BE(count, 2);
  const string = Buffer.alloc(6 + length, 'a');
  string.writeUInt8(0x5f, 0);
  string.writeUInt8(0x12, 1);
  string.writeUInt32BE(length, 2);
  const offsets = Buffer.alloc(8);
  offsets.writeUInt32BE(8, 0);
  offsets.writeUInt32BE(8 + dict.length, 4);
  const trailer = Buffer.alloc(32);
  trailer.writeUInt8(4, 6);
  trailer.writeUInt8(1, 7);
  trailer.writeBigUInt64BE(2n, 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(8 + dict.length + string.length), 24);
  return new Uint8Array(Buffer.concat([Buffer.from('bplist00'), dict, string, offsets, trailer]));
}

/** An XML plist whose root is an array of `count` copies of `item`. */
export const arrayOf = (count: number, item: string): string => `${PLIST_HEADER}<array>\n${item.repeat(count)}</array>\n</plist>\n`;

/** An Info.plist of `count` entries: real keys, near misses, nested dicts and arrays, as a large real file has. */
export function wideInfoPlist(count: number): string {
  const entries: string[] = [];
  for (let index = 0; index < count; index++) {
    switch (index % 4) {
      case 0: entries.push(`\t<key>NSCameraUsageDescription${index}</key>\n\t<string>Scans receipts ${index}</string>\n`); break;
      case 1: entries.push(`\t<key>Custom${index}</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t</dict>\n`); break;
      case 2: entries.push(`\t<key>UIBackgroundModes${index}</key>\n\t<array>\n\t\t<string>audio</string>\n\t\t<string>fetch</string>\n\t</array>\n`); break;
      default: entries.push(`\t<key>CFBundleVersion${index}</key>\n\t<string>1.${index}</string>\n`);
    }
  }
  return `${PLIST_HEADER}<dict>\n${entries.join('')}</dict>\n</plist>\n`;
}

const entitlementsXml = `${PLIST_HEADER}<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n`;

/** A universal binary of `count` slices, each signed with the same entitlements. */
export function universalBinary(count: number): Uint8Array {
  const slice = machO({ entitlements: entitlementsXml });
  return new Uint8Array(fatMachO(Array.from({ length: count }, (_, index) => ({ cpu: { type: 0x0100000c, subtype: index }, binary: slice }))));
}

/** One shape: what a tenth of its large size is, and the read to run on it. */
export interface HostileShape {
  /** The size that broke the reader (or the largest real file of the kind), and ten times that. */
  readonly sizes: readonly [small: number, large: number];
  /** Builds the input for a size, outside what is measured: a text, or bytes. */
  build(size: number): string | Uint8Array;
  /** The read under measure. */
  read(input: string | Uint8Array): unknown;
}

const service = createLanguageService(CATALOG);
const context = { fileKind: 'infoPlist' as const, target: UNKNOWN_TARGET, allowedKeys: new Set<string>(), severity: {} };

export const HOSTILE_SHAPES: Readonly<Record<string, HostileShape>> = {
  'pbxproj key with "=" in brackets': { sizes: [320_000, 3_200_000], build: (size) => bracketKey(size, true), read: (input) => parseAsciiPlist(input as string) },
  'pbxproj targets over many project settings': {
    sizes: [1_250, 12_500],
    build: (size) => manyTargetsOverManySettings(size * 3.2, size),
    read: (input) => readXcodeProject(input as string),
  },
  'binary plist keys sharing one string': { sizes: [100_000, 1_000_000], build: (size) => sharedStringDict(size, size / 25), read: (input) => convertBinaryPlist(input as Uint8Array) },
  'XML array of millions of items: outline and folding': {
    sizes: [200_000, 2_000_000],
    build: (size) => arrayOf(size, '<true/>'),
    read: (input) => {
      const document = TextDocument.create('file:///w/Info.plist', 'info-plist', 1, input as string);
      const parsed = service.parse(input as string);
      return [service.documentSymbols(document, parsed).length, service.foldingRanges(document, parsed).length];
    },
  },
  'Info.plist parsed and validated': {
    sizes: [10_000, 100_000],
    build: (size) => wideInfoPlist(size),
    read: (input) => {
      const document = TextDocument.create('file:///w/Info.plist', 'info-plist', 1, input as string);
      return service.validate(document, service.parse(input as string), context).length;
    },
  },
  'universal binary of many slices': { sizes: [40, 400], build: (size) => universalBinary(size), read: (input) => readEntitlements(input as Uint8Array) },
};
