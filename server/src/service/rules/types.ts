/**
 * The shape every rule shares. A rule looks at one parsed document and returns problems as plain data with
 * offsets; `features/validation.ts` turns them into LSP diagnostics in one place.
 */
import type { FileKind, Platform } from '../../../../shared/src/catalog';
import type { DiagnosticCode, DiagnosticData, SeverityName } from '../../../../shared/src/diagnosticCodes';
import type { CatalogIndex } from '../catalogIndex';
import type { PlistDocument } from '../plist/nodes';

/** What the service knows about the document besides its text. */
export interface DocumentContext {
  readonly fileKind: FileKind;
  /** The target platform, when known; rules that depend on it stay quiet without it. */
  readonly platform: Platform | undefined;
  /** Keys the user accepts without `unknown-key`. */
  readonly allowedKeys: ReadonlySet<string>;
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
