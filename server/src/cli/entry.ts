/**
 * Process entry of the lean CLI bundle (dist/cli.js), which the executable loads for `check` and `profile`: it holds
 * the language service and the CLI only, so a CI run neither compiles nor initialises the LSP library, the MCP SDK
 * and its schemas, which were a third of its start-up. Every other command goes to dist/server.js (main.ts).
 */
import { runCheck } from './check';
import { runProfile } from './profile';

const [command, ...rest] = process.argv.slice(2);
const stdout = (text: string): void => void process.stdout.write(text);
const stderr = (text: string): void => void process.stderr.write(text);

if (command === 'profile') {
  process.exitCode = runProfile(rest, { stdout, stderr });
} else {
  process.exitCode = runCheck(rest, { stdout, stderr, isTerminal: process.stdout.isTTY, env: process.env });
}
