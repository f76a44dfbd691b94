/**
 * The provisioning-profile commands. The client only asks and shows: the server reads the profiles, matches them
 * and writes the page; this file turns its answers into a read-only document and a quick pick.
 */
import { commands, Uri, window, workspace, type CustomReadonlyEditorProvider, type Disposable, type QuickPickItem, type TextDocumentContentProvider } from 'vscode';
import { profilePageHtml } from './profilePage';

/** The custom editor contributed in package.json for `*.mobileprovision` and `*.provisionprofile`. */
export const PROFILE_EDITOR_VIEW_TYPE = 'plistSentinel.profile';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DESCRIBE_PROFILE_METHOD,
  LIST_PROFILES_METHOD,
  PROFILE_SCHEME,
  SELECT_PROFILE_METHOD,
  readDescribeProfileParams,
  type DescribeProfileParams,
  type DescribeProfileResult,
  type ListProfilesResult,
  type SelectProfileParams,
} from '../../shared/src/protocol';

const PROFILE_FILTERS = { 'Provisioning profiles': ['mobileprovision', 'provisionprofile'] };

/**
 * The bytes of a profile file the user chose, base64, for the server: it reads only the profiles it lists itself
 * (docs/file-access.md), so a file opened or picked elsewhere is read here, where the user chose it.
 */
async function profileDataOf(uri: Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await workspace.fs.readFile(uri)).toString('base64');
  } catch {
    return undefined;
  }
}

/** `params` with the bytes of the file its `profileUri` names, when the client can read it. */
async function withProfileData(params: DescribeProfileParams): Promise<DescribeProfileParams> {
  if (params.profileUri === undefined || params.profileData !== undefined) return params;
  const profileData = await profileDataOf(Uri.parse(params.profileUri));
  return profileData === undefined ? params : { ...params, profileData };
}

/**
 * Opening a profile file shows its page in a read-only webview (the file itself is binary CMS data that the text
 * editor cannot show).
 */
function registerProfileEditor(client: LanguageClient): Disposable {
  const provider: CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    async resolveCustomEditor(document, panel) {
      panel.webview.options = { enableScripts: false };
      const result = await client.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, await withProfileData({ profileUri: document.uri.toString() }));
      panel.webview.html = profilePageHtml(result.markdown);
    },
  };
  return window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true });
}

/** Registers the page provider, the profile editor and the two commands; returns what to dispose on deactivate. */
export function registerProfileCommands(client: LanguageClient): Disposable[] {
  // The page's URI carries the request's parameters in its query, so reopening it asks the server again.
  const provider: TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const params = readDescribeProfileParams(JSON.parse(uri.query));
      const result = await client.sendRequest<DescribeProfileResult>(DESCRIBE_PROFILE_METHOD, await withProfileData(params));
      return result.markdown;
    },
  };

  async function showProfile(target?: Uri): Promise<void> {
    const editor = window.activeTextEditor;
    let params: DescribeProfileParams | undefined;
    let title = 'Provisioning Profile';
    if (target instanceof Uri) {
      params = { profileUri: target.toString() };
      title = target.path.split('/').pop() ?? title;
    } else if (editor?.document.languageId === 'entitlements') {
      params = { documentUri: editor.document.uri.toString() };
      title = `Profile for ${editor.document.uri.path.split('/').pop() ?? 'entitlements'}`;
    } else {
      const [picked] = (await window.showOpenDialog({ canSelectMany: false, filters: PROFILE_FILTERS, openLabel: 'Show Profile' })) ?? [];
      if (picked === undefined) return;
      params = { profileUri: picked.toString() };
      title = picked.path.split('/').pop() ?? title;
    }
    const page = Uri.from({ scheme: PROFILE_SCHEME, path: `/${title}.md`, query: JSON.stringify(params) });
    await window.showTextDocument(await workspace.openTextDocument(page), { preview: true });
  }

  async function selectProfile(): Promise<void> {
    const document = window.activeTextEditor?.document;
    if (document?.languageId !== 'entitlements') {
      void window.showInformationMessage('Open an .entitlements file to pick the provisioning profile it is checked against.');
      return;
    }
    const documentUri = document.uri.toString();
    const listing = await client.sendRequest<ListProfilesResult>(LIST_PROFILES_METHOD, { documentUri });
    type Item = QuickPickItem & { readonly profileUri?: string | null };
    const items: Item[] = [
      { label: '$(sync) Match by bundle identifier', description: 'the profile for the target, as Xcode picks it', profileUri: null },
      ...listing.profiles.map((profile): Item => ({
        label: `${profile.profileUri === listing.currentUri ? '$(check) ' : ''}${profile.name}`,
        description: profile.applicationIdentifier,
        detail: [profile.teamName, profile.expirationDate === undefined ? undefined : `${profile.isExpired ? 'expired' : 'expires'} ${profile.expirationDate.slice(0, 10)}`].filter((part) => part !== undefined).join(' · '),
        profileUri: profile.profileUri,
      })),
      { label: '$(folder-opened) Browse…' },
    ];
    const choice = await window.showQuickPick(items, { placeHolder: 'Provisioning profile to check this entitlements file against' });
    if (choice === undefined) return;
    let params: SelectProfileParams = { documentUri, profileUri: choice.profileUri ?? null };
    if (choice.profileUri === undefined) {
      const [picked] = (await window.showOpenDialog({ canSelectMany: false, filters: PROFILE_FILTERS, openLabel: 'Use Profile' })) ?? [];
      if (picked === undefined) return;
      const profileData = await profileDataOf(picked);
      if (profileData === undefined) return;
      params = { documentUri, profileUri: picked.toString(), profileData };
    }
    await client.sendRequest(SELECT_PROFILE_METHOD, params);
  }

  return [
    workspace.registerTextDocumentContentProvider(PROFILE_SCHEME, provider),
    commands.registerCommand('plistSentinel.showProfile', showProfile),
    commands.registerCommand('plistSentinel.selectProfile', selectProfile),
    registerProfileEditor(client),
  ];
}
