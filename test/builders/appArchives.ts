/**
 * Builds what Xcode exports, small enough to write in a test: an app bundle's files (a binary Info.plist, a signed
 * Mach-O executable, an embedded profile) laid out as an `.ipa` (a zip with `Payload/X.app/...`, by fflate's
 * writer) or an `.xcarchive` folder (`Products/Applications/X.app`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { binaryPlist, machO } from './appleBinaries';

/** A bundle's files by their path inside the bundle. */
export type BundleFiles = Record<string, Uint8Array | string>;

export interface AppSpec {
  readonly executable: string;
  readonly bundleIdentifier: string;
  /** Extra Info.plist keys. */
  readonly info?: Readonly<Record<string, unknown>>;
  /** The signed entitlements XML. */
  readonly entitlements: string;
  /** A signed profile's bytes, stored as `embedded.mobileprovision`. */
  readonly profile?: Uint8Array;
}

/** An iOS bundle (flat layout): `Info.plist`, the executable, and `embedded.mobileprovision` when given. */
export function iosBundle(spec: AppSpec): BundleFiles {
  return {
    'Info.plist': binaryPlist({ CFBundleIdentifier: spec.bundleIdentifier, CFBundleExecutable: spec.executable, CFBundleSupportedPlatforms: ['iPhoneOS'], ...(spec.info ?? {}) }),
    [spec.executable]: machO({ entitlements: spec.entitlements }),
    ...(spec.profile === undefined ? {} : { 'embedded.mobileprovision': spec.profile }),
  };
}

/** Puts `files` under the folder `prefix` (`PlugIns/Widget.appex`). */
export function under(prefix: string, files: BundleFiles): BundleFiles {
  return Object.fromEntries(Object.entries(files).map(([name, content]) => [`${prefix}/${name}`, content]));
}

/** A zip of `entries`, by name exactly as given (so a test can write `../evil`). */
export function zipOf(entries: BundleFiles): Buffer {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(entries)) zippable[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return Buffer.from(zipSync(zippable, { level: 6 }));
}

/** An `.ipa` holding `apps` (name to bundle files) in its Payload folder. */
export function ipaOf(apps: Readonly<Record<string, BundleFiles>>): Buffer {
  return zipOf(Object.assign({}, ...Object.entries(apps).map(([name, files]) => under(`Payload/${name}`, files))) as BundleFiles);
}

/** Writes an `.xcarchive` folder at `folder`: its own Info.plist, the apps in Products/Applications, and a dSYM. */
export function writeXcarchive(folder: string, apps: Readonly<Record<string, BundleFiles>>): void {
  const files: BundleFiles = {
    'Info.plist': binaryPlist({ ApplicationProperties: { CFBundleIdentifier: 'com.example.myapp' }, ArchiveVersion: 2, Name: 'My' }),
    'dSYMs/My.app.dSYM/Contents/Info.plist': binaryPlist({ CFBundleIdentifier: 'com.apple.xcode.dsym.com.example.myapp', CFBundlePackageType: 'dSYM' }),
  };
  for (const [name, bundle] of Object.entries(apps)) Object.assign(files, under(`Products/Applications/${name}`, bundle));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(folder, ...name.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
