import { describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { lineOf, SPEC, workspace } from '../../bad-input/harness.js';

// Issue 21, item 4: a prompt is the compile of its own wave, or the gate fails. The sidecar names the wave and the
// inputs; lint, report and pr check the prompt at a wave's path against that wave's current compile.

const W3 = 'prompts/phase-02-wave-3';
const W4 = 'prompts/phase-02-wave-4';
const located = (stderr: string) => stderr.split('\n').filter((line) => /^\S+:\d+:\d+ error /.test(line));

/** The example with wave 3's prompt and sidecar copied over wave 4's. */
async function swapped() {
  const ws = await workspace();
  await ws.write(`${W4}.md`, await ws.read(`${W3}.md`));
  const sidecar = await ws.read(`${W3}.provenance.json`);
  await ws.write(`${W4}.provenance.json`, sidecar);
  return { ws, sidecar };
}

describe("a prompt at a wave's path is that wave's compile", () => {
  it('lint fails a prompt whose sidecar names another wave, at the sidecar, naming the fix', async () => {
    const { ws, sidecar } = await swapped();
    for (const args of [['lint'], ['lint', '--drift'], ['lint', `${W4}.md`]]) {
      const run = wavecBin(args, ws.root);
      expect(run.exit, args.join(' ')).toBe(2);
      const printed = run.stdout + run.stderr;
      expect(located(printed), args.join(' ')).toEqual([
        `${W4}.provenance.json:${lineOf(sidecar, '"wave"')}:3 error prompt-wave-mismatch ${W4}.md is wave 4 of ` +
          `phase 2's prompt, but its sidecar says it is the compile of wave 3 of phase 2 (${W3}.md)`,
      ]);
      expect(printed).toContain('run `wavec compile 4 --phase 2`');
    }
  });

  it('report ticks no box and pr --write writes nothing for a swapped prompt', async () => {
    const { ws } = await swapped();
    const report = wavecBin(['report', '4', '--phase', '2'], ws.root);
    expect(report.exit).toBe(2);
    expect(report.stdout).not.toContain('- [x]');
    expect(located(report.stderr)[0]).toContain('error prompt-wave-mismatch');
    const before = treeState(ws.root);
    const pr = wavecBin(['pr', '4', '--phase', '2', '--write'], ws.root);
    expect(pr.exit).toBe(2);
    expect(located(pr.stderr)[0]).toContain('error prompt-wave-mismatch');
    expect(treeState(ws.root)).toEqual(before);
  });

  it('a spec edit without a recompile: report ticks no box, pr --write refuses and writes nothing', async () => {
    const ws = await workspace();
    await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho subsystem, renamed'));
    const report = wavecBin(['report', '4', '--phase', '2'], ws.root);
    expect(report.exit).toBe(1);
    expect(report.stdout).not.toContain('- [x]');
    expect(report.stdout).toContain('is stale');
    const before = treeState(ws.root);
    const pr = wavecBin(['pr', '4', '--phase', '2', '--write'], ws.root);
    expect(pr.exit).toBe(1);
    expect(pr.stderr).toContain('is stale');
    expect(treeState(ws.root)).toEqual(before);
    // The fix the message names works: after it, the gate passes.
    expect(wavecBin(['compile', '4', '--phase', '2'], ws.root).exit).toBe(0);
    expect(wavecBin(['report', '4', '--phase', '2'], ws.root).exit).toBe(0);
  });

  it('a current prompt passes every gate', async () => {
    const ws = await workspace();
    expect(wavecBin(['lint', '--drift'], ws.root).exit).toBe(0);
    expect(wavecBin(['report', '4', '--phase', '2'], ws.root).exit).toBe(0);
  });
});
