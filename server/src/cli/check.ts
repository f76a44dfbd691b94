/**
 * `plist-sentinel check [paths, globs or bundles...] [options]`: the language service over files on disk, for CI.
 * Reads text and binary plists, Mach-O binaries and built bundles (`readInputs.ts`), writes text, JSON, SARIF or
 * GitHub annotations (`formats/`), and leaves out what a baseline holds (`baseline.ts`). Options follow ESLint's
 * where ESLint has one (`--quiet`, `--max-warnings`, `-o`, `-f`, `--color`). Exit 1 when a finding at or above
 * `--fail-on` remains or `--max-warnings` is passed, 2 for bad usage or an input it cannot read or check, else 0.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Platform } from '../../../shared/src/catalog';
import { CATALOG } from '../../../shared/src/catalogData';
import { PRODUCT_TYPES, readProductType, type ProductType, type TargetInfo } from '../../../shared/src/target';
import { version as TOOL_VERSION } from '../../../package.json';
import { createTargetResolver, fileUri, type TargetResolver } from '../targetResolver';
import { readPlatform, PLATFORMS } from '../../../shared/src/settings';
import { chooseGivenProfile, readProfileFiles } from '../profiles';
import { configForFile, createConfigStore, NO_FILE_CONFIG, readConfigFile, type FileConfig, type LoadedConfig } from '../configFiles';
import { CONFIG_FILE_NAME, formatConfigError } from '../../../shared/src/config';
import type { ProvisioningProfile } from '../service/profile/profile';
import { fileKindOf, guessFileKind, isEntitlementsByContent } from '../service/fileKind';
import type { RequiredReasonUse } from '../service/privacy/requiredReasonUses';
import { scanRequiredReasonUses } from '../privacySources';
import { createLanguageService, type DocumentContext, type LanguageService } from '../service/languageService';
import { formatBaseline, parseBaseline, type Baseline } from './baseline';
import { shouldColor } from './color';
import { expandPaths, type PathInput } from './findFiles';
import { fingerprintOf } from './fingerprint';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText, summarizeText } from './formats/text';
import { readInputs, type BundleFacts, type CheckInput } from './readInputs';
import { displayPath, toFindings, viewNote, type CheckReport, type FileReport, type Finding } from './report';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal, for colour; the environment is read for `NO_COLOR` and `FORCE_COLOR`. */
  readonly isTerminal?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const USAGE = `Usage:
  plist-sentinel check [options] [paths, globs or bundles...]
  plist-sentinel profile PATH     show a provisioning profile (.mobileprovision, .provisionprofile) readably
  plist-sentinel mcp [--root DIR] serve the agent tools over the Model Context Protocol on stdio (docs/agents.md)
  plist-sentinel --stdio          start the language server on stdio
  plist-sentinel -h, --help       show this help;  -v, --version  print the version

A folder means every *.entitlements and Info.plist / *-Info.plist inside it (node_modules, Pods, build and
DerivedData are skipped). With no path, the current folder is checked. Globs are picomatch's: *, **, ?, [abc] and
{A,B}; quote them so the shell leaves them alone. A path starting with ! leaves out what it matches. Binary plists
are converted to XML; a Mach-O binary or a built .app / .appex bundle is checked by the entitlements it was signed
with (and the bundle's Info.plist). An .ipa (read in memory) or an .xcarchive is checked app by app and extension by
extension, the signed entitlements against the bundle's embedded.mobileprovision; a file inside an .ipa is named
My.ipa!/Payload/My.app/Info.plist.

Output:
  -f, --format FORMAT     text (default), json, sarif (SARIF 2.1.0, e.g. for GitHub code scanning), or github
                          (GitHub Actions annotations on the pull request)
  -o, --output FILE       write the report to FILE instead of stdout (the summary still goes to stderr)
  -q, --quiet             report errors only: warnings, infos and hints are left out of the report, the exit
                          code, --max-warnings and a written baseline
      --hints             also show hints in the text and github formats (they are counted in the summary;
                          json and sarif always hold them)
      --color, --no-color force colour in the text format on or off (default: on in a terminal, off with NO_COLOR,
                          on with FORCE_COLOR)
Exit status:
      --fail-on LEVEL     exit 1 when a finding at or above LEVEL remains: error (default), warning, info, or none
      --max-warnings N    exit 1 when more than N warnings remain
Inputs:
      --ignore PATTERN    leave out files and folders matching PATTERN (repeatable; also --ignore-pattern)
Configuration:
  -c, --config FILE       use this configuration for every file instead of the nearest ${CONFIG_FILE_NAME} above
                          each one (docs/configuration.md); flags still win over it
      --no-config         read no configuration file
Target:
      --platform NAME     the target platform, over what is inferred from the Xcode project, keys and folder:
                          ${PLATFORMS.join(', ')}
      --product-type T    the kind of target, over what is inferred (app-clip enables app-clip-unsupported):
                          ${PRODUCT_TYPES.join(', ')}
      --profile PATH      check .entitlements files against this provisioning profile (or folder of them;
                          repeatable), each file against the one for its bundle identifier
Baselines:
      --baseline FILE     leave out the findings recorded in FILE (written by --write-baseline, or a json/sarif report)
      --write-baseline FILE  record every current finding in FILE, then report only what it does not hold (nothing)
      --sarif-base FOLDER the folder SARIF file locations and fingerprints are relative to (default: the current folder)

Exit status: 0 when nothing fails; 1 for a finding at or above --fail-on, or more warnings than --max-warnings;
2 for bad usage, or an input that cannot be read or checked (a path matching nothing, a named file that is neither
an .entitlements nor an Info.plist file, an .ipa refused as unsafe or unreadable, a .zip).`;

