/**
 * The thin client: start the language server for .entitlements and Info.plist documents, stop it on deactivate.
 * Everything else happens in the server; the commands and agent tools registered here only forward to it.
 */
import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerAgentTools } from './agentTools';
import { registerProfileCommands } from './profileCommands';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'entitlements' },
      { scheme: 'file', language: 'info-plist' },
      { scheme: 'untitled', language: 'entitlements' },
      { scheme: 'untitled', language: 'info-plist' },
    ],
    synchronize: {
      configurationSection: 'plistSentinel',
      // Project files decide each plist's target; entitlements and Info.plist files pair with each other; profiles
      // decide what an entitlements file may claim.
      fileEvents: workspace.createFileSystemWatcher('**/{*.pbxproj,*.entitlements,*Info.plist,*.mobileprovision,*.provisionprofile}'),
    },
    outputChannel: window.createOutputChannel('Plist Sentinel', { log: true }),
  };
  client = new LanguageClient('plistSentinel', 'Plist Sentinel', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void window.showErrorMessage(`Plist Sentinel could not start its language server: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  context.subscriptions.push(client, ...registerProfileCommands(client), ...registerAgentTools(client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
