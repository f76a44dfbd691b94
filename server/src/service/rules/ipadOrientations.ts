/**
 * missing-companion within one Info.plist, for iPad multitasking: an app that runs on iPad and does not opt out of
 * multitasking with `UIRequiresFullScreen` must list all four interface orientations, in
 * `UISupportedInterfaceOrientations~ipad` or, without it, in `UISupportedInterfaceOrientations` (ITMS-90474), and
 * must have a launch screen (ITMS-90475). App Store Connect rejects the upload otherwise. The four are the catalog's
 * documented values of the key, not a list of our own.
 *
 * Spoken only where every fact is in sight: the app is known to run on iPad (UIDeviceFamily holds 2, or the project
 * says so), the file names its bundle, the list is literal, and neither the full-screen key
 * nor the list comes from build settings. Extensions have no such requirement.
 */
import type { CompanionEdit } from '../../../../shared/src/diagnosticCodes';
import type { CatalogIndex } from '../catalogIndex';
import type { DictEntry, PlistDocument } from '../plist/nodes';
import { insertEntryEdit } from '../companionEdits';
import { documentModel } from '../model/documentModel';
import { textRange, topLevelEntries } from '../plist/walk';
import { addArrayItemsEdit } from './ipadOrientations.fix';
import type { DocumentContext, Problem } from '../types';

const ORIENTATIONS = 'UISupportedInterfaceOrientations';
const IPAD_ORIENTATIONS = `${ORIENTATIONS}~ipad`;
const FULL_SCREEN = 'UIRequiresFullScreen';
/** The keys that give an app its launch screen. */
const LAUNCH_KEYS = ['UILaunchStoryboardName', 'UILaunchScreen', 'UILaunchStoryboards', 'UILaunchScreens'];
/** Keys only an extension's or a watch app's Info.plist has: neither multitasks on iPad. */
const EXTENSION_KEYS = ['NSExtension', 'EXAppExtensionAttributes', 'WKApplication', 'WKWatchKitApp', 'WKCompanionAppBundleIdentifier'];

export function ipadOrientationProblems(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): Problem[] {
  const app = multitaskingIpadApp(document, catalog, context);
  if (app === undefined) return [];
  return [...orientationProblems(app, catalog), ...launchScreenProblems(document, app, catalog)];
}

/** An iPad app's Info.plist as far as multitasking asks: its top-level entries, and the keys the build generates. */
interface IpadApp {
  readonly entries: ReadonlyMap<string, DictEntry>;
  readonly generated: ReadonlySet<string>;
  readonly document: PlistDocument;
}

/** The app's entries when the file is an app's Info.plist that takes part in iPad multitasking, as far as can be told. */
function multitaskingIpadApp(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): IpadApp | undefined {
  if (context.fileKind !== 'infoPlist') return undefined;
  // Both checks report on an orientation list: without one, the top level's nodes are not made.
  const keys = documentModel(document, catalog, context).topLevel;
  if (!keys.some(({ key }) => key === ORIENTATIONS || key === IPAD_ORIENTATIONS)) return undefined;
  const productType = context.target.productType;
  if (productType !== undefined && productType !== 'app' && productType !== 'app-clip') return undefined;
  const entries = new Map<string, DictEntry>();
  for (const entry of topLevelEntries(document)) entries.set(entry.key.text, entry);
  if (!entries.has('CFBundleIdentifier') && !entries.has('CFBundlePackageType')) return undefined;
  if (EXTENSION_KEYS.some((key) => entries.has(key))) return undefined;
  const generated = new Set(context.generatedInfoPlistKeys ?? []);
  if ([FULL_SCREEN, `${FULL_SCREEN}~ipad`].some((key) => entries.has(key) || generated.has(key))) return undefined;
  return runsOnIpad(entries, context) ? { entries, generated, document } : undefined;
}

