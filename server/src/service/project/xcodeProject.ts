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

/**
 * Configurations read per target; real targets have two to a handful. More (or one listed many times) would
 * multiply the work for every target that shares the list.
 */
const MAX_CONFIGURATIONS_PER_TARGET = 64;
/**
 * File settings (`CODE_SIGN_ENTITLEMENTS`, `INFOPLIST_FILE` and their `[sdk=...]` forms) read per settings dict:
 * the two settings for each of Apple's SDKs fit.
 */
const MAX_FILE_SETTINGS = 16;
/** `INFOPLIST_KEY_*` keys kept per target; Xcode knows about a hundred such settings. */
const MAX_GENERATED_KEYS = 1024;
/** A path or bundle identifier longer than macOS's PATH_MAX (1,024) is not one, so it is not read. */
const MAX_VALUE_LENGTH = 1024;

const FILE_SETTING = /^(CODE_SIGN_ENTITLEMENTS|INFOPLIST_FILE)(?:\[sdk=([^\]]+)\])?$/;
const GENERATED_KEY_SETTING = /^INFOPLIST_KEY_([A-Za-z0-9_.-]+)$/;

/** What one `buildSettings` dict says on its own, read once however many targets or configurations name it. */
interface SettingsLayer {
  readonly settings: Record_;
  /** The file settings in the dict's order: the setting's name, its base name and its SDK, if any. */
  readonly fileSettings: ReadonlyArray<{ readonly setting: string; readonly base: string; readonly sdk: string | undefined }>;
  readonly generatedKeys: ReadonlySet<string>;
}

function settingsLayerOf(settings: Record_): SettingsLayer {
  const fileSettings: Array<SettingsLayer['fileSettings'][number]> = [];
  const generatedKeys = new Set<string>();
  for (const setting of Object.keys(settings)) {
    const match = fileSettings.length < MAX_FILE_SETTINGS ? FILE_SETTING.exec(setting) : null;
    if (match?.[1] !== undefined) fileSettings.push({ setting, base: match[1], sdk: match[2] });
    const generatedKey = generatedKeys.size < MAX_GENERATED_KEYS ? GENERATED_KEY_SETTING.exec(setting)?.[1] : undefined;
    if (generatedKey !== undefined) generatedKeys.add(generatedInfoPlistKey(generatedKey));
  }
  return { settings, fileSettings, generatedKeys };
}

/** A configuration's settings over the project's: a lookup in two layers, never a merged copy per configuration. */
interface Configuration {
  readonly own: SettingsLayer;
  readonly setting: (name: string) => AsciiPlistValue | undefined;
  /** The file settings of both layers, in the order a merged dict (project's first) would list them. */
  readonly fileSettings: SettingsLayer['fileSettings'];
  readonly platforms: readonly Platform[];
}

/** Reads the native targets of a project file. Returns none when the text is not a project. */
export function readXcodeProject(text: string): XcodeTarget[] {
  const root = parseAsciiPlist(text);
  if (!isRecord(root) || !isRecord(root.objects)) return [];
  const project = new ProjectObjects(root.objects);
  const targets: XcodeTarget[] = [];
  for (const candidate of Object.values(root.objects)) {
    if (isRecord(candidate) && candidate.isa === 'PBXNativeTarget') targets.push(project.targetOf(candidate));
  }
  return targets.sort((a, b) => a.name.localeCompare(b.name));
}

/** A project file's objects, with the project's settings and each configuration read once. */
class ProjectObjects {
  private readonly projectDefaults: Record_ = Object.create(null) as Record_;
  private readonly defaults: SettingsLayer;
  private readonly defaultGeneratedKeys: string[];
  private readonly configurations = new Map<Record_, Configuration>();