const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The highest LSP severity number (1 error ... 3 information) that fails the run; `none` never fails. */
const FAIL_THRESHOLDS = { error: 1, warning: 2, info: 3, none: 0 } as const;
type FailOn = keyof typeof FAIL_THRESHOLDS;

const HINT_SEVERITY = 4;

/** Archives other than an .ipa, which need unpacking first; named here so the message can say so. */
const ARCHIVE_EXTENSIONS: readonly string[] = ['.xip', '.zip'];

interface CheckOptions {
  readonly paths: string[];
  readonly ignore: string[];
  readonly format: OutputFormat;
  readonly output: string | undefined;
  readonly failOn: FailOn;
  readonly maxWarnings: number | undefined;
  readonly isQuiet: boolean;
  readonly showsHints: boolean;
  readonly color: boolean | undefined;
  readonly baseline: string | undefined;
  readonly writeBaseline: string | undefined;
  readonly sarifBase: string | undefined;
  readonly platform: Platform | undefined;
  readonly productType: ProductType | undefined;
  readonly profiles: readonly string[];
  readonly config: string | undefined;
  readonly usesConfig: boolean;
}

type ParsedCommand = { readonly kind: 'check'; readonly options: CheckOptions } | { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'error'; readonly message: string };

const ARGUMENT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  hints: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  ignore: { type: 'string', multiple: true },
  'ignore-pattern': { type: 'string', multiple: true },
  platform: { type: 'string' },
  'product-type': { type: 'string' },
  profile: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'sarif-base': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function parseArguments(args: readonly string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: ARGUMENT_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains how to pass a path starting with '-'; the option's name is what a user needs.
    const message = error instanceof Error ? error.message : String(error);
    const unknown = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(message)?.[1] : undefined;
    return { kind: 'error', message: unknown === undefined ? message : `unknown option '${unknown}'` };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const error = (message: string): ParsedCommand => ({ kind: 'error', message });

  const format = values.format ?? 'text';
  if (!OUTPUT_FORMATS.some((known) => known === format)) return error(`--format must be text, json, sarif or github, not '${format}'`);
  const failOn = values['fail-on'] ?? 'error';
  if (!Object.prototype.hasOwnProperty.call(FAIL_THRESHOLDS, failOn)) return error(`--fail-on must be error, warning, info or none, not '${failOn}'`);
  const maxWarningsText = values['max-warnings'];
  if (maxWarningsText !== undefined && !/^\d+$/.test(maxWarningsText)) return error(`--max-warnings must be a whole number of warnings, not '${maxWarningsText}'`);
  for (const flag of ['output', 'baseline', 'write-baseline', 'sarif-base', 'config'] as const) {
    if (values[flag] === '') return error(`--${flag} needs a path`);
  }
  if (values.profile?.some((profile) => profile === '') === true) return error('--profile needs a path');
  if (values.color === true && values['no-color'] === true) return error('--color and --no-color contradict each other');
  if (values.config !== undefined && values['no-config'] === true) return error('--config and --no-config contradict each other');
  const platform = values.platform === undefined ? undefined : readPlatform(values.platform);
  if (values.platform !== undefined && platform === undefined) return error(`--platform must be one of ${PLATFORMS.join(', ')}, not '${values.platform}'`);
  const productType = values['product-type'] === undefined ? undefined : readProductType(values['product-type']);
  if (values['product-type'] !== undefined && productType === undefined) return error(`--product-type must be one of ${PRODUCT_TYPES.join(', ')}, not '${values['product-type']}'`);
  return {
    kind: 'check',
    options: {
      paths: positionals,
      ignore: [...(values.ignore ?? []), ...(values['ignore-pattern'] ?? [])],
      format: format as OutputFormat,
      output: values.output,
      failOn: failOn as FailOn,
      maxWarnings: maxWarningsText === undefined ? undefined : Number(maxWarningsText),
      isQuiet: values.quiet === true,
      showsHints: values.hints === true,
      color: values.color === true ? true : values['no-color'] === true ? false : undefined,
      baseline: values.baseline,
      writeBaseline: values['write-baseline'],
      sarifBase: values['sarif-base'],
      platform,
      productType,
      profiles: values.profile ?? [],
      config: values.config,
      usesConfig: values['no-config'] !== true,
    },
  };
}

