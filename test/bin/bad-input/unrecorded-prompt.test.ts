import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { workspace } from '../../bad-input/harness.js';

// Issue 21, item 4: a prompt with no sidecar at a wave's path was not written by wavec. compile, lint --drift, report
// and pr all treat it as written by hand: refused or failing, located at the prompt, naming the command that fixes it.

const PROMPT = 'prompts/phase-02-wave-4.md';
const SIDECAR = 'prompts/phase-02-wave-4.provenance.json';

async function handWritten(edit = true) {
  const ws = await workspace();
  rmSync(path.join(ws.root, SIDECAR));
  if (edit) await ws.edit(PROMPT, (t) => `${t}\nWritten by hand.\n`);
  return ws;
}

describe('a prompt with no sidecar at a wave path', () => {
  it('compile refuses to replace it without --force, located, and replaces it with --force', async () => {
    const ws = await handWritten();
    const refused = wavecBin(['compile', '4', '--phase', '2'], ws.root);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain(`${PROMPT}:1:1 error output-hand-edited`);
    expect(refused.stderr).toContain('--force');
    expect(wavecBin(['compile', '4', '--phase', '2', '--force'], ws.root).exit).toBe(0);
  });

  it(
    'lint --drift fails it at its first line, for the file and for the whole workspace',
    { timeout: 90_000 },
    async () => {
      const ws = await handWritten();
      for (const args of [
        ['lint', '--drift', PROMPT],
        ['lint', '--drift'],
        ['lint', '--drift'],
        ['lint', '--drift', '--no-cache'],
      ]) {
        const run = wavecBin(args, ws.root);
        expect(run.exit, args.join(' ')).toBe(1);
        expect(run.stdout, args.join(' ')).toContain(
          `${PROMPT}:1:1 error prompt-drift ${PROMPT} is wave 4 of phase 2's prompt but has no sidecar (${SIDECAR})`,
        );
        expect(run.stdout).toContain('run `wavec compile 4 --phase 2 --force`');
      }
      // Without --drift a prompt is linted as a text, as any hand-written one is.
      expect(wavecBin(['lint', PROMPT], ws.root).exit).toBe(0);
    },
  );

  it('one that reads as a fresh compile is still unrecorded; the hint is the compile that records it', async () => {
    const ws = await handWritten(false);
    const run = wavecBin(['lint', '--drift', PROMPT], ws.root);
    expect(run.exit).toBe(1);
    expect(run.stdout).toContain('though it reads as a fresh compile');
    expect(run.stdout).toContain('run `wavec compile 4 --phase 2` to record it');
    expect(wavecBin(['compile', '4', '--phase', '2'], ws.root).exit).toBe(0);
    expect(wavecBin(['lint', '--drift', PROMPT], ws.root).exit).toBe(0);
  });

  it('report ticks no box and pr --write writes nothing', async () => {
    const ws = await handWritten();
    const report = wavecBin(['report', '4', '--phase', '2'], ws.root);
    expect(report.exit).toBe(1);
    expect(report.stdout).not.toContain('- [x]');
    expect(report.stdout).toContain('has no sidecar');
    const before = treeState(ws.root);
    const pr = wavecBin(['pr', '4', '--phase', '2', '--write'], ws.root);
    expect(pr.exit).toBe(1);
    expect(pr.stderr).toContain('has no sidecar');
    expect(treeState(ws.root)).toEqual(before);
  });
});
