import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { captureIo, REPO_ROOT } from '../../helpers/workspace.js';
import { startSession, textOf, type Session } from '../../mcp/session.js';

// Read-only calls: the server works on the example workspace itself.
let session: Session;
beforeAll(async () => {
  session = await startSession(REPO_ROOT);
});
afterAll(() => session?.close());

const reply = (name: string) => readFile(path.join(REPO_ROOT, 'test/handback/replies', name), 'utf8');

/** `wavec handback 4 <file> --format json`, in process. */
async function cliJson(file: string): Promise<{ diagnostics: unknown[]; contract: unknown }> {
  const io = captureIo(REPO_ROOT);
  await run(['handback', '4', file, '--phase', '2', '--format', 'json'], io);
  return JSON.parse(io.out());
}

describe('check_hand_back through the MCP SDK client', () => {
  it('accepts a reply that meets the contract', async () => {
    const result = await session.call('check_hand_back', { wave: 4, phase: 2, text: await reply('wave-4-good.md') });
    expect(result.isError).toBe(false);
    expect(result.structuredContent).toMatchObject({
      ok: true,
      path: 'reply.md',
      diagnostics: [],
      contract: { wave: 4, phase: 2, subsystem: 'Honcho' },
    });
    expect(textOf(result)).toBe('reply.md: meets the hand-back contract of wave 4 (phase 2)');
  });

  it.each(['wave-4-duplicate-url.md', 'wave-4-unlabelled.md'])(
    'gives the findings `wavec handback` gives for %s',
    async (name) => {
      const file = `test/handback/replies/${name}`;
      const result = await session.call('check_hand_back', { wave: 4, phase: 2, path: file });
      expect(result.isError).toBe(true);
      const answer = result.structuredContent as { ok: boolean; diagnostics: unknown[]; contract: unknown };
      const cli = await cliJson(file);
      expect(answer.ok).toBe(false);
      expect(answer.diagnostics).toEqual(cli.diagnostics);
      expect(answer.contract).toEqual(cli.contract);
      expect(textOf(result).split('\n')[0]).toMatch(
        new RegExp(
          `^${file.replace(/\./g, '\\.')}: does not meet the hand-back contract of wave 4 \\(phase 2\\): \\d ` +
            'errors, 0 warnings$',
        ),
      );
    },
  );

  it(
    'refuses a reply path outside the workspace, and answers a wave that ' + 'does not exist with its diagnostics',
    async () => {
      const outside = await session.call('check_hand_back', { wave: 4, phase: 2, path: '../reply.md' });
      expect(outside.isError).toBe(true);
      expect((outside.structuredContent as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toEqual(
        ['path-outside-workspace'],
      );
      const missing = await session.call('check_hand_back', { wave: 9, text: 'anything' });
      expect(missing.isError).toBe(true);
      expect(textOf(missing).split('\n')[0]).toBe('wave 9 did not compile');
      expect((missing.structuredContent as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toEqual(
        ['spec-not-found'],
      );
    },
  );
});
