/**
 * `plist-sentinel check [paths, globs or bundles...] [options]`: the language service over files on disk, for CI.
 * Reads text and binary plists, Mach-O binaries and built bundles (`readInputs.ts`), writes text, JSON or SARIF
 * (`formats/`), and leaves out what a baseline holds (`baseline.ts`). Exit 1 when a finding at or above `--fail-on`
 * remains, 2 for bad usage or an unreadable path, else 0.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Platform } from '../../../shared/src/catalog';
import { CATALOG } from '../../../shared/src/catalogData';
import { PRODUCT_TYPES, readProductType, type ProductType, type TargetInfo } from '../../../shared/src/target';
import { version as TOOL_VERSION } from '../../../package.json';
import { createTargetResolver, fileUri, type TargetResolver } from '../targetResolver';
import { readPlatform, PLATFORMS } from '../../../shared/src/settings';
import { chooseGivenProfile, readProfileFiles } from '../profiles';
import type { ProvisioningProfile } from '../service/profile/profile';
import { fileKindOf, guessFileKind } from '../service/fileKind';
import { createLanguageService, type DocumentContext, type LanguageService } from '../service/languageService';
import { formatBaseline, parseBaseline, type Baseline } from './baseline';
import { expandPaths } from './findFiles';
import { fingerprintOf } from './fingerprint';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText, summarizeText } from './formats/text';
import { readInputs, type BundleFacts, type CheckInput } from './readInputs';
import { displayPath, toFindings, viewNote, type CheckReport, type FileReport } from './report';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const USAGE = `Usage:
  plist-sentinel check [paths, globs or bundles...] [--format text|json|sarif] [--fail-on error|warning|info|none]
                       [--baseline FILE] [--write-baseline FILE] [--sarif-base FOLDER]
                       [--platform ${PLATFORMS.join('|')}]
                       [--product-type ${PRODUCT_TYPES.join('|')}] [--profile PATH]
  plist-sentinel profile PATH     show a provisioning profile (.mobileprovision, .provisionprofile) readably
  plist-sentinel --stdio          start the language server on stdio

A folder means every *.entitlements and Info.plist / *-Info.plist inside it (node_modules, Pods, build and
DerivedData are skipped). With no path, the current folder is checked. Binary plists are converted to XML; a
Mach-O binary or a built .app / .appex bundle is checked by the entitlements it was signed with (and the bundle's
Info.plist).
  --format          text (default), json, or sarif (SARIF 2.1.0, e.g. for GitHub code scanning)
  --fail-on         exit 1 when a finding at or above this level remains (default error; none never fails)
  --baseline        leave out the findings recorded in FILE (written by --write-baseline, or a json/sarif report)
  --write-baseline  record every current finding in FILE, then report only what it does not hold (nothing)
  --sarif-base      the folder SARIF file locations and fingerprints are relative to (default: the current folder)
  --profile         check .entitlements files against this provisioning profile (or folder of them; repeatable),
                    each file against the one for its bundle identifier
Exit status: 1 if a finding at or above --fail-on is reported, 2 for bad usage or an unreadable path, else 0.`;

const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The highest LSP severity number (1 error ... 3 information) that fails the run; `none` never fails. */
const FAIL_THRESHOLDS = { error: 1, warning: 2, info: 3, none: 0 } as const;
type FailOn = keyof typeof FAIL_THRESHOLDS;

interface CheckOptions {
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly failOn: FailOn;
  readonly baseline: string | undefined;
  readonly writeBaseline: string | undefined;
  readonly sarifBase: string | undefined;
  readonly platform: Platform | undefined;
  readonly productType: ProductType | undefined;
  readonly profiles: readonly string[];
}

function parseArguments(args: readonly string[]): CheckOptions | string {
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  let failOn: FailOn = 'error';
  let baseline: string | undefined;
  let writeBaseline: string | undefined;
  let sarifBase: string | undefined;
  let platform: Platform | undefined;
  let productType: ProductType | undefined;
  const profiles: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inlineValue ?? args[++index];
    if (flag === '--format') {
      const chosen = value();
      if (!OUTPUT_FORMATS.some((known) => known === chosen)) return `--format must be text, json or sarif, not '${chosen ?? ''}'`;
      format = chosen as OutputFormat;
    } else if (flag === '--fail-on') {
      const chosen = value();
      if (chosen === undefined || !Object.prototype.hasOwnProperty.call(FAIL_THRESHOLDS, chosen)) return `--fail-on must be error, warning, info or none, not '${chosen ?? ''}'`;
      failOn = chosen as FailOn;
    } else if (flag === '--baseline' || flag === '--write-baseline' || flag === '--sarif-base') {
      const chosen = value();
      if (chosen === undefined || chosen === '') return `${flag} needs a path`;
      if (flag === '--baseline') baseline = chosen;
      else if (flag === '--write-baseline') writeBaseline = chosen;
      else sarifBase = chosen;
    } else if (flag === '--platform') {
      const chosen = value();
      platform = readPlatform(chosen);
      if (platform === undefined) return `--platform must be one of ${PLATFORMS.join(', ')}, not '${chosen ?? ''}'`;
    } else if (flag === '--product-type') {
      const chosen = value();
      productType = readProductType(chosen);
      if (productType === undefined) return `--product-type must be one of ${PRODUCT_TYPES.join(', ')}, not '${chosen ?? ''}'`;
    } else if (flag === '--profile') {
      const chosen = value();
      if (chosen === undefined || chosen === '') return '--profile needs a path';
      profiles.push(chosen);
    } else if (flag.startsWith('-')) {
      return `unknown option '${flag}'`;
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length === 0 ? ['.'] : paths, format, failOn, baseline, writeBaseline, sarifBase, platform, productType, profiles };
}

