import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { REPO_ROOT, useScratchWorkspaces } from '../../helpers/workspace.js';

/**
 * Every reply the README shows (a ```markdown reply fence) passes or fails as
 * the README says: the fence after it is the command and what it prints,
 * checked through the bin against the example's wave 4.
 */
const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const FENCE = /^```([^\n]*)\n([^]*?)^```$/gm;
const fences = [...README.matchAll(FENCE)].map((m) => ({ info: m[1]!.trim(), body: m[2]!, line: lineOf(m.index) }));
const shown = fences.flatMap((fence, i) =>
  fence.info === 'markdown reply' ? [{ reply: fence.body, output: fences[i + 1], line: fence.line }] : [],
);

function lineOf(offset: number): number {
  return README.slice(0, offset).split('\n').length;
}

const scratch = useScratchWorkspaces();

describe('the replies the README shows', () => {
  it('are there: one that meets the contract and one that does not', () => {
    expect(shown.length).toBeGreaterThanOrEqual(2);
  });

  it.each(shown.map((s) => [s.line, s] as const))(
    'README.md:%i checks as the README says',
    async (_, { reply, output }) => {
      expect(output?.info).toBe('text');
      const [command, ...printed] = output!.body.split('\n');
      expect(command).toBe('$ wavec handback 4 reply.md');
      const ws = await scratch();
      await ws.write('reply.md', reply);
      const run = wavecBin(['handback', '4', 'reply.md'], ws.root);
      const expected = printed.join('\n');
      expect(run.stdout).toBe(expected);
      expect(run.exit).toBe(expected.includes(': meets the hand-back contract') ? 0 : 1);
    },
  );
});
