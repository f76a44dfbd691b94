/**
 * The service's shared types: what it knows about a document besides its text (DocumentContext), the paired file,
 * a finding before it becomes an LSP diagnostic, and the shape every rule shares. A rule looks at one parsed
 * document and returns problems as plain data with offsets; `features/validation.ts` turns them into LSP
 * diagnostics in one place.
 */
import type { FileKind } from '../../../shared/src/catalog';
import type { TargetInfo } from '../../../shared/src/target';
import type { DiagnosticCode, DiagnosticData, SeverityName } from '../../../shared/src/diagnosticCodes';
import type { CatalogIndex } from './catalogIndex';
import type { PlistDocument } from './plist/nodes';
import type { ProvisioningProfile } from './profile/profile';
import type { RequiredReasonUse } from './privacy/requiredReasonUses';

/** What the service knows about the document besides its text. */
export interface DocumentContext {
  readonly fileKind: FileKind;
  /** The file's own name (`App.entitlements`, `entitlements.mas.plist`), for rules that read naming conventions. */
  readonly fileName?: string;
  /** The target's platforms and product type, as far as they are known; rules that need them stay quiet without. */
  readonly target: TargetInfo;
  /** The other file of the same target (the Info.plist of an .entitlements file, or the reverse), when found. */
  readonly companion?: CompanionDocument;
  /** Info.plist keys the target generates from `INFOPLIST_KEY_*` build settings; they count as present. */
  readonly generatedInfoPlistKeys?: readonly string[];
  /** Keys the user accepts without `unknown-key`. */
  readonly allowedKeys: ReadonlySet<string>;
  /** The provisioning profile that signs the file (matched by bundle identifier and team, or picked by the user). */
  readonly profile?: ProvisioningProfile;
  /** The time to judge the profile's expiry by; the current time when absent. */
  readonly now?: Date;
  /** For a privacy manifest: the required-reason APIs the target's sources use (found by the server or the CLI). */
  readonly requiredReasonUses?: readonly RequiredReasonUse[];
}

/** The paired file, already parsed, for checks that need both files. */
export interface CompanionDocument {
  readonly uri: string;
  /** The file's name, for messages and fix titles. */
  readonly fileName: string;
  readonly fileKind: FileKind;
  readonly parsed: PlistDocument;
}

/** A finding, before it becomes an LSP diagnostic. */
export interface Problem {
  readonly code: DiagnosticCode;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** Overrides the code's default severity for this finding (users' overrides still win). */
  readonly severity?: SeverityName;
  /** Apple's page for the key, when the finding is about one; else the code's docs are linked. */
  readonly docUrl?: string;
  readonly data?: DiagnosticData;
  readonly related?: ReadonlyArray<{ readonly offset: number; readonly length: number; readonly message: string }>;
  readonly isDeprecated?: boolean;
  readonly isUnnecessary?: boolean;
}

/** One diagnostic code's check. */
export interface Rule {
  readonly code: DiagnosticCode;
  check(document: PlistDocument, catalog: CatalogIndex, context: DocumentContext): Problem[];
}