/** Runs the check and returns the exit code. */
export function runCheck(args: readonly string[], io: CliIo): number {
  const command = parseArguments(args);
  if (command.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (command.kind === 'error') {
    io.stderr(`plist-sentinel: ${command.message}\nRun 'plist-sentinel check --help' for the options.\n`);
    return 2;
  }
  return checkWithOptions(command.options, io);
}

/** What a run needs from the disk before it checks anything: the baseline and the configuration --config names. */
interface RunSetup {
  readonly cwd: string;
  readonly sarifBase: string;
  readonly baseline: Baseline | undefined;
  readonly givenConfig: LoadedConfig | undefined;
}

function checkWithOptions(options: CheckOptions, io: CliIo): number {
  const setup = readSetup(options, io);
  if (typeof setup === 'number') return setup;
  const configs = createConfigLookup(options, setup);
  const { files, failures, notes } = checkFiles(options, configs.configOf);
  failures.unshift(...configs.failures);
  for (const failure of failures) io.stderr(`plist-sentinel: ${failure}\n`);
  for (const note of notes) io.stderr(`plist-sentinel: ${note}\n`);

  let baseline = setup.baseline;
  if (options.writeBaseline !== undefined) {
    const written = writeBaseline(options.writeBaseline, files, io);
    if (written === undefined) return 2;
    baseline = written;
  }
  const report = baseline === undefined ? { files, baselined: 0 } : applyBaseline(files, baseline);
  if (!writeReport(report, options, setup, io)) return 2;
  const warnings = countFindings(report, (finding) => finding.diagnostic.severity === 2);
  const hasTooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (hasTooManyWarnings) io.stderr(`plist-sentinel: ${warnings} warning${warnings === 1 ? '' : 's'} found, more than --max-warnings ${options.maxWarnings ?? 0} allows\n`);
  if (failures.length > 0) return 2;
  return hasFailingFinding(report, options.failOn) || hasTooManyWarnings ? 1 : 0;
}

/** Reads the baseline and the given configuration, or says why not and returns exit code 2. */
function readSetup(options: CheckOptions, io: CliIo): RunSetup | number {
  const cwd = process.cwd();
  const sarifBase = path.resolve(options.sarifBase ?? cwd);
  let baseline: Baseline | undefined;
  if (options.baseline !== undefined) {
    const read = readBaseline(options.baseline, { cwd, sarifBase });
    if (typeof read === 'string') {
      io.stderr(`plist-sentinel: ${options.baseline}: ${read}\n`);
      return 2;
    }
    baseline = read;
  }
  let givenConfig: LoadedConfig | undefined;
  if (options.config !== undefined) {
    const read = readConfigFile(options.config);
    const problems = typeof read === 'string' ? [read] : read.errors.map(formatConfigError);
    if (problems.length > 0) {
      for (const problem of problems) io.stderr(`plist-sentinel: ${options.config}: ${problem}\n`);
      return 2;
    }
    givenConfig = read as LoadedConfig;
  }
  return { cwd, sarifBase, baseline, givenConfig };
}

/**
 * The configuration for a file: the one --config names, else the nearest above it (up to the filesystem root).
 * A configuration that cannot be used is reported once, in `failures`, however many files lie under it.
 */
function createConfigLookup(options: CheckOptions, setup: RunSetup): { configOf: (filePath: string) => FileConfig; failures: string[] } {
  const failures: string[] = [];
  const configs = createConfigStore();
  const reported = new Set<string>();
  const configOf = (filePath: string): FileConfig => {
    if (!options.usesConfig) return NO_FILE_CONFIG;
    const loaded = setup.givenConfig ?? configs.nearest(filePath, undefined);
    if (loaded === undefined) return NO_FILE_CONFIG;
    if (typeof loaded === 'string' || loaded.errors.length > 0) {
      const where = typeof loaded === 'string' ? filePath : loaded.path;
      if (!reported.has(where)) {
        reported.add(where);
        const problems = typeof loaded === 'string' ? [loaded] : loaded.errors.map(formatConfigError);
        for (const problem of problems) failures.push(`${typeof loaded === 'string' ? `the configuration above ${filePath}` : path.relative(setup.cwd, loaded.path) || loaded.path}: ${problem}`);
      }
      if (typeof loaded === 'string') return NO_FILE_CONFIG;
    }
    return configForFile(loaded, filePath);
  };
  return { configOf, failures };
}

/** Finds, reads and checks every input: the reports of the files checked, what could not be checked, and notes. */
function checkFiles(options: CheckOptions, configOf: (filePath: string) => FileConfig): { files: FileReport[]; failures: string[]; notes: string[] } {
  const service = createLanguageService(CATALOG);
  const resolver = createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => [], isSnapshot: true });
  const expansion = expandPaths(options.paths, options.ignore);
  // Files a configuration ignores are left out before anything is read.
  const configured = expansion.inputs.filter((input) => !configOf(input.path).isIgnored);
  const ignoredByConfig = expansion.inputs.length - configured.length;
  const { readable, archiveErrors } = leaveOutArchives(configured);
  const reading = readInputs(readable);
  if (ignoredByConfig > 0) reading.notes.push(`${ignoredByConfig} file${ignoredByConfig === 1 ? '' : 's'} left out by the ignore list of ${CONFIG_FILE_NAME}`);
  const givenProfiles = readProfileFiles(options.profiles);
  const failures = [...expansion.errors, ...archiveErrors, ...reading.errors, ...givenProfiles.errors];
  const globMatches = new Set(expansion.inputs.filter((input) => input.isGlobMatch === true).map((input) => input.path));
  const candidates = new Set(expansion.inputs.filter((input) => input.isCandidate === true).map((input) => input.path));
  const files: FileReport[] = [];
  for (const input of reading.inputs) {
    const isCandidate = candidates.has(input.path);
    const file = checkInput(input, service, resolver, withConfig(options, configOf(input.path)), givenProfiles.profiles, isCandidate);
    // A plist a folder walk found by its extension alone is most often an app's own (Settings.bundle/Root.plist).
    if (file === undefined && isCandidate) continue;
    // A file a glob happened to match may be any plist (Settings.bundle/Root.plist); a file the user named must be checked.
    if (file === undefined && globMatches.has(input.path)) reading.notes.push(`${input.path}: neither an .entitlements nor an Info.plist file; skipped`);
    else if (file === undefined) failures.push(`${input.path}: cannot check it: neither an .entitlements nor an Info.plist file, by its name or its keys`);
    else files.push(options.isQuiet ? { ...file, findings: file.findings.filter((finding) => (finding.diagnostic.severity ?? 1) === 1) } : file);
  }
  return { files, failures, notes: reading.notes };
}

