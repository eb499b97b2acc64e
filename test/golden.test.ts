import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAllPhases } from '../src/check/phase.js';
import { compileWave } from '../src/compile.js';
import { outputPath } from '../src/load/output-path.js';
import { lintPrompt } from '../src/lint.js';
import { loadConfig } from '../src/load/config.js';
import { loadWorkspace } from '../src/load/workspace.js';
import { serializeProvenance } from '../src/schema/provenance.js';
import { exampleWaves } from './helpers/example.js';
import { REPO_ROOT } from './helpers/workspace.js';

/**
 * The committed prompts are the golden files: a fresh compile of every wave
 * of the live example workspace (discovered, so a wave the operator adds is
 * checked too) must reproduce them byte for byte, sidecars included, and
 * lint clean.
 */
describe.each(exampleWaves().map((w) => ({ ...w, name: `phase ${w.phase} wave ${w.wave}` })))(
  '$name',
  ({ phase, wave }) => {
    it('compiles byte-identical to the committed prompt and provenance', async () => {
      const result = await compileWave(REPO_ROOT, { wave, phase });
      expect(result.diagnostics).toEqual([]);
      expect(result.ok).toBe(true);
      const committed = await readFile(path.join(REPO_ROOT, result.prompt!.path), 'utf8');
      expect(result.prompt!.text).toBe(committed);
      const sidecar = await readFile(
        path.join(REPO_ROOT, result.prompt!.path.replace(/\.md$/, '.provenance.json')),
        'utf8',
      );
      expect(serializeProvenance(result.provenance!)).toBe(sidecar);
    });

    it('is deterministic: two compiles in one process are identical', async () => {
      const [a, b] = await Promise.all([
        compileWave(REPO_ROOT, { wave, phase }),
        compileWave(REPO_ROOT, { wave, phase }),
      ]);
      expect(a.prompt!.text).toBe(b.prompt!.text);
      expect(a.provenance).toEqual(b.provenance);
    });

    it('lints clean, drift included', async () => {
      const result = await lintPrompt(
        REPO_ROOT,
        { path: outputPath(await loadConfigOrThrow(), { phase, wave }) },
        { drift: true },
      );
      expect(result.diagnostics).toEqual([]);
      expect(result.compiled).toBe(true);
    });
  },
);

it('the example workspace passes the phase-wide checks', async () => {
  const loaded = await loadWorkspace(REPO_ROOT);
  if (!loaded.ok) throw new Error('the example workspace does not load');
  expect(await checkAllPhases(loaded.workspace)).toEqual([]);
});

async function loadConfigOrThrow() {
  const loaded = await loadConfig(REPO_ROOT);
  if (!loaded.ok) throw new Error('the example config does not load');
  return loaded.config;
}

describe('wave 4 output shape', () => {
  it('uses LF endings, one final newline, no trailing whitespace', async () => {
    const { prompt } = await compileWave(REPO_ROOT, { wave: 4 });
    expect(prompt!.text).not.toMatch(/\r/);
    expect(prompt!.text.endsWith('\n')).toBe(true);
    expect(prompt!.text.endsWith('\n\n')).toBe(false);
    expect(prompt!.text).not.toMatch(/[ \t]+$/m);
  });

  it('lands near the seed size (~275 lines, ~3.9k tokens)', async () => {
    const { stats } = await compileWave(REPO_ROOT, { wave: 4 });
    expect(stats!.encoding).toBe('o200k_base');
    expect(stats!.lines).toBeGreaterThanOrEqual(220);
    expect(stats!.lines).toBeLessThanOrEqual(320);
    expect(stats!.tokens).toBeGreaterThanOrEqual(3500);
    expect(stats!.tokens).toBeLessThanOrEqual(4500);
  });

  it('attributes every line to the fragment that produced it', async () => {
    const { prompt, stats, facts } = await compileWave(REPO_ROOT, { wave: 4 });
    const lines = prompt!.text.split('\n');
    const ownerOf = (needle: string) => facts!.lineOwners[lines.findIndex((line) => line.includes(needle))];
    expect(facts!.lineOwners).toHaveLength(stats!.lines);
    expect(stats!.fragments.reduce((sum, f) => sum + f.lines, 0)).toBe(stats!.lines);
    expect(ownerOf('# Phase 02 · Wave 4')).toBe('master-prompt');
    expect(ownerOf('## Hard constraints')).toBe('hard-constraints');
    expect(ownerOf('**DO NOT skip the pgvector verification**')).toBe('pgvector-verification');
    expect(ownerOf('**DO NOT modify Honcho data, ever.**')).toBe('hard-constraints');
    expect(ownerOf('**Manifest (stateful postgres with pgvector).**')).toBe('stateful-postgres-pgvector');
    expect(stats!.fragments.find((f) => f.id === 'stateful-postgres-pgvector')?.file).toBe(
      'example-templates/patterns/stateful-postgres-pgvector.md',
    );
  });
});
