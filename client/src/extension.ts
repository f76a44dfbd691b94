/**
 * The thin client: start the language server for .entitlements and Info.plist documents, stop it on deactivate,
 * and the two commands that act on it (restart, show its output). Everything else happens in the server; the
 * profile commands and agent tools registered here only forward to it.
 */
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerAgentTools } from './agentTools';
import { registerCapabilityCommand } from './capabilityCommand';
import { registerProfileCommands } from './profileCommands';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const outputChannel = window.createOutputChannel('Plist Sentinel', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'entitlements' },
      { scheme: 'file', language: 'info-plist' },
      { scheme: 'file', language: 'privacy-manifest' },
      { scheme: 'untitled', language: 'entitlements' },
      { scheme: 'untitled', language: 'info-plist' },
      { scheme: 'untitled', language: 'privacy-manifest' },
      // Remote Repositories' virtual files: checked on their own, like untitled ones (see capabilities in package.json).
      { scheme: 'vscode-vfs', language: 'entitlements' },
      { scheme: 'vscode-vfs', language: 'info-plist' },
      { scheme: 'vscode-vfs', language: 'privacy-manifest' },
    ],
    synchronize: {
      configurationSection: 'plistSentinel',
      // Project files decide each plist's target; entitlements and Info.plist files pair with each other; profiles
      // decide what an entitlements file may claim.
      fileEvents: workspace.createFileSystemWatcher('**/{*.pbxproj,*.entitlements,*Info.plist,*.mobileprovision,*.provisionprofile}'),
    },
    outputChannel,
  };
  const languageClient = new LanguageClient('plistSentinel', 'Plist Sentinel', serverOptions, clientOptions);
  client = languageClient;
  // Registered before the start, so Show Output still works when the server fails to start.
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('plistSentinel.showOutput', () => outputChannel.show(true)),
    commands.registerCommand('plistSentinel.restartServer', () => languageClient.restart()),
  );
  try {
    await client.start();
  } catch (error) {
    void window.showErrorMessage(`Plist Sentinel could not start its language server: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  context.subscriptions.push(client, ...registerProfileCommands(client), ...registerAgentTools(client), registerCapabilityCommand(client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
