/**
 * Process entry for the one executable: `check ...` runs the CLI, `profile PATH` shows a provisioning profile,
 * `--stdio` / `--node-ipc` / `--socket=` start the language server. Everything below takes its dependencies as
 * arguments.
 */
import { runCheck, USAGE } from './cli/check';
import { runProfile } from './cli/profile';
import { version } from '../../package.json';

const args = process.argv.slice(2);
const isServer = args.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket=') || arg.startsWith('--pipe=') || arg.startsWith('--clientProcessId'));

if (args[0] === 'check') {
  process.exitCode = runCheck(args.slice(1), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTerminal: process.stdout.isTTY,
    env: process.env,
  });
} else if (args[0] === 'profile') {
  process.exitCode = runProfile(args.slice(1), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
} else if (isServer) {
  // Loaded only here: the LSP library is a tenth of the CLI's start-up time, and `check` never uses it.
  void Promise.all([import('vscode-languageserver/node'), import('./startServer.js')]).then(([lsp, server]) => server.startServer(lsp.createConnection(lsp.ProposedFeatures.all)));
} else if (args[0] === '--version' || args[0] === '-v') {
  process.stdout.write(`${version}\n`);
} else if (args[0] === '--help' || args[0] === '-h' || args.length === 0) {
  process.stdout.write(`${USAGE}\n`);
} else {
  process.stderr.write(`plist-sentinel: unknown command '${args[0] ?? ''}'\n\n${USAGE}\n`);
  process.exitCode = 2;
}
