/**
 * Reads what the CLI checks, as XML plist text: text plists as they are; binary plists converted as
 * `plutil -convert xml1` would; the entitlements in a Mach-O binary's code signature; and for a built bundle, its
 * Info.plist and the entitlements its executable was signed with, paired with each other and with the platform and
 * kind of target the bundle itself declares, its signed entitlements with the profile it embeds. An `.ipa` is read
 * from the zip in memory (`zipArchive.ts`), an `.xcarchive` from its Products folder. Only this file and
 * `findFiles.ts` touch the disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileKind, Platform } from '../../../shared/src/catalog';
import type { ProductType } from '../../../shared/src/target';
import { readEntitlements, isMachO } from '../service/macho/codeSignature';
import { convertBinaryPlist, isBinaryPlist } from '../service/plist/binaryPlist';
import { parsePlist } from '../service/plist/parser';
import { toValue } from '../service/plist/value';
import { readProvisioningProfile, type ProvisioningProfile } from '../service/profile/profile';
import { isBundleName, type PathInput } from './findFiles';
import { createWalkBounds, type WalkBounds } from './walkBounds';
import { openZip, type ZipArchive } from './zipArchive';

/** How the checked text was obtained from the file; positions refer to that text. */
export type SourceView = 'text' | 'binary-plist' | 'code-signature';

/** One text to check. */
export interface CheckInput {
  /** The file on disk, as the user named it or as it was found. */
  readonly path: string;
  readonly view: SourceView;
  readonly text: string;
  /** Known from where the text came from (a code signature holds entitlements); else from the name or keys. */
  readonly fileKind?: FileKind;
  /** The slice of a universal binary, when its slices were signed with different entitlements. */
  readonly architecture?: string;
  /** For files of a built bundle: what the bundle says about its target, and the bundle's other file. */
  readonly bundle?: BundleFacts;
  /** For signed entitlements: the provisioning profile embedded in the bundle, which they must stay within. */
  readonly profile?: ProvisioningProfile;
}

/** What a built bundle tells about its target. */
export interface BundleFacts {
  readonly platforms: readonly Platform[];
  /** Its `CFBundleIdentifier`, which picks a `--profile`. */
  readonly bundleIdentifiers: readonly string[];
  readonly productType: ProductType | undefined;
  readonly reasons: readonly string[];
  readonly companion?: { readonly path: string; readonly fileKind: FileKind; readonly text: string };
}

export interface Reading {
  readonly inputs: CheckInput[];
  /** Paths that could not be read (exit status 2). */
  readonly errors: string[];
  /** Things worth saying that are not failures, such as an unsigned binary. */
  readonly notes: string[];
}

/** Files larger than this are not read: real Info.plists are kilobytes, and app binaries rarely pass 1 GB. */
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;
/** Bundles inside bundles (an app's extensions, its watch app, its App Clip) are read this deep. */
const MAX_BUNDLE_DEPTH = 4;
/** Where a bundle keeps the bundles it embeds, relative to its contents folder. */
const NESTED_BUNDLE_FOLDERS: readonly string[] = ['PlugIns', 'Extensions', 'Watch', 'AppClips', 'XPCServices', 'Library/LoginItems', 'Library/SystemExtensions', 'Library/DriverExtensions'];
/** `CFBundleSupportedPlatforms` values, as Xcode writes them into a built Info.plist. */
const SUPPORTED_PLATFORMS: Readonly<Record<string, Platform>> = {
  iPhoneOS: 'iOS',
  iPhoneSimulator: 'iOS',
  MacOSX: 'macOS',
  AppleTVOS: 'tvOS',
  AppleTVSimulator: 'tvOS',
  WatchOS: 'watchOS',
  WatchSimulator: 'watchOS',
  XROS: 'visionOS',
  XRSimulator: 'visionOS',
  DriverKit: 'DriverKit',
};

/** Reads every input; never throws. */
export function readInputs(pathInputs: readonly PathInput[]): Reading {
  const reading: Reading = { inputs: [], errors: [], notes: [] };
  for (const pathInput of pathInputs) {
    if (pathInput.container === 'xcarchive') readXcarchive(pathInput.path, reading);
    else if (pathInput.isBundle) readBundle(folderTree(pathInput.path), '', 0, reading);
    else if (isIpaName(pathInput.path)) readIpa(pathInput.path, reading);
    else readFile(pathInput.path, reading);
  }
  return reading;
}

/** True for a file named like an iOS app archive. */
export function isIpaName(filePath: string): boolean {
  return path.extname(filePath).toLowerCase() === '.ipa';
}

