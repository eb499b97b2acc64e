import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { captureIo, copyWorkspace } from '../../helpers/workspace.js';
import { WAVEC_BIN } from '../../mcp/session.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** Feeds raw lines to `wavec mcp`, closes its stdin, and collects what it printed and how it ended. */
function converse(root: string, lines: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WAVEC_BIN, 'mcp', '--root', root], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}

const request = (id: number, method: string, params: object) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('wavec mcp over raw stdio', () => {
  it(
    'prints only JSON-RPC on stdout, answers a line that is not JSON with a Parse error, answers everything asked ' +
      'before end of input, and exits 0',
    async () => {
      const ws = await copyWorkspace();
      cleanups.push(ws.cleanup);
      const { stdout, stderr, code } = await converse(ws.root, [
        request(1, 'initialize', {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        }),
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
        'this is not JSON',
        request(2, 'tools/call', { name: 'compile_wave', arguments: { wave: 4 } }),
        request(3, 'tools/call', { name: 'compile_wave', arguments: { wave: 'four' } }),
      ]);

      expect(code).toBe(0);
      const messages = stdout
        .trimEnd()
        .split('\n')
        .map(
          (line) =>
            JSON.parse(line) as {
              jsonrpc: string;
              id: number | null;
              result: Record<string, unknown>;
              error?: { code: number };
            },
        );
      expect(messages.every((m) => m.jsonrpc === '2.0')).toBe(true);
      expect(messages.map((m) => m.id).sort()).toEqual([1, 2, 3, null]);
      expect(messages.find((m) => m.id === null)!.error!.code).toBe(-32700);
      const byId = new Map(messages.map((m) => [m.id, m.result]));
      expect(byId.get(1)!.serverInfo).toEqual({ name: 'wavec', version: expect.any(String) });
      expect(byId.get(2)!.structuredContent).toMatchObject({
        ok: true,
        status: 'compiled',
        path: 'prompts/phase-02-wave-4.md',
      });
      expect(byId.get(3)!.isError).toBe(true);
      expect(stderr).toBe(
        [`wavec mcp: serving ${ws.root} over stdio`, `wavec mcp: Parse error: the line is not JSON`, ''].join('\n'),
      );
    },
  );

  it('refuses arguments it does not take, with exit code 2', async () => {
    const io = captureIo(process.cwd());
    expect(await run(['mcp', '4'], io)).toBe(2);
    expect(io.err()).toBe('wavec mcp: unexpected argument "4"\nUsage: wavec mcp\n');
    expect(io.out()).toBe('');
  });

  it('refuses to start on a workspace root that is not a folder, with exit code 2', async () => {
    const io = captureIo(process.cwd());
    expect(await run(['mcp', '--root', '/nonexistent/wavec-workspace'], io)).toBe(2);
    expect(io.err()).toBe('wavec mcp: workspace root is not a folder: /nonexistent/wavec-workspace\n');
    expect(io.out()).toBe('');
  });
});
