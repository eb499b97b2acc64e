import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeScaleWorkspace } from '../../../bench/scale-workspace.mjs';
import { wavecBin } from '../../helpers/bin.js';
import { EXAMPLE } from '../../helpers/workspace.js';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A programme of 6 waves: phase 1 waves 1–3, phase 2 waves 1–3 continuing phase 1's chain. */
async function programme(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'wavec-compile-all-'));
  made.push(root);
  await writeScaleWorkspace(root, 6, { phases: 2, from: EXAMPLE });
  return root;
}

const written = (stdout: string) => stdout.split('\n').filter((line) => line.endsWith(' written'));

describe('wavec compile --all', () => {
  it('compiles every wave of every phase in chain order, each as `wavec compile N` would', async () => {
    const root = await programme();
    const all = wavecBin(['compile', '--all'], root);
    expect(all.stderr).toBe('');
    expect(all.exit).toBe(0);
    expect(written(all.stdout)).toEqual([
      ...[1, 2, 3].map((w) => `prompts/phase-01-wave-${w}.md written`),
      ...[1, 2, 3].map((w) => `prompts/phase-02-wave-${w}.md written`),
    ]);
    expect(all.stdout).toMatch(/^6 waves: 6 written, 0 unchanged, 0 stale, 0 failing$/m);
    // One wave compiled alone finds the same bytes (prompt and sidecar) in place.
    const one = wavecBin(['compile', '3', '--phase', '2', '--no-cache'], root);
    expect(one.exit).toBe(0);
    expect(one.stdout).toContain('prompts/phase-02-wave-3.md unchanged');
    const again = wavecBin(['compile', '--all'], root);
    expect(again.stdout).toBe('6 waves: 0 written, 6 unchanged, 0 stale, 0 failing\n');
    expect((await readdir(path.join(root, 'prompts'))).filter((f) => f.endsWith('.provenance.json'))).toHaveLength(6);
  });

  it('leaves a prompt edited by hand stale and exits as one wave would (2)', async () => {
    const root = await programme();
    expect(wavecBin(['compile', '--all'], root).exit).toBe(0);
    const edited = path.join(root, 'prompts/phase-01-wave-2.md');
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nA note by hand.\n`);
    const run = wavecBin(['compile', '--all'], root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('output-hand-edited');
    expect(run.stdout).toContain('prompts/phase-01-wave-2.md stale (edited by hand; not written)');
    expect(run.stdout).toMatch(/^6 waves: 0 written, 5 unchanged, 1 stale, 0 failing$/m);
    expect(await readFile(edited, 'utf8')).toContain('A note by hand.');
  });

  it('reports a wave that fails its checks as failing, writes the others, exits 1', async () => {
    const root = await programme();
    const spec = path.join(root, 'waves/phase-01/wave-3.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('max_tokens: 4000', 'max_tokens: 500'));
    const run = wavecBin(['compile', '--all', '--format', 'json'], root);
    const report = JSON.parse(run.stdout) as {
      summary: Record<string, number>;
      waves: { phase: number; wave: number; status: string; diagnostics: { code: string }[] }[];
    };
    const failing = report.waves.filter((w) => w.status === 'failing');
    expect(failing.map((w) => [w.phase, w.wave])).toEqual([[1, 3]]);
    expect(failing[0]!.diagnostics.map((d) => d.code)).toContain('budget-tokens');
    expect(report.summary).toEqual({ written: 5, unchanged: 0, stale: 0, failing: 1 });
    expect(run.exit).toBe(1);
  });
});

describe('one bad spec in a long chain', () => {
  it('prints each finding once, for the first wave it fails, and names it for every later one', async () => {
    const root = await programme();
    const spec = path.join(root, 'waves/phase-01/wave-2.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('predecessor: 1', 'predecessor: 9'));
    const run = wavecBin(['compile', '--all'], root);
    expect(run.exit).toBe(2);
    const missing = run.stderr.split('\n').filter((line) => line.includes('spec-predecessor-missing'));
    expect(missing).toEqual([
      'waves/phase-01/wave-2.yaml:7:14 error spec-predecessor-missing predecessor wave 9 has no spec ' +
        '(expected waves/phase-01/wave-9.yaml)',
    ]);
    // Every wave after it walks its chain through wave 2 and fails with that same finding.
    expect(run.stdout).toContain('prompts/phase-02-wave-3.md not written (a finding shown above)');
    const json = JSON.parse(wavecBin(['compile', '--all', '--format', 'json'], root).stdout) as {
      waves: { wave: number; phase: number; diagnostics: { code: string }[] }[];
    };
    const last = json.waves.find((w) => w.phase === 2 && w.wave === 3)!;
    expect(last.diagnostics.map((d) => d.code)).toContain('spec-predecessor-missing');
  });
});

describe('wavec compile --changed', () => {
  it('compiles only the waves whose recorded inputs changed: an edited spec and the waves after it', async () => {
    const root = await programme();
    expect(wavecBin(['compile', '--all'], root).exit).toBe(0);
    expect(wavecBin(['compile', '--changed'], root).stdout).toBe(
      '0 changed waves: 0 written, 0 unchanged, 0 stale, 0 failing\n',
    );
    const spec = path.join(root, 'waves/phase-01/wave-3.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('A generated wave', 'A regenerated wave'));
    const run = wavecBin(['compile', '--changed'], root);
    expect(run.exit).toBe(0);
    // The later waves' prompts read the same; only their sidecars record the new chain.
    expect(run.stdout).toBe(
      [
        'prompts/phase-01-wave-3.md written',
        ...[1, 2, 3].map((w) => `prompts/phase-02-wave-${w}.md written (its provenance only: the prompt is the same)`),
        '4 changed waves: 4 written (3 of them only their provenance), 0 unchanged, 0 stale, 0 failing',
        '',
      ].join('\n'),
    );
    await rm(path.join(root, 'prompts/phase-02-wave-1.md'));
    expect(written(wavecBin(['compile', '--changed'], root).stdout)).toEqual(['prompts/phase-02-wave-1.md written']);
  });
});

describe('compile: a wave, --all or --changed', () => {
  it.each([
    [['compile'], 'missing wave number (or --all, or --changed)'],
    [['compile', '3', '--all'], 'give a wave number or --all, not both'],
    [['compile', '--all', '--changed'], '--all'],
    [['compile', '--changed', '--stdout'], '--changed'],
    [['compile', '--all', '--watch'], '--all'],
  ])('%j is a usage error', (args, message) => {
    const run = wavecBin(args, EXAMPLE);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: wavec compile');
  });
});
