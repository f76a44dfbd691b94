/**
 * Works out the target a file belongs to: from the Xcode project whose build settings name it, else from the
 * file's own keys and its place in the tree, with explicit settings or CLI flags overriding both. Each fact used
 * is kept as a reason, which the hover on the plist root shows.
 */
import type { FileKind, Platform } from '../../../../shared/src/catalog';
import type { ProductType, TargetInfo } from '../../../../shared/src/target';
import type { CatalogIndex } from '../catalogIndex';
import type { PlistDocument } from '../plist/nodes';
import { topLevelEntries } from '../plist/walk';
import type { XcodeTarget } from './xcodeProject';

/** An Xcode project found in the workspace. */
export interface ProjectInput {
  /** The folder holding the `.xcodeproj`, `/`-separated and absolute. */
  readonly projectDir: string;
  /** A short name for reasons, e.g. `MyApp.xcodeproj`. */
  readonly projectName: string;
  readonly targets: readonly XcodeTarget[];
}

export interface InferenceInput {
  /** The file's absolute path, `/`-separated. */
  readonly filePath: string;
  readonly fileKind: FileKind;
  readonly parsed: PlistDocument;
  readonly projects: readonly ProjectInput[];
  readonly overrides: { readonly platform?: Platform | undefined; readonly productType?: ProductType | undefined };
}

export interface Inference {
  readonly target: TargetInfo;
  /** The other file of the same target, absolute, when the project names one. */
  readonly companionPath: string | undefined;
  /** Info.plist keys the target generates from build settings (they count as present in Info.plist). */
  readonly generatedInfoPlistKeys: readonly string[];
}

/** Resolves `.` and `..` in a `/`-separated path. */
export function normalizePath(path: string): string {
  const isAbsolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (isAbsolute ? '/' : '') + parts.join('/');
}

export function inferTarget(input: InferenceInput, catalog: CatalogIndex): Inference {
  const filePath = normalizePath(input.filePath);
  const reasons: string[] = [];
  let platforms: Platform[] = [];
  let platformSource: TargetInfo['platformSource'];
  let productType: ProductType | undefined;
  let name: string | undefined;
  let companionPath: string | undefined;
  const generated = new Set<string>();

  const matches = findTargets(filePath, input.fileKind, input.projects);
  if (matches.length > 0) {
    const platformSet = new Set<Platform>();
    const productTypes = new Set<ProductType | undefined>();
    for (const { project, target, file } of matches) {
      file.platforms.forEach((platform) => platformSet.add(platform));
      productTypes.add(target.productType);
      const setting = input.fileKind === 'entitlements' ? 'CODE_SIGN_ENTITLEMENTS' : 'INFOPLIST_FILE';
      reasons.push(`${setting} of target ${target.name} in ${project.projectName} (${file.platforms.join(', ') || 'platform not set'}; ${target.productTypeIdentifier || 'no product type'})`);
      const companions = input.fileKind === 'entitlements' ? target.infoPlistFiles : target.entitlementsFiles;
      const companion = companions[0];
      if (companionPath === undefined && companion !== undefined) companionPath = normalizePath(`${project.projectDir}/${companion.path}`);
      if (input.fileKind === 'entitlements') target.generatedInfoPlistKeys.forEach((key) => generated.add(key));
    }
    platforms = [...platformSet];
    if (platforms.length > 0) platformSource = 'project';
    productType = productTypes.size === 1 ? [...productTypes][0] : undefined;
    name = matches.map((match) => match.target.name).join(', ');
  }
  if (platforms.length === 0) {
    const guess = guessPlatformsFromFile(filePath, input.parsed, input.fileKind, catalog);
    platforms = guess.platforms;
    if (platforms.length > 0) platformSource = 'guess';
    reasons.push(...guess.reasons);
  }
  if (productType === undefined) {
    const guess = guessProductTypeFromKeys(input.parsed, input.fileKind);
    if (guess !== undefined) {
      productType = guess.productType;
      reasons.push(guess.reason);
    }
  }
  if (input.overrides.platform !== undefined) {
    platforms = [input.overrides.platform];
    platformSource = 'user';
    reasons.unshift(`platform set to ${input.overrides.platform} by the user`);
  }
  if (input.overrides.productType !== undefined) {
    productType = input.overrides.productType;
    reasons.unshift(`product type set to ${input.overrides.productType} by the user`);
  }
  const target: TargetInfo = {
    platforms,
    productType,
    reasons,
    ...(platformSource === undefined ? {} : { platformSource }),
    ...(name === undefined ? {} : { name }),
    ...signingOf(matches.map((match) => match.target)),
  };
  return { target, companionPath, generatedInfoPlistKeys: [...generated].sort() };
}

