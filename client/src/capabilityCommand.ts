/**
 * Plist Sentinel: Add Capability…, Xcode's Signing & Capabilities outside Xcode: a quick pick of the capabilities
 * that fit the active file's target (what each writes, whether Apple must approve it), then one workspace edit across
 * the entitlements file and Info.plist, both computed by the language server.
 */
import { commands, Position, Range, Uri, window, workspace, WorkspaceEdit, type Disposable, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ADD_CAPABILITY_METHOD, type AddCapabilityParams, type AddCapabilityResult } from '../../shared/src/protocol';

interface CapabilityPick extends QuickPickItem {
  readonly id: string;
}

/** The command; `uri` and `capability` may be given (a code action, a test) to skip the active editor and the pick. */
export function registerCapabilityCommand(client: LanguageClient): Disposable {
  return commands.registerCommand('plistSentinel.addCapability', async (uri?: Uri, capability?: string): Promise<AddCapabilityResult | undefined> => {
    const documentUri = (uri ?? window.activeTextEditor?.document.uri)?.toString();
    if (documentUri === undefined) {
      void window.showWarningMessage("Open the target's .entitlements file or Info.plist, then add a capability.");
      return undefined;
    }
    let chosen = capability;
    if (chosen === undefined) {
      const listed = await client.sendRequest<AddCapabilityResult>(ADD_CAPABILITY_METHOD, { documentUri } satisfies AddCapabilityParams);
      if (listed.error !== undefined) {
        void window.showErrorMessage(`Plist Sentinel: ${listed.error}`);
        return listed;
      }
      const items: CapabilityPick[] = (listed.capabilities ?? []).map((item) => ({
        id: item.id,
        label: item.name,
        description: item.approvalRequired ? 'Apple must approve' : '',
        detail: [item.writes.length === 0 ? (item.note ?? 'Writes nothing') : item.writes.join(' · '), item.approvalRequired ? (item.howToAsk ?? item.requestUrl ?? '') : ''].filter((part) => part !== '').join(' — '),
      }));
      const platforms = (listed.platforms ?? []).join(', ');
      const picked = await window.showQuickPick(items, { placeHolder: `Add a capability${platforms === '' ? '' : ` (${platforms})`}`, matchOnDescription: true, matchOnDetail: true });
      if (picked === undefined) return undefined;
      chosen = picked.id;
    }
    const result = await client.sendRequest<AddCapabilityResult>(ADD_CAPABILITY_METHOD, { documentUri, capability: chosen } satisfies AddCapabilityParams);
    if (result.error !== undefined) {
      void window.showErrorMessage(`Plist Sentinel: ${result.error}`);
      return result;
    }
    const changes = result.changes ?? [];
    const edit = new WorkspaceEdit();
    for (const change of changes) {
      const target = Uri.parse(change.uri);
      if (change.isNew) {
        edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(change.edits.map((one) => one.newText).join('')) });
        continue;
      }
      for (const one of change.edits) {
        edit.replace(target, new Range(new Position(one.range.start.line, one.range.start.character), new Position(one.range.end.line, one.range.end.character)), one.newText);
      }
    }
    if (changes.length > 0 && !(await workspace.applyEdit(edit))) {
      void window.showErrorMessage(`Plist Sentinel: the ${result.title ?? 'capability'} edit could not be applied.`);
      return result;
    }
    const summary = changes.length === 0 ? `${result.title ?? 'The capability'} is already there.` : `Added ${result.title ?? 'the capability'}.`;
    void window.showInformationMessage([summary, ...result.notes].join(' '));
    return result;
  });
}
