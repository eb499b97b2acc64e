import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWaves } from '../../src/authoring/diff.js';
import { run } from '../../src/cli/run.js';
import { compileWave } from '../../src/compile.js';
import { diffBy, newPatternFragments } from '../../src/compose/wave-diff.js';
import type { FragmentLibrary } from '../../src/load/fragments.js';
import { line } from '../helpers/rules.js';
import { captureIo, EXAMPLE, REPO_ROOT, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();

describe('diffBy', () => {
  it('splits two lists into added, removed and kept, keeping each side’s order', () => {
    expect(diffBy(['a', 'b', 'c'], ['d', 'c', 'a'], (x) => x)).toEqual({
      added: ['d'],
      removed: ['b'],
      kept: ['c', 'a'],
    });
  });
});

describe('newPatternFragments', () => {
  const fragments = new Map([['p', { meta: { title: 'P' } }]]) as unknown as FragmentLibrary;
  const spec = (...patterns: string[]) =>
    ({ modules: patterns.map((pattern, i) => ({ id: `m${i}`, pattern })) }) as never;

  it('lists the patterns the last wave uses that no earlier wave of the chain did', () => {
    expect(newPatternFragments([spec('p'), spec('q'), spec('p', 'q', 'r')], fragments)).toEqual([
      { id: 'r', title: 'r', modules: ['m2'] },
    ]);
  });

  it('is empty for a first wave: there is nothing to be new against', () => {
    expect(newPatternFragments([spec('p')], fragments)).toEqual([]);
  });
});

describe('diffWaves', () => {
  it(
    'lists modules, patterns, ' + 'resolved constraints and charter references added and removed between waves 3 and 4',
    async () => {
      const { diff, diagnostics } = await diffWaves(EXAMPLE, { from: 3, to: 4 });
      expect(diagnostics).toEqual([]);
      expect(diff!.from).toEqual({ phase: 2, wave: 3, path: 'waves/phase-02/wave-3.yaml' });
      expect(diff!.modules.added.map((m) => m.id)).toEqual([
        'honcho-postgres',
        'honcho-redis',
        'honcho-api',
        'honcho-deriver',
      ]);
      expect(diff!.modules.removed.map((m) => m.id)).toEqual(['vaultwarden', 'uptime-kuma']);
      expect(diff!.patterns.added.map((p) => p.id)).toEqual([
        'stateful-postgres-pgvector',
        'stateful-redis',
        'stateless-api',
        'stateless-worker',
      ]);
      expect(diff!.patterns.removed.map((p) => p.id)).toEqual(['stateful-volume']);
      expect(diff!.patterns.first_used.map((p) => p.id)).toEqual(['stateful-postgres-pgvector', 'stateful-redis']);
      expect(diff!.constraints.added.map((c) => c.id)).toEqual([
        'honcho-data-read-only',
        'pg-dump-confirmation',
        'pgvector-verification',
        'redis-no-flush',
      ]);
      expect(diff!.constraints.removed).toEqual([]);
      expect(diff!.charter_refs).toEqual({
        added: [{ section: 6, title: 'Cognition' }],
        removed: [{ section: 7, title: 'Backups' }],
      });
    },
  );

  it('reports a wave without a spec as a diagnostic, not an exception', async () => {
    const { diff, diagnostics } = await diffWaves(EXAMPLE, { from: 3, to: 9 });
    expect(diff).toBeUndefined();
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'spec-not-found no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)',
    ]);
  });

  it('throws for API misuse', async () => {
    await expect(diffWaves(EXAMPLE, { from: 0, to: 4 })).rejects.toThrow('from must be a positive integer, got 0');
  });
});

