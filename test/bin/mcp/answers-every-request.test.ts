import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS_IN_ANSWER } from '../../../src/mcp/result.js';
import { copyWorkspace } from '../../helpers/workspace.js';
import { startSession, textOf, WAVEC_BIN, type Session } from '../../mcp/session.js';

// Issue 21, item 9: the MCP server answers every request, malformed ones included, with an error or with the
// diagnostics; and an answer stays small however many findings a hostile input makes.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function example() {
  const ws = await copyWorkspace();
  cleanups.push(ws.cleanup);
  return ws;
}

interface Answer {
  id: string | number | null;
  error?: { code: number; message: string };
  result?: { isError?: boolean; content?: { text: string }[]; structuredContent?: { diagnostics?: unknown[] } };
}

/** Sends raw lines after the handshake; every answer the server wrote, by id, once stdin closed. */
async function rawSession(root: string, lines: string[]): Promise<{ answers: Answer[]; stderr: string }> {
  const handshake = [
    JSON.stringify({
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    }),
    JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WAVEC_BIN, 'mcp', '--root', root], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () =>
      resolve({
        answers: out
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Answer),
        stderr: err,
      }),
    );
    child.stdin.end(`${[...handshake, ...lines].join('\n')}\n`);
  });
}

describe('wavec mcp answers every request', () => {
  it('a tools/call with params null, an array or a string gets an Invalid params error with its id', async () => {
    const ws = await example();
    const { answers, stderr } = await rawSession(ws.root, [
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":null}',
      '{"jsonrpc":"2.0","id":"two","method":"tools/call","params":[]}',
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":"x"}',
      '{"jsonrpc":"2.0","id":4,"method":"tools/call"}',
      '{"jsonrpc":"2.0","id":5,"method":"ping"}',
    ]);
    for (const id of [1, 'two', 3]) expect(answers.find((a) => a.id === id)?.error?.code, String(id)).toBe(-32602);
    // Without params at all the SDK itself answers (a tools/call needs a name).
    expect(answers.find((a) => a.id === 4)?.error ?? answers.find((a) => a.id === 4)?.result).toBeDefined();
    expect(answers.find((a) => a.id === 5)?.result).toEqual({});
    expect(stderr).toContain('Invalid params: params must be an object (request 1)');
  });

  it('a line that is not JSON is a Parse error, one not JSON-RPC an Invalid request, and serving goes on', async () => {
    const ws = await example();
    const { answers } = await rawSession(ws.root, [
      'not json at all',
      '{"jsonrpc":"1.0","id":7,"method":"ping"}',
      '{"jsonrpc":"2.0","id":8,"method":"ping"}',
    ]);
    expect(answers.find((a) => a.id === null)?.error?.code).toBe(-32700);
    expect(answers.find((a) => a.id === 7)?.error?.code).toBe(-32600);
    expect(answers.find((a) => a.id === 8)?.result).toEqual({});
  });

  it('malformed arguments and an unknown tool are answered as failed calls, never silence', async () => {
    const ws = await example();
    const { answers } = await rawSession(ws.root, [
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}',
      '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lint_prompt","arguments":{"path":5}}}',
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"explain_budget","arguments":"x"}}',
    ]);
    expect(answers.find((a) => a.id === 1)?.result?.isError).toBe(true);
    expect(answers.find((a) => a.id === 2)?.result?.isError).toBe(true);
    const third = answers.find((a) => a.id === 3);
    expect(third?.error ?? third?.result?.isError).toBeTruthy();
  });
});

describe('an MCP answer is bounded', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it(`carries at most ${MAX_DIAGNOSTICS_IN_ANSWER} diagnostics and says how many more there are`, async () => {
    const ws = await example();
    session = await startSession(ws.root);
    const urls = Array.from({ length: 600 }, (_, i) => `- https://git.example/o/r/pulls/${i + 1}`).join('\n');
    const answer = await session.call('check_hand_back', { wave: 4, phase: 2, text: urls });
    expect(answer.isError).toBe(true);
    const content = answer.structuredContent as { diagnostics: unknown[]; diagnostics_omitted?: number };
    expect(content.diagnostics).toHaveLength(MAX_DIAGNOSTICS_IN_ANSWER);
    expect(content.diagnostics_omitted).toBeGreaterThan(390);
    expect(textOf(answer)).toContain(`${content.diagnostics_omitted} left out of this answer`);
    expect(JSON.stringify(answer).length).toBeLessThan(512 * 1024);
  });

  it('an explain_budget with a base that is not a revision answers with the diagnostic', async () => {
    const ws = await example();
    session = await startSession(ws.root);
    const answer = await session.call('explain_budget', { wave: 4, phase: 2, base: 'no-such-revision' });
    expect(answer.isError).toBe(true);
    const content = answer.structuredContent as { diagnostics: { code: string }[] };
    expect(content.diagnostics.map((d) => d.code)).toContain('explain-base');
    expect(textOf(answer)).toContain('error explain-base');
  });
});