  constructor(private readonly objects: Record_) {
    const project = Object.values(objects).find((candidate) => isRecord(candidate) && candidate.isa === 'PBXProject');
    const projectSettings = isRecord(project) ? this.settingsOf(project.buildConfigurationList) : [];
    for (const settings of projectSettings) Object.assign(this.projectDefaults, settings);
    this.defaults = settingsLayerOf(this.projectDefaults);
    this.defaultGeneratedKeys = [...this.defaults.generatedKeys].sort();
  }

  targetOf(candidate: Record_): XcodeTarget {
    const name = stringOf(candidate.name) ?? stringOf(candidate.productName) ?? '';
    const productTypeIdentifier = stringOf(candidate.productType) ?? '';
    const targetSettings = this.settingsOf(candidate.buildConfigurationList);
    const target = new TargetFacts(name, this.defaults.generatedKeys, this.defaultGeneratedKeys);
    for (const settings of targetSettings.length === 0 ? [this.projectDefaults] : targetSettings) target.add(this.configurationOf(settings));
    return {
      name,
      productTypeIdentifier,
      productType: productTypeOf(productTypeIdentifier),
      platforms: [...target.platforms],
      entitlementsFiles: target.entitlementsFiles,
      infoPlistFiles: target.infoPlistFiles,
      generatedInfoPlistKeys: target.generated === undefined ? this.defaultGeneratedKeys : [...target.generated].sort(),
      bundleIdentifiers: [...target.bundleIdentifiers],
      teamIdentifiers: [...target.teamIdentifiers],
    };
  }

  private object(id: AsciiPlistValue | undefined): Record_ | undefined {
    const key = stringOf(id);
    const found = key === undefined ? undefined : this.objects[key];
    return isRecord(found) ? found : undefined;
  }

  /** Each distinct `buildSettings` dict of a configuration list, in order, up to the bound. */
  private settingsOf(configurationListId: AsciiPlistValue | undefined): Record_[] {
    const list = this.object(configurationListId);
    const ids = Array.isArray(list?.buildConfigurations) ? list.buildConfigurations : [];
    const found = new Set<Record_>();
    for (const id of ids) {
      if (found.size >= MAX_CONFIGURATIONS_PER_TARGET) break;
      const settings = this.object(id)?.buildSettings;
      if (isRecord(settings)) found.add(settings);
    }
    return [...found];
  }

  private configurationOf(settings: Record_): Configuration {
    const kept = this.configurations.get(settings);
    if (kept !== undefined) return kept;
    const defaults = this.defaults;
    const own = settings === this.projectDefaults ? settingsLayerOf(Object.create(null) as Record_) : settingsLayerOf(settings);
    const setting = (name: string) => own.settings[name] ?? defaults.settings[name];
    const fileSettings = [...defaults.fileSettings, ...own.fileSettings.filter((file) => defaults.settings[file.setting] === undefined)];
    const configuration = { own, setting, fileSettings, platforms: platformsOf(setting) };
    this.configurations.set(settings, configuration);
    return configuration;
  }
}

/** What a target's configurations say, gathered one configuration at a time. */
class TargetFacts {
  readonly platforms = new Set<Platform>();
  readonly entitlementsFiles: TargetFile[] = [];
  readonly infoPlistFiles: TargetFile[] = [];
  readonly bundleIdentifiers = new Set<string>();
  readonly teamIdentifiers = new Set<string>();
  /** Made only when a configuration adds keys of its own; until then the target shares the project's list. */
  generated: Set<string> | undefined = undefined;
  private readonly filesSeen = new Set<string>();

  constructor(
    private readonly name: string,
    private readonly defaultGenerated: ReadonlySet<string>,
    private readonly defaultGeneratedKeys: readonly string[],
  ) {}

