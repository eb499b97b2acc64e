import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Provenance } from '../../src/schema/provenance.js';
import { writePrompt } from '../../src/emit/write.js';
import { sha256 } from '../../src/util/hash.js';

const PROMPT = 'prompts/phase-01-wave-2.md';
const SIDECAR = 'prompts/phase-01-wave-2.provenance.json';

function provenanceOf(text: string): Provenance {
  return {
    generator: 'wavec',
    version: '0.0.0-test',
    phase: 1,
    wave: 2,
    prompt: { path: PROMPT, hash: sha256(text) },
    spec: { path: 'waves/phase-01/wave-2.yaml', hash: 'sha256:spec' },
    predecessor: null,
    chain: 'sha256:chain',
    config: null,
    charter: { path: 'charter/PLATFORM_CHARTER.md', hash: 'sha256:charter' },
    fragments: [],
    encoding: 'o200k_base',
  };
}

const write = (text: string, force = false) => writePrompt(root, { path: PROMPT, text }, provenanceOf(text), { force });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wavec-write-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = (file: string) => readFile(path.join(root, file), 'utf8');

describe('writePrompt', () => {
  it('writes the prompt and its provenance sidecar, creating the folder', async () => {
    expect(await write('# Prompt\n')).toEqual({ ok: true, status: 'written', promptChanged: true });
    expect(await read(PROMPT)).toBe('# Prompt\n');
    expect(JSON.parse(await read(SIDECAR))).toEqual(provenanceOf('# Prompt\n'));
    expect(await readdir(path.join(root, 'prompts'))).toEqual([
      'phase-01-wave-2.md',
      'phase-01-wave-2.provenance.json',
    ]);
  });

  it('reports an identical second write as unchanged, and a new prompt as written', async () => {
    await write('one\n');
    expect(await write('one\n')).toEqual({ ok: true, status: 'unchanged', promptChanged: false });
    expect(await write('two\n')).toEqual({ ok: true, status: 'written', promptChanged: true });
    expect(await read(PROMPT)).toBe('two\n');
  });

  it('says when only the sidecar changed: the same prompt from a changed chain', async () => {
    await write('same\n');
    const rechained = { ...provenanceOf('same\n'), chain: 'sha256:another-chain' };
    expect(await writePrompt(root, { path: PROMPT, text: 'same\n' }, rechained)).toEqual({
      ok: true,
      status: 'written',
      promptChanged: false,
    });
    expect(JSON.parse(await read(SIDECAR))).toEqual(rechained);
  });

  it('refuses to overwrite a hand-edited prompt unless forced', async () => {
    await write('generated\n');
    await writeFile(path.join(root, PROMPT), 'generated\nplus a hand edit\n');
    expect(await write('regenerated\n')).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'output-hand-edited',
          severity: 'error',
          message: `${PROMPT} was edited by hand (it no longer matches the hash in ${SIDECAR}); not overwriting it`,
          file: PROMPT,
          line: 1,
          column: 1,
          hint: 'move the edits into the wave spec or the fragments and compile again, or pass --force to discard them',
        },
      ],
    });
    expect(await read(PROMPT)).toBe('generated\nplus a hand edit\n');
    expect(await write('regenerated\n', true)).toEqual({ ok: true, status: 'written', promptChanged: true });
    expect(await read(PROMPT)).toBe('regenerated\n');
  });

  it('refuses to overwrite a prompt that has no sidecar', async () => {
    await mkdir(path.join(root, 'prompts'));
    await writeFile(path.join(root, PROMPT), 'someone else wrote this\n');
    const result = await write('generated\n');
    expect(!result.ok && result.diagnostics[0]!.message).toBe(
      `${PROMPT} was edited by hand (it has no readable ${SIDECAR}, so wavec did not write it); not overwriting it`,
    );
  });

  it('refuses a path outside the workspace', async () => {
    const result = await writePrompt(root, { path: '../escape.md', text: 'x\n' }, provenanceOf('x\n'));
    expect(!result.ok && result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['output-outside-workspace', 'output path ../escape.md is outside the workspace'],
    ]);
  });

  // Tests run as root, where chmod cannot make a folder unwritable: a folder
  // sitting where the sidecar goes makes its rename fail for anyone.
  it('keeps the previous prompt and leaves no temporary files when a write fails', async () => {
    await write('old\n');
    await rm(path.join(root, SIDECAR));
    await mkdir(path.join(root, SIDECAR));
    const result = await write('new\n', true);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toEqual(['output-write-failed']);
    expect(!result.ok && result.diagnostics[0]!.message).toMatch(
      new RegExp(`^could not write ${PROMPT} \\(EISDIR: .*\\); the previous file is unchanged$`),
    );
    expect(!result.ok && result.diagnostics[0]!.message).not.toContain('EISDIR: EISDIR');
    expect(await read(PROMPT)).toBe('old\n');
    expect((await readdir(path.join(root, 'prompts'))).sort()).toEqual([
      'phase-01-wave-2.md',
      'phase-01-wave-2.provenance.json',
    ]);
  });

  it('removes a new prompt again when its sidecar cannot be written', async () => {
    await mkdir(path.join(root, SIDECAR), { recursive: true });
    const result = await write('new\n');
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toEqual(['output-write-failed']);
    expect(await readdir(path.join(root, 'prompts'))).toEqual(['phase-01-wave-2.provenance.json']);
  });

  it('fails cleanly when the prompt path is a folder', async () => {
    await mkdir(path.join(root, PROMPT), { recursive: true });
    const result = await write('new\n');
    expect(!result.ok && result.diagnostics[0]!.message).toMatch(
      /^could not write .*; the previous file is unchanged$/,
    );
    expect(await readdir(path.join(root, 'prompts'))).toEqual(['phase-01-wave-2.md']);
  });
});