/** Records every finding in the baseline file and returns that baseline, or undefined when it cannot be written. */
function writeBaseline(baselinePath: string, files: readonly FileReport[], io: CliIo): Baseline | undefined {
  const baselineFolder = path.dirname(path.resolve(baselinePath));
  try {
    writeFileSync(baselinePath, formatBaseline(files, baselineFolder));
  } catch (error) {
    io.stderr(`plist-sentinel: ${baselinePath}: cannot write the baseline (${error instanceof Error ? error.message : String(error)})\n`);
    return undefined;
  }
  const count = files.reduce((sum, file) => sum + file.findings.length, 0);
  io.stderr(`plist-sentinel: wrote ${count} finding${count === 1 ? '' : 's'} to ${baselinePath}\n`);
  return { fingerprints: new Set(files.flatMap((file) => file.findings.map((finding) => fingerprintOf(file, finding, baselineFolder)))), base: baselineFolder };
}

/** Writes the report to stdout or --output, then the notes and the summary to stderr; false when it cannot be written. */
function writeReport(report: CheckReport, options: CheckOptions, setup: RunSetup, io: CliIo): boolean {
  // Hints (deprecated keys still needed for older targets) would drown the rest in a log; machine formats keep them.
  const isHumanFormat = options.format === 'text' || options.format === 'github';
  const shown = isHumanFormat && !options.showsHints ? withoutHints(report) : report;
  const hiddenHints = countFindings(report, (finding) => finding.diagnostic.severity === HINT_SEVERITY) - countFindings(shown, (finding) => finding.diagnostic.severity === HINT_SEVERITY);
  // A report file is read by other tools, so only an explicit --color puts escapes into it, never FORCE_COLOR.
  const colorContext = options.output === undefined ? { isTerminal: io.isTerminal === true, env: io.env ?? {} } : { isTerminal: false, env: {} };
  const output = formatReport(shown, options, { cwd: setup.cwd, sarifBase: setup.sarifBase, ...colorContext });
  if (options.output === undefined) {
    io.stdout(output);
  } else {
    try {
      writeFileSync(options.output, output);
    } catch (error) {
      io.stderr(`plist-sentinel: ${options.output}: cannot write the report (${error instanceof Error ? error.message : String(error)})\n`);
      return false;
    }
  }
  if (isHumanFormat) {
    for (const file of shown.files) {
      const note = viewNote(file);
      if (note !== undefined && file.findings.length > 0) io.stderr(`plist-sentinel: ${displayPath(file)}: ${note}\n`);
    }
    io.stderr(summarizeText(shown, { hiddenHints }));
  }
  return true;
}