/**
 * Where a bundle's files come from: a folder on disk, or the entries of an archive in memory. Paths inside are
 * relative and `/`-separated; `display` names a file as reports show it.
 */
interface BundleTree {
  display(relative: string): string;
  isDirectory(relative: string): boolean;
  list(relative: string): string[];
  /** The file's bytes; on failure an error is recorded and `undefined` returned. */
  read(relative: string, reading: Reading): Uint8Array | undefined;
  exists(relative: string): boolean;
}

/**
 * A bundle on disk, read within its walk bounds: each real folder listed is entered once (links in `PlugIns/` may
 * name the same bundle again), and nothing a link places outside the bundle is read.
 */
function folderTree(root: string): BundleTree {
  const onDisk = (relative: string) => (relative === '' ? root : path.join(root, ...relative.split('/')));
  const bounds = createWalkBounds([root]);
  return {
    display: onDisk,
    isDirectory: (relative) => isDirectory(onDisk(relative)),
    list: (relative) => bounds.entriesOf(onDisk(relative)).filter((entry) => !entry.isDirectory || bounds.claim(entry)).map((entry) => entry.name),
    read: (relative, reading) => readBundleBytes(onDisk(relative), bounds, reading),
    exists: (relative) => isFile(onDisk(relative)),
  };
}

/**
 * Names inside an archive are shown after a `!`, as Java's jar URLs do: `My.ipa!/Payload/X.app/Info.plist`,
 * so a report says both which archive and which entry.
 */
export function archiveEntryPath(archivePath: string, entry: string): string {
  return `${archivePath}!/${entry}`;
}

function zipTree(archivePath: string, archive: ZipArchive, base: string): BundleTree {
  const files = new Set<string>();
  const children = new Map<string, Set<string>>();
  for (const name of archive.names) {
    if (!name.startsWith(base)) continue;
    const relative = name.slice(base.length);
    files.add(relative);
    const parts = relative.split('/');
    for (let index = 0; index < parts.length; index++) {
      const folder = parts.slice(0, index).join('/');
      const child = parts[index] ?? '';
      if (child === '') continue;
      let set = children.get(folder);
      if (set === undefined) children.set(folder, (set = new Set()));
      set.add(child);
    }
  }
  const join = (relative: string) => (relative === '' ? base.replace(/\/$/, '') : `${base}${relative}`);
  return {
    display: (relative) => archiveEntryPath(archivePath, join(relative)),
    isDirectory: (relative) => children.has(relative),
    list: (relative) => [...(children.get(relative) ?? [])].sort(),
    read(relative, reading) {
      const bytes = archive.read(join(relative));
      if (typeof bytes === 'string') {
        reading.errors.push(`${archiveEntryPath(archivePath, join(relative))}: cannot read (${bytes})`);
        return undefined;
      }
      return bytes;
    },
    exists: (relative) => files.has(relative),
  };
}

/** An `.ipa`: the apps in its `Payload` folder, each with its extensions, read from the archive in memory. */
function readIpa(filePath: string, reading: Reading): void {
  const bytes = readBytes(filePath, reading);
  if (bytes === undefined) return;
  const archive = openZip(bytes);
  if (typeof archive === 'string') {
    reading.errors.push(`${filePath}: cannot check this .ipa: ${archive}`);
    return;
  }
  const payload = zipTree(filePath, archive, 'Payload/');
  const apps = payload.list('').filter((name) => isBundleName(name) && payload.isDirectory(name));
  if (apps.length === 0) reading.errors.push(`${filePath}: cannot check this .ipa: it has no Payload/*.app`);
  for (const app of apps) readBundle(payload, app, 0, reading);
}

/** An `.xcarchive` folder: the apps in `Products/Applications`; its own Info.plist and its dSYMs are not the app's. */
function readXcarchive(folder: string, reading: Reading): void {
  const tree = folderTree(folder);
  const apps = tree.list('Products/Applications').filter((name) => isBundleName(name) && tree.isDirectory(`Products/Applications/${name}`));
  if (apps.length === 0) reading.errors.push(`${folder}: cannot check this .xcarchive: it has no Products/Applications/*.app`);
  for (const app of apps) readBundle(tree, `Products/Applications/${app}`, 0, reading);
}