describe('the prompt parts derived from the diff', () => {
  it.each([3, 4])(
    'wave %i: "Additional vs wave N-1" is the diff of the constraint sets, "New patterns" lists its first-used ' +
      'patterns',
    async (wave) => {
      const [{ diff }, compiled] = await Promise.all([
        diffWaves(EXAMPLE, { from: wave - 1, to: wave }),
        compileWave(EXAMPLE, { wave }),
      ]);
      const context = compiled.facts!.composition.context;
      expect(context.constraints.additional.map((c) => c.id)).toEqual(diff!.constraints.added.map((c) => c.id));
      expect(context.new_pattern_fragments).toEqual(diff!.patterns.first_used);
      const section = compiled.prompt!.text.split(`## New patterns vs wave ${wave - 1}\n`)[1]!.split('\n## ')[0]!;
      for (const pattern of diff!.patterns.first_used)
        expect(section).toContain(`(\`${pattern.id}\`), first used here by ${pattern.modules.join(', ')}`);
    },
  );

  it(
    'follows the specs: a constraint moved into wave 3 stops being additional in wave 4, ' + 'a new pattern appears',
    async () => {
      const ws = await workspace();
      await ws.edit('waves/phase-02/wave-3.yaml', (t) =>
        t.replace('new_patterns:\n', 'hard_constraints:\n  add: [redis-no-flush]\nnew_patterns:\n'),
      );
      await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
        t.replace(
          '    pattern: stateless-api\n    kind: service\n',
          '    pattern: stateful-volume\n    kind: stateful\n    backup_priority: important\n',
        ),
      );
      const result = await compileWave(ws.root, { wave: 4 });
      const additional = result.prompt!.text.split('### Additional vs wave 3\n')[1]!.split('\n## ')[0]!;
      expect(additional).not.toContain('FLUSHALL');
      expect(result.prompt!.text.split('### Inherited from earlier waves\n')[1]!.split('###')[0]).toContain('FLUSHALL');
      const patterns = result.prompt!.text.split('## New patterns vs wave 3\n')[1]!.split('\n## ')[0]!;
      expect(patterns).not.toContain('`stateful-volume`'); // wave 3 used it
      const { diff } = await diffWaves(ws.root, { from: 3, to: 4 });
      expect(diff!.constraints.added.map((c) => c.id)).not.toContain('redis-no-flush');
    },
  );

  it('treats an inline constraint re-worded under a new id after a drop as additional', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-3.yaml', (t) =>
      t.replace(
        'new_patterns:\n',
        'hard_constraints:\n  add:\n    - {id: no-writes, text: "DO NOT write."}\nnew_patterns:\n',
      ),
    );
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace(
        'hard_constraints:\n  add:\n',
        'hard_constraints:\n  drop: [{id: no-writes, reason: reworded}]\n  add:\n' +
          '    - {id: no-writes-ever, text: "DO NOT write, ever."}\n',
      ),
    );
    const { diff } = await diffWaves(ws.root, { from: 3, to: 4 });
    expect(diff!.constraints.added.find((c) => c.id === 'no-writes-ever')?.text).toBe('DO NOT write, ever.');
    expect(diff!.constraints.removed).toEqual([{ id: 'no-writes', fragment: undefined, text: 'DO NOT write.' }]);
    const result = await compileWave(ws.root, { wave: 4 });
    expect(result.prompt!.text.split('### Additional vs wave 3\n')[1]).toMatch(/^- DO NOT write, ever\.$/m);
    expect(result.prompt!.text.split('### No longer in force\n')[1]).toMatch(/^- `no-writes`: reworded$/m);
  });

  it('reports a constraint dropped and added back under the same id at the add, the drop related', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace(
        'hard_constraints:\n  add:\n',
        'hard_constraints:\n  drop: [{id: no-merge, reason: reworded}]\n  add:\n' +
          '    - {id: no-merge, text: "DO NOT merge, ever."}\n',
      ),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    expect(result.prompt).toBeUndefined();
    const found = result.diagnostics.filter((d) => d.code === 'constraint-dropped-and-added');
    expect(
      found.map((d) => [line(d), d.related && `${d.related.line}:${d.related.column} ${d.related.message}`]),
    ).toEqual([
      [
        'waves/phase-02/wave-4.yaml:99:12 constraint-dropped-and-added constraint "no-merge" is dropped ' +
          '(hard_constraints.drop[0]) and added back in the same wave',
        '97:15 where it is dropped',
      ],
    ]);
  });
});

describe('a lapsed constraint', () => {
  it('is named by the pattern of the wave it lapses from, not of the wave that first implied it', async () => {
    // no-volume-deletion came in with wave 3's stateful-volume modules; wave 4's pgvector postgres implies it too.
    const ws = await workspace();
    const phase3 = await readFile(path.join(REPO_ROOT, 'waves/phase-03/wave-1.yaml'), 'utf8');
    await mkdir(path.join(ws.root, 'waves/phase-03'));
    await ws.write(
      'waves/phase-03/wave-1.yaml',
      phase3.replace('pattern: stateful-postgres\n    kind: stateful', 'pattern: stateless-api\n    kind: service'),
    );
    const { diff } = await diffWaves(ws.root, { from: { phase: 2, wave: 4 }, to: { phase: 3, wave: 1 } });
    expect(diff!.constraints.lapsed).toContainEqual({
      id: 'no-volume-deletion',
      pattern: 'stateful-postgres-pgvector',
    });
    const { facts } = await compileWave(ws.root, { wave: 1, phase: 3 });
    expect(facts!.composition.constraints.lapsed).toContainEqual({
      id: 'no-volume-deletion',
      pattern: 'stateful-postgres-pgvector',
      wave: 1,
    });
  });
});

describe('wavec diff', () => {
  it('prints the changes grouped, + and -, with the first-used patterns marked', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['diff', '2', '3'], io)).toBe(0);
    expect(io.err()).toBe('');
    expect(io.out()).toBe(
      [
        'wave 2 → wave 3 (phase 2)',
        '',
        'modules',
        '  + vaultwarden (stateful, stateful-volume)',
        '  + uptime-kuma (stateful, stateful-volume)',
        '  - n8n (service, stateless-api)',
        '  - n8n-worker (worker, stateless-worker)',
        '',
        'patterns',
        '  + stateful-volume: Stateful service with a data volume (vaultwarden, uptime-kuma) [new]',
        '  - stateless-api: Stateless API service (n8n)',
        '  - stateless-worker: Stateless worker (n8n-worker)',
        `  [new]: no earlier wave of wave 3's chain used it; its prompt lists it under "New patterns"`,
        '',
        'hard constraints',
        '  + no-volume-deletion',
        '',
        'charter references',
        '  + §7 Backups',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --format json', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['diff', '3', '4', '--format', 'json'], io)).toBe(0);
    const parsed = JSON.parse(io.out());
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.diff.constraints.added[0]).toEqual({
      id: 'honcho-data-read-only',
      text: expect.stringContaining('DO NOT modify Honcho data'),
    });
  });

  it('exits 2 with the usage on a missing wave number, and on a wave without a spec', async () => {
    const usage = captureIo(EXAMPLE);
    expect(await run(['diff', '3'], usage)).toBe(2);
    expect(usage.err()).toBe(
      'wavec diff: missing second wave\nUsage: wavec diff <a> <b> [--phase <n>] [--format human|json]\n',
    );
    const missing = captureIo(EXAMPLE);
    expect(await run(['diff', '3', '9'], missing)).toBe(2);
    expect(missing.err()).toContain('waves:1:1 error spec-not-found no spec for wave 9 under waves/');
    expect(missing.out()).toBe('');
  });
});