/** Runs the check and returns the exit code. */
export function runCheck(args: readonly string[], io: CliIo): number {
  const options = parseArguments(args);
  if (typeof options === 'string') {
    io.stderr(`plist-sentinel: ${options}\n\n${USAGE}\n`);
    return 2;
  }
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

  const service = createLanguageService(CATALOG);
  const resolver = createTargetResolver({ catalog: service.catalog, parse: (text) => service.parse(text), roots: () => [] });
  const { inputs: pathInputs, errors } = expandPaths(options.paths);
  const reading = readInputs(pathInputs);
  const givenProfiles = readProfileFiles(options.profiles);
  const failures = [...errors, ...reading.errors, ...givenProfiles.errors];
  for (const failure of failures) io.stderr(`plist-sentinel: ${failure}\n`);
  for (const note of reading.notes) io.stderr(`plist-sentinel: ${note}\n`);
  const files: FileReport[] = [];
  for (const input of reading.inputs) {
    const file = checkInput(input, service, resolver, options, givenProfiles.profiles);
    if (file === undefined) io.stderr(`plist-sentinel: ${input.path}: neither an .entitlements nor an Info.plist file; skipped\n`);
    else files.push(file);
  }

  if (options.writeBaseline !== undefined) {
    const baselineFolder = path.dirname(path.resolve(options.writeBaseline));
    try {
      writeFileSync(options.writeBaseline, formatBaseline(files, baselineFolder));
    } catch (error) {
      io.stderr(`plist-sentinel: ${options.writeBaseline}: cannot write the baseline (${error instanceof Error ? error.message : String(error)})\n`);
      return 2;
    }
    const count = files.reduce((sum, file) => sum + file.findings.length, 0);
    io.stderr(`plist-sentinel: wrote ${count} finding${count === 1 ? '' : 's'} to ${options.writeBaseline}\n`);
    baseline = { fingerprints: new Set(files.flatMap((file) => file.findings.map((finding) => fingerprintOf(file, finding, baselineFolder)))), base: baselineFolder };
  }

  const report = baseline === undefined ? { files, baselined: 0 } : applyBaseline(files, baseline);
  if (options.format === 'json') {
    io.stdout(formatJson(report, { base: cwd }));
  } else if (options.format === 'sarif') {
    io.stdout(formatSarif(report, { base: sarifBase, toolVersion: TOOL_VERSION }));
  } else {
    io.stdout(formatText(report));
    for (const file of report.files) {
      const note = viewNote(file);
      if (note !== undefined && file.findings.length > 0) io.stderr(`plist-sentinel: ${displayPath(file)}: ${note}\n`);
    }
    io.stderr(summarizeText(report));
  }
  if (failures.length > 0) return 2;
  return hasFailingFinding(report, options.failOn) ? 1 : 0;
}

function checkInput(input: CheckInput, service: LanguageService, resolver: TargetResolver, options: CheckOptions, profiles: readonly ProvisioningProfile[]): FileReport | undefined {
  const parsed = service.parse(input.text);
  const fileKind = input.fileKind ?? fileKindOf(input.path) ?? guessFileKind(parsed, service.catalog);
  if (fileKind === undefined) return undefined;
  const document = TextDocument.create(fileUri(input.path), fileKind, 1, input.text);
  const context =
    input.bundle === undefined
      ? resolver.resolve({ filePath: input.path, fileKind, parsed, overrides: { platform: options.platform, productType: options.productType } })
      : bundleContext(input.bundle, service, options);
  const profile = fileKind === 'entitlements' && profiles.length > 0 ? chooseGivenProfile(profiles, context) : undefined;
  const diagnostics = service.validate(document, parsed, { fileKind, ...context, ...(profile === undefined ? {} : { profile }), allowedKeys: new Set(), severity: {} });
  return {
    path: input.path,
    fileKind,
    view: input.view,
    ...(input.architecture === undefined ? {} : { architecture: input.architecture }),
    findings: toFindings(document, diagnostics),
  };
}

/**
 * A built bundle is its own best witness: its Info.plist names the platforms it was built for, its extension the
 * kind of target, and its two files are each other's companion. Xcode projects above a build folder are not
 * consulted; the user's flags still win.
 */
function bundleContext(bundle: BundleFacts, service: LanguageService, options: CheckOptions): Pick<DocumentContext, 'target' | 'companion'> {
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
