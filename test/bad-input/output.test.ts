import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, compileAfter, SPEC, workspace } from './harness.js';
import { isTemporaryName } from '../../src/util/atomic-write.js';

// Cases 13 and 14 of the bad-input issue: what is on disk is never lost. A
// hand-edited prompt is not overwritten without --force; a write that fails
// midway leaves the previous prompt and no temporary file. (The tests run as
// root, where permissions stop nothing, so failures are made with folders
// standing where files must go.)

const PROMPT = 'prompts/phase-02-wave-4.md';
const SIDECAR = 'prompts/phase-02-wave-4.provenance.json';
const retitle = (ws: { edit: (file: string, change: (t: string) => string) => Promise<void> }) =>
  ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho subsystem, retitled'));

describe('a prompt edited by hand (case 13)', () => {
  it('is not overwritten; the message says how to proceed', async () => {
    const outcome = await compileAfter(async (ws) => {
      await ws.edit(PROMPT, (t) => t.replace('## Mission', '## Mission (my notes)'));
      await retitle(ws);
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${PROMPT}:1:1 error output-hand-edited ${PROMPT} was edited by hand (it no longer matches the hash in ` +
        `${SIDECAR}); not overwriting it`,
    ]);
    expect(outcome.stderr).toContain(
      'hint: move the edits into the wave spec or the fragments and compile again, or pass --force to discard them',
    );
    expect(outcome.promptsUntouched).toBe(true);
    expect(await outcome.ws.read(PROMPT)).toContain('## Mission (my notes)');

    const forced = await compile(outcome.ws, ['compile', '4', '--force']);
    expect(forced.exit).toBe(0);
    expect(await outcome.ws.read(PROMPT)).not.toContain('(my notes)');
  });

  it('is not overwritten when its provenance is gone either', async () => {
    const outcome = await compileAfter(async (ws) => {
      await rm(path.join(ws.root, SIDECAR));
      await ws.edit(PROMPT, (t) => `${t}\nA line I added.\n`);
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${PROMPT}:1:1 error output-hand-edited ${PROMPT} was edited by hand (it has no readable ${SIDECAR}, so ` +
        `wavec did not write it); not overwriting it`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });
});

describe('a write that fails midway (case 14)', () => {
  it('puts the previous prompt back and leaves no temporary file when the sidecar cannot be written', async () => {
    const ws = await workspace();
    const before = await ws.read(PROMPT);
    await retitle(ws);
    // The prompt is renamed into place first; the sidecar's rename then fails on the folder in its way.
    await rm(path.join(ws.root, SIDECAR));
    await mkdir(path.join(ws.root, SIDECAR, 'in-the-way'), { recursive: true });
    const outcome = await compile(ws, ['compile', '4', '--force']);
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${PROMPT}:1:1 error output-write-failed could not write ${PROMPT} (EISDIR: illegal operation on a ` +
        `directory); the previous file is unchanged`,
    ]);
    expect(await ws.read(PROMPT)).toBe(before);
    expect((await readdir(path.join(ws.root, 'prompts'))).filter(isTemporaryName)).toEqual([]);
  });

  it('fails cleanly when the output folder is a file', async () => {
    const ws = await workspace();
    await rm(path.join(ws.root, 'prompts'), { recursive: true });
    await writeFile(path.join(ws.root, 'prompts'), 'not a folder\n');
    const outcome = await compile(ws);
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${PROMPT}:1:1 error output-write-failed could not create the output folder prompts (EEXIST: file already ` +
        `exists); nothing was written`,
    ]);
    expect(outcome.stderr).not.toContain('internal error');
    expect(await ws.read('prompts')).toBe('not a folder\n');
  });
});
