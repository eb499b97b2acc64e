import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { REPO_ROOT } from '../helpers/workspace.js';

/** The built CLI: tests run `wavec mcp` exactly as a client would start it. */
export const WAVEC_BIN = path.join(REPO_ROOT, 'bin/wavec.js');

export interface Session {
  client: Client;
  /** Calls a tool and returns its answer as a tool result. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** What the server printed to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts `node bin/wavec.js mcp --root <root>` as a child process and connects an SDK client over stdio. */
export async function startSession(root: string): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [WAVEC_BIN, 'mcp', '--root', root],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'wavec-test', version: '0.0.0' });
  await client.connect(transport);
  return {
    client,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    stderr: () => stderr,
    close: () => client.close(),
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}
