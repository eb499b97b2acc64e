import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScaleWorkspace } from '../../bench/scale-workspace.mjs';
import { compileWaveTool } from '../../src/mcp/tools/compile-wave.js';
import { EXAMPLE } from '../helpers/workspace.js';

interface ManyAnswer {
  ok: boolean;
  status: string;
  summary: Record<string, number>;
  waves: { phase: number; wave: number; path: string; status: string }[];
}

describe('MCP compile_wave with all / changed', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'wavec-mcp-many-'));
    await writeScaleWorkspace(root, 6, { phases: 2, from: EXAMPLE });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('compiles every wave in chain order; writes only with write: true', async () => {
    const dry = (await compileWaveTool(root, { all: true, write: false, force: false }))
      .structuredContent as unknown as ManyAnswer;
    expect(dry.status).toBe('many');
    expect(dry.waves.map((w) => `${w.phase}:${w.wave}:${w.status}`)).toEqual(
      ['1:1', '1:2', '1:3', '2:1', '2:2', '2:3'].map((at) => `${at}:compiled`),
    );
    await expect(readdir(path.join(root, 'prompts'))).rejects.toThrow();
    const wet = (await compileWaveTool(root, { all: true, write: true, force: false }))
      .structuredContent as unknown as ManyAnswer;
    expect(wet.ok).toBe(true);
    expect(wet.summary).toEqual({ written: 6, unchanged: 0, stale: 0, failing: 0, compiled: 0 });
    expect(await readFile(path.join(root, 'prompts/phase-02-wave-3.md'), 'utf8')).toContain('# ');
  });

  it('changed: only the waves after an edit', async () => {
    const spec = path.join(root, 'waves/phase-02/wave-2.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('A generated wave', 'An edited wave'));
    const answer = (await compileWaveTool(root, { changed: true, write: true, force: false }))
      .structuredContent as unknown as ManyAnswer;
    expect(answer.waves.map((w) => `${w.phase}:${w.wave}:${w.status}`)).toEqual(['2:2:written', '2:3:written']);
  });

  it('wants a wave or all or changed, not both', async () => {
    const answer = await compileWaveTool(root, { wave: 2, all: true, write: false, force: false });
    expect(answer.structuredContent).toMatchObject({ ok: false, status: 'failed' });
    const none = await compileWaveTool(root, { write: false, force: false });
    expect(none.structuredContent).toMatchObject({ ok: false, status: 'failed' });
  });
});
