/**
 * Reads what the CLI checks, as XML plist text: text plists as they are; binary plists converted as
 * `plutil -convert xml1` would; the entitlements in a Mach-O binary's code signature; and for a built bundle, its
 * Info.plist and the entitlements its executable was signed with, paired with each other and with the platform and
 * kind of target the bundle itself declares. Only this file and `findFiles.ts` touch the disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileKind, Platform } from '../../../shared/src/catalog';
import type { ProductType } from '../../../shared/src/target';
import { readEntitlements, isMachO } from '../service/macho/codeSignature';
import { convertBinaryPlist, isBinaryPlist } from '../service/plist/binaryPlist';
import { parsePlist } from '../service/plist/parser';
import { toValue } from '../service/plist/value';
import { isBundleName, type PathInput } from './findFiles';
import { createWalkBounds, type WalkBounds } from './walkBounds';

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
    if (pathInput.isBundle) readBundle(pathInput.path, 0, createWalkBounds([pathInput.path]), reading);
    else readFile(pathInput.path, reading);
  }
  return reading;
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

/**
 * A built bundle: `Contents/Info.plist` and `Contents/MacOS/<CFBundleExecutable>` on macOS, `Info.plist` and
 * `<CFBundleExecutable>` at the top on the other platforms; then the bundles it embeds.
 */
function readBundle(folder: string, depth: number, bounds: WalkBounds, reading: Reading): void {
  const contents = isDirectory(path.join(folder, 'Contents')) ? path.join(folder, 'Contents') : folder;
  const infoPlistPath = path.join(contents, 'Info.plist');
  const infoBytes = readBundleBytes(infoPlistPath, bounds, reading);
  const info = infoBytes === undefined ? undefined : plistText(infoPlistPath, infoBytes, reading);
  if (info !== undefined) {
    const values = topLevelValues(info.text);
    const facts = bundleFacts(folder, contents !== folder, values);
    const executableName = typeof values.CFBundleExecutable === 'string' && !/[\\/]/.test(values.CFBundleExecutable) ? values.CFBundleExecutable : undefined;
    const executablePath = executableName === undefined ? undefined : contents === folder ? path.join(folder, executableName) : path.join(contents, 'MacOS', executableName);
    const executableBytes = executablePath === undefined ? undefined : readBundleBytes(executablePath, bounds, reading);
    let signed: CheckInput[] = [];
    if (executablePath === undefined) reading.notes.push(`${folder}: its Info.plist names no executable; no entitlements to check`);
    else if (executableBytes !== undefined && !isMachO(executableBytes)) reading.errors.push(`${executablePath}: not a Mach-O binary`);
    else if (executableBytes !== undefined) signed = signedEntitlements(executablePath, executableBytes, reading);
    const entitlements = signed[0];
    reading.inputs.push({
      path: infoPlistPath,
      ...info,
      fileKind: 'infoPlist',
      bundle: entitlements === undefined ? facts : { ...facts, companion: { path: entitlements.path, fileKind: 'entitlements', text: entitlements.text } },
    });
    for (const input of signed) reading.inputs.push({ ...input, bundle: { ...facts, companion: { path: infoPlistPath, fileKind: 'infoPlist', text: info.text } } });
  }
  if (depth >= MAX_BUNDLE_DEPTH) return;
  for (const nestedFolder of NESTED_BUNDLE_FOLDERS) {
    // Each real bundle once, and only inside the bundle given: links here could name it or its siblings again.
    for (const entry of bounds.entriesOf(path.join(contents, nestedFolder))) {
      if (isBundleName(entry.name) && entry.isDirectory && bounds.claim(entry)) readBundle(entry.path, depth + 1, bounds, reading);
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

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