function formatReport(report: CheckReport, options: CheckOptions, context: { cwd: string; sarifBase: string; isTerminal: boolean; env: Readonly<Record<string, string | undefined>> }): string {
  if (options.format === 'json') return formatJson(report, { base: context.cwd });
  if (options.format === 'sarif') return formatSarif(report, { base: context.sarifBase, toolVersion: TOOL_VERSION });
  if (options.format === 'github') return formatGithub(report, { base: context.cwd });
  return formatText(report, { color: shouldColor({ flag: options.color, env: context.env, isTerminal: context.isTerminal }) });
}

/** Other archives are refused before reading: they can be gigabytes, and read as text they would only be skipped. */
function leaveOutArchives(inputs: readonly PathInput[]): { readable: PathInput[]; archiveErrors: string[] } {
  const readable: PathInput[] = [];
  const archiveErrors: string[] = [];
  for (const input of inputs) {
    const extension = path.extname(input.path).toLowerCase();
    if (input.isBundle || !ARCHIVE_EXTENSIONS.includes(extension)) readable.push(input);
    else archiveErrors.push(`${input.path}: cannot check ${extension} archives; unpack it and check the .app, .ipa or .xcarchive inside`);
  }
  return { readable, archiveErrors };
}

function withoutHints(report: CheckReport): CheckReport {
  return { ...report, files: report.files.map((file) => ({ ...file, findings: file.findings.filter((finding) => finding.diagnostic.severity !== HINT_SEVERITY) })) };
}

function countFindings(report: CheckReport, counts: (finding: Finding) => boolean): number {
  return report.files.reduce((sum, file) => sum + file.findings.filter(counts).length, 0);
}

/** What a file is checked with: its configuration, under the command line's platform and product type. */
interface FileOptions {
  readonly platform: Platform | undefined;
  readonly productType: ProductType | undefined;
  readonly severity: FileConfig['severity'];
  readonly allowedKeys: readonly string[];
}

function withConfig(options: CheckOptions, config: FileConfig): FileOptions {
  return { platform: options.platform ?? config.platform, productType: options.productType ?? config.productType, severity: config.severity, allowedKeys: config.allowedKeys };
}

