/**
 * Add Capability in the server: the plistSentinel/addCapability request, and "Add the ... capability instead" beside
 * the quick fixes of an invented or misplaced key. Both read the target's files only inside the workspace.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readAddCapabilityParams, type AddCapabilityResult } from '../../shared/src/protocol';
import { answerAddCapability, capabilityActions, readWorkspaceText, type CapabilityRequestContext } from './capabilityRequest';
import { CAPABILITY_FIX_CODES } from './service/capabilities/capabilityFix';
import { filePathOf, settingsFor, type ServerState } from './serverState';

export async function addCapabilityRequest(state: ServerState, raw: unknown): Promise<AddCapabilityResult> {
  const params = readAddCapabilityParams(raw);
  const context = params === undefined ? undefined : await capabilityContext(state, params.documentUri);
  if (params === undefined || context === undefined) return { notes: [], error: "Open the target's .entitlements file or Info.plist (saved in the workspace) first." };
  return answerAddCapability(context, params);
}

/** The capability actions for the diagnostics a code-action request carries; none unless one of them can take one. */
export async function capabilityActionsFor(state: ServerState, document: TextDocument, diagnostics: readonly Diagnostic[]): Promise<CodeAction[]> {
  const context = diagnostics.some((diagnostic) => CAPABILITY_FIX_CODES.has(String(diagnostic.code))) ? await capabilityContext(state, document.uri) : undefined;
  return context === undefined ? [] : capabilityActions(context, document, diagnostics);
}

/** Add Capability's view of a document: its path, target overrides, and reads limited to the workspace. */
async function capabilityContext(state: ServerState, documentUri: string): Promise<CapabilityRequestContext | undefined> {
  const filePath = filePathOf(documentUri);
  if (filePath === undefined) return undefined;
  const userSettings = await settingsFor(state, documentUri);
  return {
    service: state.service,
    resolver: state.resolver,
    filePath,
    overrides: { platform: userSettings.platform, productType: userSettings.productType },
    readText: (candidate) => state.openText(candidate) ?? readWorkspaceText(candidate, state.workspaceRoots),
  };
}