  add(configuration: Configuration): void {
    const bundleIdentifier = bundleIdentifierOf(configuration.setting, this.name);
    if (bundleIdentifier !== undefined) this.bundleIdentifiers.add(bundleIdentifier);
    const team = boundedStringOf(configuration.setting('DEVELOPMENT_TEAM'))?.trim();
    if (team !== undefined && team !== '' && !team.includes('$')) this.teamIdentifiers.add(team);
    configuration.platforms.forEach((platform) => this.platforms.add(platform));
    this.addFiles(configuration);
    for (const key of configuration.own.generatedKeys) {
      if (this.defaultGenerated.has(key)) continue;
      this.generated ??= new Set<string>(this.defaultGeneratedKeys);
      if (this.generated.size >= MAX_GENERATED_KEYS) break;
      this.generated.add(key);
    }
  }

  private addFiles(configuration: Configuration): void {
    const overridden = overriddenPlatforms(configuration);
    for (const { setting, base, sdk } of configuration.fileSettings) {
      const path = boundedStringOf(configuration.setting(setting));
      if (path === undefined || path.trim() === '') continue;
      const sdkPlatform = sdk === undefined ? undefined : platformOfSdk(sdk);
      const platformsForFile = sdkPlatform === undefined
        ? configuration.platforms.filter((platform) => overridden.get(base)?.has(platform) !== true)
        : [sdkPlatform];
      const file = { path: resolvePath(path, this.name), platforms: platformsForFile };
      if (file.path.length > MAX_VALUE_LENGTH) continue;
      const identity = `${base}\0${file.path}\0${file.platforms.join()}`;
      if (this.filesSeen.has(identity)) continue;
      this.filesSeen.add(identity);
      (base === 'CODE_SIGN_ENTITLEMENTS' ? this.entitlementsFiles : this.infoPlistFiles).push(file);
    }
  }
}

/** A setting written `X[sdk=macosx*]` replaces X for that SDK, so the plain X applies to the other platforms. */
function overriddenPlatforms(configuration: Configuration): Map<string, Set<Platform>> {
  const overridden = new Map<string, Set<Platform>>();
  for (const { base, sdk } of configuration.fileSettings) {
    const platform = sdk === undefined ? undefined : platformOfSdk(sdk);
    if (platform === undefined) continue;
    const forSetting = overridden.get(base) ?? new Set<Platform>();
    forSetting.add(platform);
    overridden.set(base, forSetting);
  }
  return overridden;
}

/** A string value no longer than any real path or identifier. */
function boundedStringOf(value: AsciiPlistValue | undefined): string | undefined {
  return typeof value === 'string' && value.length <= MAX_VALUE_LENGTH ? value : undefined;
}

/** Platforms one build configuration builds for: SUPPORTED_PLATFORMS, else SDKROOT, plus Mac Catalyst. */
function platformsOf(setting: (name: string) => AsciiPlistValue | undefined): Platform[] {
  const platforms = new Set<Platform>();
  const supported = stringOf(setting('SUPPORTED_PLATFORMS'));
  for (const sdk of (supported ?? stringOf(setting('SDKROOT')) ?? '').split(/\s+/)) {
    if (sdk === '' || sdk.startsWith('$(')) continue;
    const platform = platformOfSdk(sdk);
    if (platform !== undefined) platforms.add(platform);
  }
  if (stringOf(setting('SUPPORTS_MACCATALYST')) === 'YES') platforms.add('MacCatalyst');
  if (platforms.has('iOS') && stringOf(setting('TARGETED_DEVICE_FAMILY'))?.split(',').includes('2')) platforms.add('iPadOS');
  return [...platforms];
}

/**
 * The bundle identifier a configuration builds, with `$(PRODUCT_NAME)` and `$(TARGET_NAME)` (and their
 * `:rfc1034identifier` forms) resolved; `undefined` when it is unset or another reference remains.
 */
function bundleIdentifierOf(setting: (name: string) => AsciiPlistValue | undefined, targetName: string): string | undefined {
  const raw = boundedStringOf(setting('PRODUCT_BUNDLE_IDENTIFIER'))?.trim();
  if (raw === undefined || raw === '') return undefined;
  const productNameSetting = boundedStringOf(setting('PRODUCT_NAME'))?.trim();
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