function checkInput(input: CheckInput, service: LanguageService, resolver: TargetResolver, options: FileOptions, profiles: readonly ProvisioningProfile[], isCandidate: boolean): FileReport | undefined {
  const parsed = service.parse(input.text);
  const guessed = isCandidate ? (isEntitlementsByContent(parsed, service.catalog) ? 'entitlements' : undefined) : guessFileKind(parsed, service.catalog);
  const fileKind = input.fileKind ?? fileKindOf(input.path) ?? guessed;
  if (fileKind === undefined) return undefined;
  const document = TextDocument.create(fileUri(input.path), fileKind, 1, input.text);
  const context =
    input.bundle === undefined
      ? resolver.resolve({ filePath: input.path, fileKind, parsed, overrides: { platform: options.platform, productType: options.productType } })
      : bundleContext(input.bundle, service, options);
  // A bundle's embedded profile is the one it was signed from, so it wins over any --profile.
  const profile = fileKind !== 'entitlements' ? undefined : (input.profile ?? (profiles.length > 0 ? chooseGivenProfile(profiles, context) : undefined));
  const uses = fileKind === 'privacyManifest' && input.bundle === undefined ? { requiredReasonUses: requiredReasonUsesFor(input.path, service) } : {};
  const diagnostics = service.validate(document, parsed, { fileKind, ...context, ...uses, ...(profile === undefined ? {} : { profile }), allowedKeys: new Set(options.allowedKeys), severity: options.severity });
  return {
    path: input.path,
    fileKind,
    view: input.view,
    ...(input.architecture === undefined ? {} : { architecture: input.architecture }),
    findings: toFindings(document, diagnostics),
  };
}

/** The required-reason APIs the sources beside a privacy manifest use (named relative to the current folder). */
function requiredReasonUsesFor(manifestPath: string, service: LanguageService): RequiredReasonUse[] {
  const categories = service.catalog.catalog.privacyManifest?.apiCategories ?? [];
  return scanRequiredReasonUses(path.dirname(path.resolve(manifestPath)), process.cwd(), categories).uses;
}

/**
 * A built bundle is its own best witness: its Info.plist names the platforms it was built for, its extension the
 * kind of target, and its two files are each other's companion. Xcode projects above a build folder are not
 * consulted; the user's flags still win.
 */
function bundleContext(bundle: BundleFacts, service: LanguageService, options: FileOptions): Pick<DocumentContext, 'target' | 'companion'> {
  const reasons = [...bundle.reasons];
  if (options.platform !== undefined) reasons.unshift(`platform set to ${options.platform} by the user`);
  if (options.productType !== undefined) reasons.unshift(`product type set to ${options.productType} by the user`);
  const platforms = options.platform === undefined ? bundle.platforms : [options.platform];
  const target: TargetInfo = {
    platforms,
    productType: options.productType ?? bundle.productType,
    reasons,
    ...(bundle.bundleIdentifiers.length === 0 ? {} : { bundleIdentifiers: bundle.bundleIdentifiers }),
    ...(options.platform !== undefined ? { platformSource: 'user' as const } : platforms.length > 0 ? { platformSource: 'project' as const } : {}),
  };
  const companion = bundle.companion;
  return {
    target,
    ...(companion === undefined
      ? {}
      : { companion: { uri: fileUri(companion.path), fileName: path.basename(companion.path), fileKind: companion.fileKind, parsed: service.parse(companion.text) } }),
  };
}

function readBaseline(baselinePath: string, folders: { cwd: string; sarifBase: string }): Baseline | string {
  let text: string;
  try {
    text = readFileSync(baselinePath, 'utf8');
  } catch (error) {
    return `cannot read the baseline (${error instanceof Error ? error.message : String(error)})`;
  }
  const baseline = parseBaseline(text, baselinePath, folders);
  return typeof baseline === 'string' ? `cannot use this baseline: ${baseline}` : baseline;
}

function applyBaseline(files: readonly FileReport[], baseline: Baseline): CheckReport {
  let baselined = 0;
  const kept = files.map((file) => {
    const findings = file.findings.filter((finding) => !baseline.fingerprints.has(fingerprintOf(file, finding, baseline.base)));
    baselined += file.findings.length - findings.length;
    return { ...file, findings };
  });
  return { files: kept, baselined };
}

function hasFailingFinding(report: CheckReport, failOn: FailOn): boolean {
  const threshold = FAIL_THRESHOLDS[failOn];
  return report.files.some((file) => file.findings.some((finding) => (finding.diagnostic.severity ?? 1) <= threshold));
}
