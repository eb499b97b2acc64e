import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../src/mcp/message-limit.js';
import { copyWorkspace } from '../../helpers/workspace.js';
import { WAVEC_BIN } from '../../mcp/session.js';

// Issue 12, item 5: one MCP message over the limit is refused with a
// JSON-RPC error; the server keeps serving and answers what comes after.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const request = (id: number, method: string, params: object) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('wavec mcp and an oversized message', () => {
  it('refuses a 12 MiB message with an error and answers the next request', { timeout: 20_000 }, async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const huge = request(2, 'tools/call', { name: 'lint_prompt', arguments: { text: 'x'.repeat(12 * 1024 * 1024) } });
    const input = [
      request(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '0' },
      }),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      huge,
      request(3, 'tools/list', {}),
    ].join('\n');
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [WAVEC_BIN, 'mcp', '--root', ws.root], {
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (exit) => resolve({ stdout: out, stderr: err, code: exit }));
        child.stdin.end(`${input}\n`);
      },
    );
    expect(code).toBe(0);
    const messages = stdout
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: number | null;
            error?: { code: number; message: string };
            result?: { tools?: unknown[] };
          },
      );
    const message = `message of ${Buffer.byteLength(huge) + 1} bytes refused: the limit is ${MAX_MESSAGE_BYTES} bytes`;
    expect(messages.find((m) => m.id === null)).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message } });
    expect(messages.find((m) => m.id === 3)?.result?.tools?.length).toBeGreaterThan(0);
    expect(stderr).toContain(`wavec mcp: ${message}\n`);
  });
});
