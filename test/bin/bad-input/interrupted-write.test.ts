import { existsSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { SPEC, workspace } from '../../bad-input/harness.js';

// Issue 21, item 8: a prompt and its sidecar are put in place by two renames. A run stopped between them leaves the
// new prompt beside the old sidecar and the new sidecar under its temporary name; the next compile recognises that
// state and repairs it, and removes the leftovers of its own naming whose writer is gone.

const PROMPT = 'prompts/phase-02-wave-4.md';
const SIDECAR = 'prompts/phase-02-wave-4.provenance.json';
/** Above any process id a system hands out (at most 2^22): a writer that is gone. */
const GONE_PID = 99_999_999;
const temporaryOf = (file: string, pid: number, tag = 'deadbeef') =>
  path.join(path.dirname(file), `.${path.basename(file)}.${pid}-${tag}.wavec-tmp`);

/** The example after a compile of an edited spec stopped between its two renames. */
async function crashedBetweenRenames() {
  const ws = await workspace();
  const oldSidecar = await ws.read(SIDECAR);
  await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho subsystem, renamed'));
  expect(wavecBin(['compile', '4', '--phase', '2'], ws.root).exit).toBe(0);
  const newSidecar = await ws.read(SIDECAR);
  expect(newSidecar).not.toBe(oldSidecar);
  const leftover = temporaryOf(SIDECAR, GONE_PID);
  await ws.write(leftover, newSidecar);
  await ws.write(SIDECAR, oldSidecar);
  return { ws, leftover, newSidecar };
}

describe('a crash between the prompt rename and the sidecar rename', () => {
  it('is repaired by the next compile of other inputs, not called a hand edit', async () => {
    const { ws, leftover } = await crashedBetweenRenames();
    await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem, renamed', 'title: Honcho subsystem, again'));
    const run = wavecBin(['compile', '4', '--phase', '2'], ws.root);
    expect(run.stderr).not.toContain('output-hand-edited');
    expect(run.exit).toBe(0);
    expect(await ws.read(PROMPT)).toContain('Honcho subsystem, again');
    expect(existsSync(path.join(ws.root, leftover))).toBe(false);
    expect(wavecBin(['lint', PROMPT, '--drift'], ws.root).exit).toBe(0);
  });

  it('is repaired by the next compile of the same inputs: the sidecar is the one the crash left behind', async () => {
    const { ws, leftover, newSidecar } = await crashedBetweenRenames();
    const run = wavecBin(['compile', '4', '--phase', '2'], ws.root);
    expect(run.exit).toBe(0);
    expect(await ws.read(SIDECAR)).toBe(newSidecar);
    expect(existsSync(path.join(ws.root, leftover))).toBe(false);
  });

  it('without the leftover sidecar the same state is a hand edit, refused', async () => {
    const { ws, leftover } = await crashedBetweenRenames();
    rmSync(path.join(ws.root, leftover));
    await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem, renamed', 'title: Honcho subsystem, again'));
    const run = wavecBin(['compile', '4', '--phase', '2'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(`${PROMPT}:1:1 error output-hand-edited`);
  });

  it('a leftover sidecar that records another prompt does not excuse a hand edit', async () => {
    const { ws } = await crashedBetweenRenames();
    await ws.edit(PROMPT, (t) => `${t}\nEdited by hand.\n`);
    await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem, renamed', 'title: Honcho subsystem, again'));
    const run = wavecBin(['compile', '4', '--phase', '2'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('output-hand-edited');
  });
});

describe('temporary files of wavec naming in the output folder', () => {
  it("are removed when their writer is gone or they are old; a live run's fresh one stays", async () => {
    const ws = await workspace();
    const gone = temporaryOf(PROMPT, GONE_PID, '00000001');
    const liveFresh = temporaryOf(PROMPT, process.pid, '00000002');
    const liveOld = temporaryOf(PROMPT, process.pid, '00000003');
    const notOurs = 'prompts/.phase-02-wave-4.md.swp';
    for (const file of [gone, liveFresh, liveOld, notOurs]) await ws.write(file, 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(ws.root, liveOld), twoHoursAgo, twoHoursAgo);
    await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho subsystem, renamed'));
    expect(wavecBin(['compile', '4', '--phase', '2'], ws.root).exit).toBe(0);
    const present = (file: string) => existsSync(path.join(ws.root, file));
    expect([gone, liveFresh, liveOld, notOurs].map(present)).toEqual([false, true, false, true]);
  });
});