function readFile(filePath: string, reading: Reading): void {
  const bytes = readBytes(filePath, reading);
  if (bytes === undefined) return;
  if (isMachO(bytes)) {
    reading.inputs.push(...signedEntitlements(filePath, bytes, reading));
    return;
  }
  const text = plistText(filePath, bytes, reading);
  if (text !== undefined) reading.inputs.push({ path: filePath, ...text });
}

/** The XML text of a plist file's bytes, converting a binary one. */
function plistText(filePath: string, bytes: Uint8Array, reading: Reading): { view: SourceView; text: string } | undefined {
  if (!isBinaryPlist(bytes)) return { view: 'text', text: new TextDecoder('utf-8').decode(bytes) };
  const conversion = convertBinaryPlist(bytes);
  if ('error' in conversion) {
    reading.errors.push(`${filePath}: cannot read this binary property list (${conversion.error})`);
    return undefined;
  }
  return { view: 'binary-plist', text: conversion.xml };
}

/** The entitlements each slice was signed with, once when the slices agree (as they almost always do). */
function signedEntitlements(filePath: string, bytes: Uint8Array, reading: Reading): CheckInput[] {
  const signature = readEntitlements(bytes);
  if ('error' in signature) {
    reading.errors.push(`${filePath}: cannot read the code signature (${signature.error})`);
    return [];
  }
  for (const slice of signature.slices) {
    if (slice.problem !== undefined) reading.errors.push(`${filePath} (${slice.architecture}): cannot read the code signature (${slice.problem})`);
  }
  const signed = signature.slices.filter((slice) => slice.problem === undefined && slice.entitlements !== undefined);
  if (signed.length === 0 && signature.slices.every((slice) => slice.problem === undefined)) {
    const isSigned = signature.slices.some((slice) => slice.isSigned);
    reading.notes.push(`${filePath}: ${isSigned ? 'signed without entitlements' : 'not signed'}; no entitlements to check`);
  }
  const distinct = [...new Set(signed.map((slice) => slice.entitlements ?? ''))];
  return distinct.map((entitlements) => ({
    path: filePath,
    view: 'code-signature',
    text: entitlements,
    fileKind: 'entitlements',
    ...(distinct.length > 1 ? { architecture: signed.filter((slice) => slice.entitlements === entitlements).map((slice) => slice.architecture).join(', ') } : {}),
  }));
}

/** Where a built bundle keeps the profile it was signed from: iOS-family bundles at the top, macOS in Contents. */
const EMBEDDED_PROFILE_NAMES: readonly string[] = ['embedded.mobileprovision', 'embedded.provisionprofile'];

/** The provisioning profile embedded in a bundle, when it has one; a profile that cannot be read is an error. */
function embeddedProfile(tree: BundleTree, contents: string, reading: Reading): ProvisioningProfile | undefined {
  for (const name of EMBEDDED_PROFILE_NAMES) {
    const relative = joinRelative(contents, name);
    if (!tree.exists(relative)) continue;
    const bytes = tree.read(relative, reading);
    if (bytes === undefined) return undefined;
    const profile = readProvisioningProfile(bytes);
    if (profile.profile === undefined) {
      reading.errors.push(`${tree.display(relative)}: cannot read this provisioning profile (${profile.problem ?? 'not a provisioning profile'})`);
      return undefined;
    }
    return { ...profile.profile, location: tree.display(relative) };
  }
  return undefined;
}

