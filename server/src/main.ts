/**
 * Process entry for the one executable: `check ...` runs the CLI, `profile PATH` shows a provisioning profile, `mcp`
 * serves the agent tools over the Model Context Protocol,
 * `--stdio` / `--node-ipc` / `--socket=` start the language server. Everything below takes its dependencies as
 * arguments.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { format } from 'node:util';
import { runAddCapability } from './cli/addCapability';
import { runCheck, USAGE } from './cli/check';
import { runProfile } from './cli/profile';
import { runMcp } from './mcp';
import { createFramingGuard } from './messageFraming';
import { startServer } from './startServer';
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
} else if (args[0] === 'add-capability') {
  process.exitCode = runAddCapability(args.slice(1), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
} else if (args[0] === 'profile') {
  process.exitCode = runProfile(args.slice(1), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
} else if (args[0] === 'mcp') {
  runMcp(args.slice(1), { stderr: (text) => process.stderr.write(text) }).then(
    (exitCode) => {
      if (exitCode !== undefined) process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.stderr.write(`plist-sentinel mcp: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (args.includes('--stdio')) {
  startServer(createStdioConnection());
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

/**
 * The stdio connection with the framing guard in front of stdin, so one malformed header block costs one message
 * rather than every message after it. Passing streams skips the library's own console redirection, so it is done
 * here: anything written to stdout that is not a message would corrupt the stream.
 */
function createStdioConnection(): Connection {
  const guard = createFramingGuard((message) => process.stderr.write(`plist-sentinel: ${message}\n`));
  process.stdin.pipe(guard);
  const connection = createConnection(ProposedFeatures.all, guard, process.stdout);
  const toLog = (...values: unknown[]): void => connection.console.log(format(...values));
  console.log = toLog;
  console.info = toLog;
  console.warn = (...values: unknown[]) => connection.console.warn(format(...values));
  console.error = (...values: unknown[]) => connection.console.error(format(...values));
  return connection;
}
