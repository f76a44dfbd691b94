/**
 * `plist-sentinel mcp [--root DIR]...`: the agent tools (`agents/tools.ts`) as a Model Context Protocol server on
 * stdio. Files may be read only inside the roots: the `--root` folders, else the current folder. Nothing here
 * reaches the network; stdout carries the protocol alone, so messages for people go to stderr.
 */
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { CATALOG } from '../../shared/src/catalogData';
import { version } from '../../package.json';
import { TOOL_DEFINITIONS } from './agents/tools';
import { createToolRunner, type ToolRunner } from './agents/toolRunner';
import { createLanguageService } from './service/languageService';

export const MCP_USAGE = `Usage: plist-sentinel mcp [--root DIR]...
Serves the Model Context Protocol on stdio with the tools check_plist, lookup_key, find_keys_for_feature and add_capability.
check_plist and add_capability read files only inside the roots: each --root DIR, or the current folder when none is given.`;

/** Starts the server; resolves to an exit code only for bad usage (the server itself runs until stdin closes). */
export async function runMcp(args: readonly string[], io: { stderr: (text: string) => void }): Promise<number | undefined> {
  let roots: string[];
  try {
    const { values } = parseArgs({ args: [...args], options: { root: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help === true) {
      io.stderr(`${MCP_USAGE}\n`);
      return 0;
    }
    roots = values.root ?? [process.cwd()];
  } catch (error) {
    io.stderr(`plist-sentinel mcp: ${error instanceof Error ? error.message : String(error)}\n\n${MCP_USAGE}\n`);
    return 2;
  }
  const runner = createToolRunner(createLanguageService(CATALOG), roots);
  if (runner.roots.length < roots.length) io.stderr(`plist-sentinel mcp: some roots do not exist; reading only inside ${runner.roots.join(', ') || 'none'}\n`);
  await createMcpServer(runner).connect(new StdioServerTransport());
  return undefined;
}

/**
 * The low-level `Server` rather than `McpServer`: the tools' input schemas are plain JSON Schema, shared with VS
 * Code's `languageModelTools` contribution, where `McpServer` would have them written again as zod schemas.
 */
export function createMcpServer(runner: ToolRunner): Server {
  const server = new Server({ name: 'plist-sentinel', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const tools: Tool[] = TOOL_DEFINITIONS.map(({ inputSchema: { required, ...schema }, ...tool }) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: { ...schema, properties: { ...schema.properties }, ...(required === undefined ? {} : { required: [...required] }) },
    annotations: { title: tool.title, readOnlyHint: true, openWorldHint: false },
  }));
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, (request): CallToolResult => {
    const outcome = runner.call(request.params.name, request.params.arguments ?? {});
    if (outcome.isError) return { isError: true, content: [{ type: 'text', text: outcome.message }] };
    return { content: [{ type: 'text', text: JSON.stringify(outcome.value, null, 2) }], structuredContent: outcome.value as Record<string, unknown> };
  });
  return server;
}

const INSTRUCTIONS =
  'Apple .entitlements and Info.plist keys are easy to invent. Before writing a key, call find_keys_for_feature (for a feature) or lookup_key (for a key); ' +
  'to add a capability (push, app groups, iCloud, HealthKit, background modes), call add_capability and apply its edits; ' +
  'after editing such a file, call check_plist and apply the fixes it returns.';