function joinRelative(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/**
 * A built bundle: `Contents/Info.plist` and `Contents/MacOS/<CFBundleExecutable>` on macOS, `Info.plist` and
 * `<CFBundleExecutable>` at the top on the other platforms; its embedded provisioning profile, which its signed
 * entitlements are checked against; then the bundles it embeds.
 */
function readBundle(tree: BundleTree, folder: string, depth: number, reading: Reading): void {
  const isMacLayout = tree.isDirectory(joinRelative(folder, 'Contents'));
  const contents = isMacLayout ? joinRelative(folder, 'Contents') : folder;
  const infoPlistRelative = joinRelative(contents, 'Info.plist');
  const infoPlistPath = tree.display(infoPlistRelative);
  const infoBytes = tree.read(infoPlistRelative, reading);
  const info = infoBytes === undefined ? undefined : plistText(infoPlistPath, infoBytes, reading);
  if (info !== undefined) {
    const values = topLevelValues(info.text);
    const facts = bundleFacts(folder === '' ? tree.display('') : folder, isMacLayout, values);
    const executableName = typeof values.CFBundleExecutable === 'string' && !/[\\/]/.test(values.CFBundleExecutable) && !['.', '..'].includes(values.CFBundleExecutable) ? values.CFBundleExecutable : undefined;
    const executableRelative = executableName === undefined ? undefined : isMacLayout ? joinRelative(contents, `MacOS/${executableName}`) : joinRelative(folder, executableName);
    const executablePath = executableRelative === undefined ? undefined : tree.display(executableRelative);
    const executableBytes = executableRelative === undefined ? undefined : tree.read(executableRelative, reading);
    let signed: CheckInput[] = [];
    if (executablePath === undefined) reading.notes.push(`${tree.display(folder)}: its Info.plist names no executable; no entitlements to check`);
    else if (executableBytes !== undefined && !isMachO(executableBytes)) reading.errors.push(`${executablePath}: not a Mach-O binary`);
    else if (executableBytes !== undefined) signed = signedEntitlements(executablePath, executableBytes, reading);
    const profile = signed.length === 0 ? undefined : embeddedProfile(tree, contents, reading);
    const entitlements = signed[0];
    reading.inputs.push({
      path: infoPlistPath,
      ...info,
      fileKind: 'infoPlist',
      bundle: entitlements === undefined ? facts : { ...facts, companion: { path: entitlements.path, fileKind: 'entitlements', text: entitlements.text } },
    });
    for (const input of signed) {
      reading.inputs.push({ ...input, ...(profile === undefined ? {} : { profile }), bundle: { ...facts, companion: { path: infoPlistPath, fileKind: 'infoPlist', text: info.text } } });
    }
  }
  if (depth >= MAX_BUNDLE_DEPTH) return;
  for (const nestedFolder of NESTED_BUNDLE_FOLDERS) {
    const parent = joinRelative(contents, nestedFolder);
    for (const name of tree.list(parent)) {
      const nested = joinRelative(parent, name);
      if (isBundleName(name) && tree.isDirectory(nested)) readBundle(tree, nested, depth + 1, reading);
    }
  }
}

/** The platforms and kind of target a built bundle declares in its Info.plist and its extension. */
function bundleFacts(folder: string, isMacLayout: boolean, values: Readonly<Record<string, unknown>>): BundleFacts {
  const reasons: string[] = [];
  const supported = Array.isArray(values.CFBundleSupportedPlatforms) ? values.CFBundleSupportedPlatforms.filter((value): value is string => typeof value === 'string') : [];
  let platforms = [...new Set(supported.map((name) => SUPPORTED_PLATFORMS[name]).filter((platform): platform is Platform => platform !== undefined))];
  if (platforms.length > 0) {
    reasons.push(`CFBundleSupportedPlatforms = ${supported.join(', ')} in the built Info.plist`);
  } else if (isMacLayout) {
    platforms = ['macOS'];
    reasons.push('the bundle has the macOS layout (Contents/MacOS)');
  }
  const extension = path.extname(folder).toLowerCase();
  let productType: ProductType | undefined;
  if (extension === '.appex') productType = 'app-extension';
  else if (extension === '.systemextension') productType = 'system-extension';
  else if (extension === '.dext') productType = 'driver-extension';
  else if (extension === '.app') productType = values.NSAppClip !== undefined ? 'app-clip' : 'app';
  if (productType !== undefined) reasons.push(`the bundle is ${productType === 'app-clip' ? 'an App Clip (NSAppClip)' : `a ${extension} bundle`}`);
  const bundleIdentifiers = typeof values.CFBundleIdentifier === 'string' ? [values.CFBundleIdentifier] : [];
  return { platforms, bundleIdentifiers, productType, reasons };
}

function topLevelValues(xml: string): Readonly<Record<string, unknown>> {
  const value = toValue(parsePlist(xml));
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) ? value : {};
}

/** A file of a bundle, read only when its links stay inside the bundle that was given. */
function readBundleBytes(filePath: string, bounds: WalkBounds, reading: Reading): Uint8Array | undefined {
  if (existsSync(filePath) && !bounds.contains(filePath)) {
    reading.errors.push(`${filePath}: links outside the bundle; not read`);
    return undefined;
  }
  return readBytes(filePath, reading);
}

function readBytes(filePath: string, reading: Reading): Uint8Array | undefined {
  try {
    const stats = statSync(filePath);
    if (!stats.isFile()) {
      reading.errors.push(`${filePath}: not a file`);
      return undefined;
    }
    if (stats.size > MAX_FILE_BYTES) {
      reading.errors.push(`${filePath}: too large to read`);
      return undefined;
    }
    return readFileSync(filePath);
  } catch (error) {
    reading.errors.push(`${filePath}: cannot read (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

function isFile(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
