/**
 * Reads the targets of an Xcode project (`project.pbxproj`): for each native target, its product type, the
 * platforms it builds for, the entitlements and Info.plist files its build settings name, and the Info.plist keys
 * it generates from `INFOPLIST_KEY_*` settings. Pure: it takes the file's text and the project's folder.
 */
import type { Platform } from '../../../../shared/src/catalog';
import type { ProductType } from '../../../../shared/src/target';
import { parseAsciiPlist, type AsciiPlistValue } from './asciiPlist';

/** One file a target names, and the platforms it applies to (a setting such as `X[sdk=macosx*]` narrows them). */
export interface TargetFile {
  /** Project-relative path, `/`-separated, with `$(SRCROOT)` and friends resolved. */
  readonly path: string;
  readonly platforms: readonly Platform[];
}

export interface XcodeTarget {
  readonly name: string;
  /** Xcode's product type identifier, e.g. `com.apple.product-type.application`. */
  readonly productTypeIdentifier: string;
  readonly productType: ProductType | undefined;
  readonly platforms: readonly Platform[];
  readonly entitlementsFiles: readonly TargetFile[];
  readonly infoPlistFiles: readonly TargetFile[];
  /** Info.plist keys generated from `INFOPLIST_KEY_<key>` build settings. */
  readonly generatedInfoPlistKeys: readonly string[];
  /** `PRODUCT_BUNDLE_IDENTIFIER` of each configuration, written out; those with unresolved references are left out. */
  readonly bundleIdentifiers: readonly string[];
  /** `DEVELOPMENT_TEAM` of each configuration that sets one. */
  readonly teamIdentifiers: readonly string[];
}

const SDK_PLATFORMS: ReadonlyArray<[RegExp, Platform]> = [
  [/^iphone(os|simulator)/, 'iOS'],
  [/^macosx/, 'macOS'],
  [/^appletv(os|simulator)/, 'tvOS'],
  [/^watch(os|simulator)/, 'watchOS'],
  [/^xr(os|simulator)/, 'visionOS'],
  [/^driverkit/, 'DriverKit'],
];

/** The platform an SDK name (`iphoneos`, `macosx14.0`, `xrsimulator`) builds for. */
export function platformOfSdk(sdk: string): Platform | undefined {
  const lower = sdk.trim().toLowerCase();
  return SDK_PLATFORMS.find(([pattern]) => pattern.test(lower))?.[1];
}

/** Our product type for Xcode's identifier. */
export function productTypeOf(identifier: string): ProductType | undefined {
  if (identifier === 'com.apple.product-type.application.on-demand-install-capable') return 'app-clip';
  if (/^com\.apple\.product-type\.application(\.watchapp2?(-container)?|\.messages)?$/.test(identifier)) return 'app';
  if (identifier === 'com.apple.product-type.system-extension') return 'system-extension';
  if (identifier === 'com.apple.product-type.driver-extension') return 'driver-extension';
  if (/(app-extension|extensionkit-extension|watchkit2?-extension|tv-app-extension|xpc-service)/.test(identifier)) return 'app-extension';
  return undefined;
}

type Record_ = { [key: string]: AsciiPlistValue };