/** The bundle identifiers and teams of the matched targets, for choosing the provisioning profile. */
function signingOf(targets: readonly XcodeTarget[]): Pick<TargetInfo, 'bundleIdentifiers' | 'teamIdentifiers'> {
  const bundleIdentifiers = [...new Set(targets.flatMap((target) => target.bundleIdentifiers))];
  const teamIdentifiers = [...new Set(targets.flatMap((target) => target.teamIdentifiers))];
  return { ...(bundleIdentifiers.length === 0 ? {} : { bundleIdentifiers }), ...(teamIdentifiers.length === 0 ? {} : { teamIdentifiers }) };
}

function findTargets(filePath: string, fileKind: FileKind, projects: readonly ProjectInput[]) {
  const matches: Array<{ project: ProjectInput; target: XcodeTarget; file: { path: string; platforms: readonly Platform[] } }> = [];
  for (const project of projects) {
    for (const target of project.targets) {
      const files = fileKind === 'entitlements' ? target.entitlementsFiles : target.infoPlistFiles;
      for (const file of files) {
        if (normalizePath(`${project.projectDir}/${file.path}`) === filePath) matches.push({ project, target, file });
      }
    }
  }
  return matches;
}

const PLATFORM_FOLDERS: ReadonlyArray<[RegExp, Platform]> = [
  [/(^|[ _-])ios$/i, 'iOS'],
  [/(^|[ _-])(macos|osx|mac)$/i, 'macOS'],
  [/(^|[ _-])tvos$/i, 'tvOS'],
  [/(^|[ _-])watchos$/i, 'watchOS'],
  [/(^|[ _-])(visionos|xros)$/i, 'visionOS'],
];

/**
 * The platform a key tells when every platform the catalog documents it for is in one family: the iPhone and iPad
 * keys tell iOS, the Mac keys macOS. Mac Catalyst is left out of the comparison, since it runs both iOS apps and
 * keys documented for the Mac (`LSMinimumSystemVersion`).
 */
const PLATFORM_FAMILIES: ReadonlyArray<[Platform, readonly Platform[]]> = [
  ['iOS', ['iOS', 'iPadOS']],
  ['macOS', ['macOS']],
  ['tvOS', ['tvOS']],
  ['watchOS', ['watchOS']],
  ['visionOS', ['visionOS']],
];

function familyOf(platforms: readonly Platform[]): Platform | undefined {
  const documented = platforms.filter((platform) => platform !== 'MacCatalyst');
  if (documented.length === 0) return undefined;
  return PLATFORM_FAMILIES.find(([, members]) => documented.every((platform) => members.includes(platform)))?.[0];
}

/** A `~iphone` or `~ipad` key: device suffixes are read on iOS alone. */
const IOS_DEVICE_SUFFIX = /~(iphone|ipad)$/i;

/**
 * The platform an Info.plist's top-level keys tell: each key the catalog documents for one family alone votes for
 * it, as does a `~ipad`/`~iphone` suffix; keys of two families (a multiplatform app's Info.plist) tell nothing.
 */
