/**
 * The agent tools in VS Code's language-model tool API, so agent mode can call them without setup. Each call is
 * forwarded to the language server (`plistSentinel/callAgentTool`), which answers as the MCP server does.
 */
import { lm, LanguageModelTextPart, LanguageModelToolResult, type CancellationToken, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AGENT_TOOL_NAMES, CALL_AGENT_TOOL_METHOD, VSCODE_TOOL_PREFIX, type CallAgentToolParams, type CallAgentToolResult } from '../../shared/src/protocol';

/** Registers every tool package.json contributes; none on a VS Code without the tool API. */
export function registerAgentTools(client: LanguageClient): Disposable[] {
  // Hosts that implement the engine version but not the API (some forks) would throw on activation.
  if (typeof lm?.registerTool !== 'function') return [];
  return AGENT_TOOL_NAMES.map((name) =>
    lm.registerTool<unknown>(`${VSCODE_TOOL_PREFIX}${name}`, {
      async invoke(options, token: CancellationToken) {
        const params: CallAgentToolParams = { name, input: options.input };
        const result = await client.sendRequest<CallAgentToolResult>(CALL_AGENT_TOOL_METHOD, params, token);
        return new LanguageModelToolResult([new LanguageModelTextPart(result.isError ? `Error: ${result.text}` : result.text)]);
      },
    }),
  );
}
