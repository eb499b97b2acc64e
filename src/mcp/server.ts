import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { VERSION } from '../version.js';
import { MalformedRequests } from './malformed-requests.js';
import { MAX_MESSAGE_BYTES, MessageLimit } from './message-limit.js';
import { toolContext, type ToolContext } from './tool-context.js';
import { registerCheckHandBack } from './tools/check-hand-back.js';
import { registerCompileWave } from './tools/compile-wave.js';
import { registerExplainBudget } from './tools/explain-budget.js';
import { registerLintPrompt } from './tools/lint-prompt.js';
import { registerListFragments } from './tools/list-fragments.js';
import { registerNewWave } from './tools/new-wave.js';
import { registerPr } from './tools/pr.js';
import { registerStatus } from './tools/status.js';

export interface McpServerOptions {
  /** Absolute workspace root the tools work in. */
  root: string;
  /** Where messages for people go: never stdout, which is the transport. */
  log: (text: string) => void;
  debug?: boolean;
}

const INSTRUCTIONS =
  'wavec compiles wave specs (waves/phase-NN/wave-N.yaml) and a fragment library (templates/) ' +
  'into checked master prompts (prompts/). ' +
  'Every tool answers with ok and diagnostics (file, line, column, code, message, hint); ' +
  'isError is true exactly when ok is false.';

/** wavec's tools on an MCP server, not yet connected to a transport. */
export function createMcpServer(
  options: McpServerOptions,
  context: ToolContext = toolContext(options.root, options.log, options.debug ?? false),
): McpServer {
  const server = new McpServer({ name: 'wavec', version: VERSION }, { instructions: INSTRUCTIONS });
  registerCheckHandBack(server, context);
  registerCompileWave(server, context);
  registerExplainBudget(server, context);
  registerLintPrompt(server, context);
  registerListFragments(server, context);
  registerNewWave(server, context);
  registerPr(server, context);
  registerStatus(server, context);
  return server;
}

/**
 * Serves over stdio until the client closes stdin, then answers what is
 * still running and resolves, so the process ends with the conversation.
 */
export async function serveStdio(
  options: McpServerOptions,
  streams: { stdin: Readable; stdout: Writable },
): Promise<void> {
  const context = toolContext(options.root, options.log, options.debug ?? false);
  const server = createMcpServer(options, context);
  // A line that is not JSON-RPC is reported and skipped; the server keeps serving.
  server.server.onerror = (error) => options.log(`wavec mcp: ${error.message}\n`);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  // An oversized message is refused on its own, with a JSON-RPC error (its id is unknown: it was never read), and
  // serving goes on.
  const answerError = (id: string | number | null, code: number, message: string) =>
    streams.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  const input = streams.stdin
    .pipe(
      new MessageLimit(MAX_MESSAGE_BYTES, (bytes) => {
        const message = `message of ${bytes} bytes refused: the limit is ${MAX_MESSAGE_BYTES} bytes`;
        options.log(`wavec mcp: ${message}\n`);
        answerError(null, -32600, message);
      }),
    )
    .pipe(
      new MalformedRequests((refusal) => {
        options.log(`wavec mcp: ${refusal.message}${refusal.id === null ? '' : ` (request ${refusal.id})`}\n`);
        // A notification is never answered, a malformed one included.
        if (refusal.code !== undefined) answerError(refusal.id, refusal.code, refusal.message);
      }),
    );
  // The SDK's transport does not watch for end of input.
  input.once('end', () => {
    void context.drained().then(() => server.close());
  });
  await server.connect(new StdioServerTransport(input, streams.stdout));
  options.log(`wavec mcp: serving ${options.root} over stdio\n`);
  await closed;
}