function orientationProblems(app: IpadApp, catalog: CatalogIndex): Problem[] {
  const { entries, generated } = app;
  const listEntry = entries.get(IPAD_ORIENTATIONS) ?? (generated.has(IPAD_ORIENTATIONS) ? undefined : entries.get(ORIENTATIONS));
  const list = listEntry?.value;
  if (listEntry === undefined || list?.kind !== 'array' || !list.isClosed) return [];
  const written: string[] = [];
  for (const item of list.items) {
    if (item.kind !== 'string' || item.text.includes('$')) return [];
    written.push(item.text.trim());
  }
  const all = (catalog.infoPlistKey(ORIENTATIONS)?.values ?? []).map((info) => info.value);
  const missing = all.filter((value) => !written.includes(value));
  if (all.length === 0 || missing.length === 0) return [];
  const edit: CompanionEdit | undefined = addArrayItemsEdit(app.document, list, missing);
  return [{
    code: 'missing-companion',
    ...textRange(listEntry.key),
    severity: 'error',
    message: `iPad multitasking needs all four orientations in '${listEntry.key.text}': add ${missing.map((value) => `'${value}'`).join(', ')}, or opt out of multitasking with '${FULL_SCREEN}' (deprecated in iPadOS 26). App Store Connect rejects the upload otherwise (ITMS-90474)`,
    docUrl: catalog.infoPlistKey(ORIENTATIONS)?.docUrl,
    ...(edit === undefined ? {} : { data: { companionEdit: edit } }),
  }];
}

/**
 * ITMS-90475: iPad multitasking needs a launch storyboard or a launch screen dict. Reported on the orientation list,
 * the key that says the app is laid out for iPad.
 */
function launchScreenProblems(document: PlistDocument, app: IpadApp, catalog: CatalogIndex): Problem[] {
  const { entries, generated } = app;
  if (LAUNCH_KEYS.some((key) => entries.has(key) || generated.has(key) || entries.has(`${key}~ipad`) || generated.has(`${key}~ipad`))) return [];
  // Only a file that lists orientations is laid out as an iOS app's; a Mac app's Info.plist that also builds for
  // iPad (SUPPORTED_PLATFORMS with iphoneos) may get its launch screen from elsewhere, and is left alone.
  const anchor = entries.get(IPAD_ORIENTATIONS) ?? entries.get(ORIENTATIONS);
  if (anchor === undefined) return [];
  const edit = insertEntryEdit({ uri: '', fileName: 'Info.plist', fileKind: 'infoPlist', parsed: document }, 'UILaunchScreen', '<dict/>');
  return [{
    code: 'missing-companion',
    ...textRange(anchor.key),
    severity: 'error',
    message: `iPad multitasking needs a launch screen: add 'UILaunchStoryboardName' naming the app's launch storyboard, or 'UILaunchScreen' (an empty dict gives the default one), or opt out with '${FULL_SCREEN}'. App Store Connect rejects the upload otherwise (ITMS-90475)`,
    docUrl: catalog.infoPlistKey('UILaunchScreen')?.docUrl ?? catalog.infoPlistKey('UILaunchStoryboardName')?.docUrl,
    ...(edit === undefined ? {} : { data: { companionEdit: edit } }),
  }];
}

/** True when the app is known to run on iPad: UIDeviceFamily holds 2, or the project (TARGETED_DEVICE_FAMILY) or the user says so. */
function runsOnIpad(entries: ReadonlyMap<string, DictEntry>, context: DocumentContext): boolean {
  const family = entries.get('UIDeviceFamily')?.value;
  if (family !== undefined) return family.kind === 'array' ? family.items.some((item) => item.kind !== 'array' && item.kind !== 'dict' && isIpadFamily(item.text)) : family.kind !== 'dict' && isIpadFamily(family.text);
  // An `~ipad` list proves nothing: Xcode's templates wrote one into iPhone-only apps too.
  return isIpadTarget(context);
}

function isIpadTarget(context: DocumentContext): boolean {
  return context.target.platforms.includes('iPadOS') && (context.target.platformSource === 'project' || context.target.platformSource === 'user');
}

function isIpadFamily(text: string): boolean {
  return text.trim() === '2';
}