function guessPlatformFromInfoPlistKeys(parsed: PlistDocument, catalog: CatalogIndex): { platforms: Platform[]; reasons: string[] } {
  // The first reason each family has; one family is a guess, two are a multiplatform file.
  const reasonOf = new Map<Platform, string>();
  for (const entry of topLevelEntries(parsed)) {
    const key = entry.key.text;
    if (IOS_DEVICE_SUFFIX.test(key)) {
      if (!reasonOf.has('iOS')) reasonOf.set('iOS', `the file sets ${key}, and only iOS reads ~iphone and ~ipad keys`);
      continue;
    }
    const family = familyOf(catalog.infoPlistKey(key)?.platforms ?? []);
    if (family !== undefined && !reasonOf.has(family)) reasonOf.set(family, `the file sets ${key}, which only ${family} reads`);
  }
  const [only, ...others] = [...reasonOf];
  return only === undefined || others.length > 0 ? { platforms: [], reasons: [] } : { platforms: [only[0]], reasons: [only[1]] };
}

/**
 * Without a project: a folder named for a platform (`ios/Runner`, `Platform/macOS`), else keys that exist on one
 * side only (App Sandbox keys are macOS-only; `aps-environment` is never read on macOS; `LSRequiresIPhoneOS` and
 * `~ipad` keys are iOS-only).
 */
function guessPlatformsFromFile(filePath: string, parsed: PlistDocument, fileKind: FileKind, catalog: CatalogIndex): { platforms: Platform[]; reasons: string[] } {
  const folders = filePath.split('/').slice(0, -1).reverse();
  for (const folder of folders) {
    const platform = PLATFORM_FOLDERS.find(([pattern]) => pattern.test(folder))?.[1];
    if (platform !== undefined) return { platforms: [platform], reasons: [`the file is in a folder named '${folder}'`] };
  }
  const entries = topLevelEntries(parsed);
  if (fileKind === 'infoPlist') return guessPlatformFromInfoPlistKeys(parsed, catalog);
  let macOnly: string | undefined;
  let iosOnly: string | undefined;
  for (const entry of entries) {
    const catalogEntry = catalog.entitlement(entry.key.text);
    if (catalogEntry === undefined || catalogEntry.platforms.length === 0) continue;
    const hasMac = catalogEntry.platforms.includes('macOS');
    const hasIos = catalogEntry.platforms.includes('iOS') || catalogEntry.platforms.includes('iPadOS');
    if (hasMac && !hasIos && !catalogEntry.platforms.includes('MacCatalyst')) macOnly ??= entry.key.text;
    if (hasIos && !hasMac && !catalogEntry.platforms.includes('MacCatalyst')) iosOnly ??= entry.key.text;
  }
  if (macOnly !== undefined && iosOnly === undefined) return { platforms: ['macOS'], reasons: [`the file claims ${macOnly}, which only macOS reads`] };
  if (iosOnly !== undefined && macOnly === undefined) return { platforms: ['iOS'], reasons: [`the file claims ${iosOnly}, which macOS does not read`] };
  return { platforms: [], reasons: [] };
}

function guessProductTypeFromKeys(parsed: PlistDocument, fileKind: FileKind): { productType: ProductType; reason: string } | undefined {
  const keys = new Set(topLevelEntries(parsed).map((entry) => entry.key.text));
  if (fileKind === 'infoPlist') {
    if (keys.has('NSAppClip')) return { productType: 'app-clip', reason: 'the file has NSAppClip, which only App Clips carry' };
    if (keys.has('NSExtension') || keys.has('EXAppExtensionAttributes')) return { productType: 'app-extension', reason: 'the file declares NSExtension' };
    if (keys.has('OSBundleUsageDescription') || keys.has('IOKitPersonalities')) return { productType: 'driver-extension', reason: 'the file declares IOKit personalities' };
    return undefined;
  }
  if (keys.has('com.apple.developer.parent-application-identifiers') || keys.has('com.apple.developer.on-demand-install-capable')) {
    return { productType: 'app-clip', reason: 'the file claims an App Clip entitlement' };
  }
  if ([...keys].some((key) => key === 'com.apple.developer.driverkit' || key.startsWith('com.apple.developer.driverkit.'))) {
    return { productType: 'driver-extension', reason: 'the file claims DriverKit entitlements' };
  }
  return undefined;
}