function isRecord(value: AsciiPlistValue | undefined): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: AsciiPlistValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads the native targets of a project file. Returns none when the text is not a project. */
export function readXcodeProject(text: string): XcodeTarget[] {
  const root = parseAsciiPlist(text);
  if (!isRecord(root) || !isRecord(root.objects)) return [];
  const objects = root.objects;
  const object = (id: AsciiPlistValue | undefined): Record_ | undefined => {
    const key = stringOf(id);
    const found = key === undefined ? undefined : objects[key];
    return isRecord(found) ? found : undefined;
  };
  const settingsOf = (configurationListId: AsciiPlistValue | undefined): Record_[] => {
    const list = object(configurationListId);
    const ids = Array.isArray(list?.buildConfigurations) ? list.buildConfigurations : [];
    return ids.map((id) => object(id)?.buildSettings).filter(isRecord);
  };
  const project = Object.values(objects).find((candidate) => isRecord(candidate) && candidate.isa === 'PBXProject');
  const projectSettings = isRecord(project) ? settingsOf(project.buildConfigurationList) : [];
  const projectDefaults: Record_ = {};
  for (const settings of projectSettings) Object.assign(projectDefaults, settings);

  const targets: XcodeTarget[] = [];
  for (const candidate of Object.values(objects)) {
    if (!isRecord(candidate) || candidate.isa !== 'PBXNativeTarget') continue;
    const name = stringOf(candidate.name) ?? stringOf(candidate.productName) ?? '';
    const productTypeIdentifier = stringOf(candidate.productType) ?? '';
    const configurations = settingsOf(candidate.buildConfigurationList).map((settings) => ({ ...projectDefaults, ...settings }));
    if (configurations.length === 0) configurations.push(projectDefaults);
    const platforms = new Set<Platform>();
    const entitlementsFiles: TargetFile[] = [];
    const infoPlistFiles: TargetFile[] = [];
    const generated = new Set<string>();
    const bundleIdentifiers = new Set<string>();
    const teamIdentifiers = new Set<string>();
    for (const settings of configurations) {
      const bundleIdentifier = bundleIdentifierOf(settings, name);
      if (bundleIdentifier !== undefined) bundleIdentifiers.add(bundleIdentifier);
      const team = stringOf(settings.DEVELOPMENT_TEAM)?.trim();
      if (team !== undefined && team !== '' && !team.includes('$')) teamIdentifiers.add(team);
      const configurationPlatforms = platformsOf(settings);
      configurationPlatforms.forEach((platform) => platforms.add(platform));
      // A setting written `X[sdk=macosx*]` replaces X for that SDK, so the plain X applies to the other platforms.
      const overridden = new Map<string, Set<Platform>>();
      for (const setting of Object.keys(settings)) {
        const match = /^(CODE_SIGN_ENTITLEMENTS|INFOPLIST_FILE)\[sdk=([^\]]+)\]$/.exec(setting);
        const platform = match?.[2] === undefined ? undefined : platformOfSdk(match[2]);
        if (match?.[1] === undefined || platform === undefined) continue;
        const forSetting = overridden.get(match[1]) ?? new Set<Platform>();
        forSetting.add(platform);
        overridden.set(match[1], forSetting);
      }
      for (const [setting, value] of Object.entries(settings)) {
        const match = /^(CODE_SIGN_ENTITLEMENTS|INFOPLIST_FILE)(?:\[sdk=([^\]]+)\])?$/.exec(setting);
        const path = stringOf(value);
        if (match !== null && path !== undefined && path.trim() !== '') {
          const sdkPlatform = match[2] === undefined ? undefined : platformOfSdk(match[2]);
          const platformsForFile = sdkPlatform === undefined
            ? configurationPlatforms.filter((platform) => overridden.get(match[1] ?? '')?.has(platform) !== true)
            : [sdkPlatform];
          const file = { path: resolvePath(path, name), platforms: platformsForFile };
          const list = match[1] === 'CODE_SIGN_ENTITLEMENTS' ? entitlementsFiles : infoPlistFiles;
          if (!list.some((existing) => existing.path === file.path && existing.platforms.join() === file.platforms.join())) list.push(file);
        }
        const generatedKey = /^INFOPLIST_KEY_([A-Za-z0-9_.-]+)$/.exec(setting)?.[1];
        if (generatedKey !== undefined) generated.add(generatedInfoPlistKey(generatedKey));
      }
    }
    targets.push({
      name,
      productTypeIdentifier,
      productType: productTypeOf(productTypeIdentifier),
      platforms: [...platforms],
      entitlementsFiles,
      infoPlistFiles,
      generatedInfoPlistKeys: [...generated].sort(),
      bundleIdentifiers: [...bundleIdentifiers],
      teamIdentifiers: [...teamIdentifiers],
    });
  }
  return targets.sort((a, b) => a.name.localeCompare(b.name));
}

/** Platforms one build configuration builds for: SUPPORTED_PLATFORMS, else SDKROOT, plus Mac Catalyst. */
function platformsOf(settings: Record_): Platform[] {
  const platforms = new Set<Platform>();
  const supported = stringOf(settings.SUPPORTED_PLATFORMS);
  for (const sdk of (supported ?? stringOf(settings.SDKROOT) ?? '').split(/\s+/)) {
    if (sdk === '' || sdk.startsWith('$(')) continue;
    const platform = platformOfSdk(sdk);
    if (platform !== undefined) platforms.add(platform);
  }
  if (stringOf(settings.SUPPORTS_MACCATALYST) === 'YES') platforms.add('MacCatalyst');
  if (platforms.has('iOS') && stringOf(settings.TARGETED_DEVICE_FAMILY)?.split(',').includes('2')) platforms.add('iPadOS');
  return [...platforms];
}

/**
 * The bundle identifier a configuration builds, with `$(PRODUCT_NAME)` and `$(TARGET_NAME)` (and their
 * `:rfc1034identifier` forms) resolved; `undefined` when it is unset or another reference remains.
 */
function bundleIdentifierOf(settings: Record_, targetName: string): string | undefined {
  const raw = stringOf(settings.PRODUCT_BUNDLE_IDENTIFIER)?.trim();
  if (raw === undefined || raw === '') return undefined;
  const productNameSetting = stringOf(settings.PRODUCT_NAME)?.trim();
  const productName = productNameSetting === undefined || /^\$[({]TARGET_NAME[)}]$/.test(productNameSetting) ? targetName : productNameSetting;
  const resolved = raw.replace(/\$[({](PRODUCT_NAME|TARGET_NAME)(:[A-Za-z0-9]+)?[)}]/g, (_reference, setting: string, modifier: string | undefined) => {
    const value = setting === 'TARGET_NAME' ? targetName : productName;
    return modifier === undefined ? value : value.replace(/[^A-Za-z0-9.-]/g, '-');
  });
  return /\$[({]/.test(resolved) ? undefined : resolved;
}

/**
 * The Info.plist key an `INFOPLIST_KEY_<name>` setting generates: `_iPad`/`_iPhone` suffixes stand for the
 * `~ipad`/`~iphone` device suffixes, and `UILaunchScreen_Generation` asks for a generated `UILaunchScreen`.
 */
function generatedInfoPlistKey(name: string): string {
  return name.replace(/_Generation$/, '').replace(/_(iPad|iPhone)$/, (_, device: string) => `~${device.toLowerCase()}`);
}

/** Resolves the build-setting references that commonly start these paths. */
function resolvePath(path: string, targetName: string): string {
  return path
    .trim()
    .replace(/^\$[({](SRCROOT|PROJECT_DIR|SOURCE_ROOT)[)}]\/?/, '')
    .replace(/\$[({](TARGET_NAME|PRODUCT_NAME)[)}]/g, targetName)
    .replace(/\\/g, '/')
    .replace(/^\.\//, '');
}
