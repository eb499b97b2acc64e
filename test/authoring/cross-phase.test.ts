import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWaves } from '../../src/authoring/diff.js';
import { run } from '../../src/cli/run.js';
import { newWave } from '../../src/authoring/new-wave.js';
import { checkAllPhases, checkPhase } from '../../src/check/phase.js';
import { compileWave } from '../../src/compile.js';
import { lintPrompt } from '../../src/lint.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { line, positionOf } from '../helpers/rules.js';
import { captureIo, fixtureRoot, useScratchWorkspaces } from '../helpers/workspace.js';

/**
 * A phase inherits from an earlier phase: `predecessor: {phase, wave}`.
 * Fixture `two-phases`: phase 01 waves 1 ← 2 (a pgvector store), phase 02
 * wave 1 (a shared cache) with `predecessor: {phase: 1, wave: 2}`.
 */
const TWO_PHASES = fixtureRoot('two-phases');
const scratch = () => scratchCopy('two-phases');
const scratchCopy = useScratchWorkspaces();

/** A command line run in-process, as bin/wavec.js runs it. */
async function wavec(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo(TWO_PHASES);
  const code = await run(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const section = (text: string, heading: string) => {
  const start = text.indexOf(`${heading}\n`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end + 1);
};

describe('cross-phase predecessor', () => {
  it('inherits the earlier phase constraints and says so in the prompt', async () => {
    const result = await compileWave(TWO_PHASES, { wave: 1, phase: 2 });
    expect(result.diagnostics.map(line)).toEqual([]);
    const text = result.prompt!.text;
    expect(section(text, '## Hard constraints')).toBe(`## Hard constraints

Each line below is a hard stop. Breaking one is worse than delivering nothing: if a task seems to need it, stop that \
task, write down why, and go on with the next module.

### Inherited from phase 01, through wave 2

- **DO NOT change anything that runs.** No \`docker compose up\`, \`restart\`, \`stop\`, \`rm\` or \`pull\`; no edits \
to compose files or \`.env\`. The audit reads (\`config\`, \`inspect\`, \`ls\`, \`logs --tail\`); deploys follow \
charter §3.
- **DO NOT copy secret values** into manifests, runbooks, PR descriptions or logs. Name the variable or the \
secret-store entry; never its value (charter §4).
- **DO NOT merge, approve or force-push.** Open PRs and stop: the merge gate is not yours.
- **One PR per module** plus one per cross-module task: 1 + 0 = 1 PR in total. No combined PRs, no stacked branches.

### Additional vs phase 01 wave 2

- **DO NOT restart the shared cache before its clients are listed.** Read them from \`CLIENT LIST\`.
- **DO NOT run \`FLUSHALL\`, \`FLUSHDB\`, \`CONFIG SET\`, \`CONFIG REWRITE\` or \`DEBUG\`** on any redis. \`INFO\` \
and \`CONFIG GET\` only.

### No longer in force

- \`pg-dump-confirmation\`: lapsed: pattern \`stateful-postgres-pgvector\` implied it, and no module of this wave uses \
that pattern.
- \`no-volume-deletion\`: lapsed: pattern \`stateful-postgres-pgvector\` implied it, and no module of this wave uses \
that pattern.
- \`pgvector-verification\`: lapsed: pattern \`stateful-postgres-pgvector\` implied it, and no module of this wave \
uses that pattern.

`);
    expect(text).toContain('- Predecessor: phase 01 wave 2 (Search index store), prompt `prompts/phase-01-wave-2.md`.');
    expect(text).toContain('2. Read `prompts/phase-01-wave-2.md` and the PRs it produced.');
    expect(text).toContain('## New patterns vs phase 01 wave 2\n');
    // The sidecar names the predecessor across the phase boundary; the chain before it is in its digest.
    expect(result.provenance!.predecessor?.path).toBe('waves/phase-01/wave-2.yaml');
    const first = await compileWave(TWO_PHASES, { wave: 1, phase: 1 });
    const second = await compileWave(TWO_PHASES, { wave: 2, phase: 1 });
    expect(first.provenance!.predecessor).toBeNull();
    expect(second.provenance!.predecessor).toEqual({
      path: 'waves/phase-01/wave-1.yaml',
      hash: first.provenance!.spec.hash,
      chain: first.provenance!.chain,
    });
    expect(result.provenance!.predecessor?.chain).toBe(second.provenance!.chain);
  });

  it('points the agent at the predecessor prompt where the config puts it (output_name)', async () => {
    const ws = await scratch();
    await ws.write('wavec.config.yaml', 'output_name: "p{phase}w{wave}.md"\n');
    const { prompt } = await compileWave(ws.root, { wave: 1, phase: 2 });
    expect(prompt!.path).toBe('prompts/p2w1.md');
    expect(prompt!.text).toContain('prompt `prompts/p1w2.md`');
  });

  it('lints clean, drift included, and passes the phase-wide checks', async () => {
    expect((await lintPrompt(TWO_PHASES, { path: 'prompts/phase-02-wave-1.md' }, { drift: true })).diagnostics).toEqual(
      [],
    );
    const loaded = await loadWorkspace(TWO_PHASES);
    expect(loaded.ok && (await checkAllPhases(loaded.workspace))).toEqual([]);
  });

  it('reports a cross-phase predecessor without a spec, at the value', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-1.yaml', (t) =>
      t.replace('predecessor: {phase: 1, wave: 2}', 'predecessor: {phase: 1, wave: 7}'),
    );
    const result = await compileWave(ws.root, { wave: 1, phase: 2 });
    const at = positionOf(await ws.read('waves/phase-02/wave-1.yaml'), '{phase: 1');
    expect(result.diagnostics.map(line)).toEqual([
      `waves/phase-02/wave-1.yaml:${at.line}:${at.column} spec-predecessor-missing predecessor phase-01 wave 7 ` +
        `has no spec (expected waves/phase-01/wave-7.yaml)`,
    ]);
    const loaded = await loadWorkspace(ws.root);
    expect(loaded.ok && (await checkPhase(loaded.workspace, 2)).map(line)).toEqual([
      `waves/phase-02/wave-1.yaml:${at.line}:${at.column} phase-predecessor-chain predecessor phase-01 wave 7 ` +
        `has no spec: the chain has a gap`,
    ]);
  });

  it('a cross-phase predecessor not the last of its phase is a located error, unless the spec says why', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-1.yaml', (t) =>
      t.replace('predecessor: {phase: 1, wave: 2}', 'predecessor: {phase: 1, wave: 1}'),
    );
    const at = positionOf(await ws.read('waves/phase-02/wave-1.yaml'), '{phase: 1, wave: 1}');
    const result = await compileWave(ws.root, { wave: 1, phase: 2 });
    expect(result.ok).toBe(false);
    const found = result.diagnostics.filter((d) => d.code === 'phase-predecessor-chain');
    expect(found.map((d) => `${line(d)} (${d.hint})`)).toEqual([
      `waves/phase-02/wave-1.yaml:${at.line}:${at.column} phase-predecessor-chain predecessor phase-01 wave 1 is ` +
        'not the last wave of phase-01: wave 2 would be skipped, and the hard constraints it added would not be ' +
        'inherited (name {phase: 1, wave: 2} as the predecessor, or say why in predecessor_skip_reason)',
    ]);

    await ws.edit('waves/phase-02/wave-1.yaml', (t) =>
      t.replace(
        'predecessor: {phase: 1, wave: 1}',
        'predecessor: {phase: 1, wave: 1}\npredecessor_skip_reason: the search index is another stack.',
      ),
    );
    const allowed = await compileWave(ws.root, { wave: 1, phase: 2 });
    expect(allowed.diagnostics.map(line)).toEqual([]);
  });

  it('reports a wrong predecessor before the drops that fail because of it', async () => {
    const ws = await scratch();
    await ws.write(
      'waves/phase-02/wave-2.yaml',
      (await ws.read('waves/phase-02/wave-1.yaml'))
        .replace('wave: 1', 'wave: 2')
        .replace('predecessor: {phase: 1, wave: 2}', 'predecessor: null')
        .replace('shared-cache', 'shared-cache-2')
        .replace('hard_constraints:\n', 'hard_constraints:\n  drop: [{id: no-merge, reason: merged by hand}]\n'),
    );
    const result = await compileWave(ws.root, { wave: 2, phase: 2 });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'phase-predecessor-chain wave 2 starts a second chain (predecessor: null), but wave 1 comes before it in ' +
        'phase-02; its predecessor should be wave 1',
      'constraint-unknown cannot drop "no-merge": no inherited constraint has that id',
    ]);
  });

  it('reports a cycle across phases', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-01/wave-1.yaml', (t) =>
      t.replace('predecessor: null', 'predecessor: {phase: 2, wave: 1}'),
    );
    const result = await compileWave(ws.root, { wave: 1, phase: 2 });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'spec-predecessor-cycle predecessor chain loops: phase-02 wave 1 → phase-01 wave 2 → phase-01 wave 1 → ' +
        'phase-02 wave 1',
    ]);
  });

  it(
    'phase-predecessor-chain: only a phase first wave inherits across phases, ' + 'and only from an earlier phase',
    async () => {
      const ws = await scratch();
      await ws.write(
        'waves/phase-01/wave-3.yaml',
        (await ws.read('waves/phase-01/wave-2.yaml'))
          .replace('wave: 2', 'wave: 3')
          .replace('predecessor: 1', 'predecessor: {phase: 2, wave: 1}')
          .replace('search-db', 'search-db-2'),
      );
      await ws.write(
        'waves/phase-02/wave-2.yaml',
        (await ws.read('waves/phase-02/wave-1.yaml'))
          .replace('wave: 1', 'wave: 2')
          .replace('shared-cache', 'shared-cache-2'),
      );
      const loaded = await loadWorkspace(ws.root);
      if (!loaded.ok) throw new Error('does not load');
      const at = async (file: string) => {
        const p = positionOf(await ws.read(file), 'predecessor: ');
        return `${file}:${p.line}:${p.column + 'predecessor: '.length}`;
      };
      expect((await checkAllPhases(loaded.workspace)).map(line)).toEqual([
        `${await at('waves/phase-01/wave-3.yaml')} phase-predecessor-chain predecessor phase-02 wave 1 does not ` +
          `come before phase-01`,
        // Phase 01 has a wave 3 now: phase 02 wave 1's predecessor is no longer the last wave of its phase.
        `${await at('waves/phase-02/wave-1.yaml')} phase-predecessor-chain predecessor phase-01 wave 2 is not the ` +
          'last wave of phase-01: wave 3 would be skipped, and the hard constraints it added would not be inherited',
        `${await at('waves/phase-02/wave-2.yaml')} phase-predecessor-chain wave 2's predecessor is phase-01 wave ` +
          `2, in another phase, but wave 1 comes before it in phase-02; only a phase's first wave inherits across ` +
          `phases (its predecessor should be wave 1)`,
      ]);
    },
  );

  it('wavec diff compares waves of two phases (<phase>:<wave>) and shows lapsed constraints', async () => {
    const { code, stdout } = await wavec(['diff', '1:2', '2:1', '--root', TWO_PHASES]);
    expect(code).toBe(0);
    expect(stdout).toBe(`phase 1 wave 2 → phase 2 wave 1

modules
  + shared-cache (stateful, stateful-redis)
  - search-db (stateful, stateful-postgres-pgvector)

patterns
  + stateful-redis: Redis, stateful or cache by audit (shared-cache) [new]
  - stateful-postgres-pgvector: Stateful postgres with pgvector (search-db)
  [new]: no earlier wave of phase 2 wave 1's chain used it; its prompt lists it under "New patterns"

hard constraints
  + cache-clients-first (inline)
  + redis-no-flush
  - pg-dump-confirmation (lapsed: no module of pattern stateful-postgres-pgvector)
  - no-volume-deletion (lapsed: no module of pattern stateful-postgres-pgvector)
  - pgvector-verification (lapsed: no module of pattern stateful-postgres-pgvector)

charter references
  + §3 Deploy flow
  - §7 Backups
`);
    const { diff } = await diffWaves(TWO_PHASES, { from: { phase: 1, wave: 2 }, to: { phase: 2, wave: 1 } });
    expect(diff!.constraints.lapsed.map((l) => l.id)).toEqual([
      'pg-dump-confirmation',
      'no-volume-deletion',
      'pgvector-verification',
    ]);
  });

  it('wavec diff refuses a malformed wave with the usage', async () => {
    const failed = await wavec(['diff', '1:x', '2:1', '--root', TWO_PHASES]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe(
      'wavec diff: first wave must be a wave number or <phase>:<wave> (e.g. 4 or 2:4), got "1:x"\n' +
        'Usage: wavec diff <a> <b> [--phase <n>] [--format human|json]\n',
    );
  });

  it('wavec new scaffolds from a wave of another phase (--from <phase>:<wave>)', async () => {
    const ws = await scratch();
    const { stdout } = await wavec(['new', '1', '--phase', '3', '--from', '2:1', '--root', ws.root]);
    expect(stdout.split('\n')[0]).toBe('waves/phase-03/wave-1.yaml written (from phase 02 wave 1)');
    const spec = await readFile(path.join(ws.root, 'waves/phase-03/wave-1.yaml'), 'utf8');
    expect(spec).toMatch(/^phase: 3$/m);
    expect(spec).toMatch(/^predecessor: \{ phase: 2, wave: 1 \}$/m);
    // Comments name the source and the commands unambiguously: wave 1 is in three phases now.
    expect(spec).toContain('# Phase 03 wave 1, scaffolded from phase 02 wave 1 by `wavec new 1 --phase 3`.');
    expect(spec).toContain('`wavec compile 1 --phase 3` reports those left (lint only sees them in a prompt).');
    expect(spec).toContain('# Everything in force in phase 02 wave 1 is inherited');
    // Another phase may be another stack: the project is the author's to confirm, and compile says so.
    expect(spec).toMatch(
      /^ {2}project: "TODO: the compose project of this wave's modules; phase 02 wave 1's was infra, write it$/m,
    );
    const compiled = await compileWave(ws.root, { wave: 1, phase: 3 });
    const projectLine = spec.split('\n').findIndex((text) => text.startsWith('  project: ')) + 1;
    expect(compiled.diagnostics.filter((d) => d.line === projectLine).map((d) => `${d.file} ${d.code}`)).toEqual([
      'waves/phase-03/wave-1.yaml leftover-placeholder',
    ]);
    expect(compiled.facts!.composition.constraints.inherited.map((c) => c.id)).toContain('cache-clients-first');
    expect(compiled.diagnostics.filter((d) => d.code !== 'leftover-placeholder')).toEqual([]);
  });

  it('names the new wave with --phase wherever another phase has a wave of that number', async () => {
    const result = await newWave(TWO_PHASES, { wave: 2, phase: 2 });
    expect(result.diagnostics).toEqual([]);
    expect(result.path).toBe('waves/phase-02/wave-2.yaml');
    expect(result.waveArgument).toBe('2 --phase 2');
    expect(result.from).toEqual({ phase: 2, wave: 1, name: 'wave 1' });
    expect(result.text).toContain('`wavec compile 2 --phase 2` reports those left (lint only sees them in a prompt).');
    expect((await newWave(TWO_PHASES, { wave: 3, phase: 1 })).waveArgument).toBe('3');
  });

  it('a wave number two phases have is spec-ambiguous, located at the first of the files', async () => {
    const result = await compileWave(TWO_PHASES, { wave: 1 });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      'waves/phase-01/wave-1.yaml:1:1 spec-ambiguous wave 1 exists in phases 1, 2 (waves/phase-01/wave-1.yaml, ' +
        'waves/phase-02/wave-1.yaml); say which with --phase',
    ]);
  });

  it('newWave refuses to inherit from a later phase', async () => {
    const result = await newWave(TWO_PHASES, { wave: 2, phase: 1, from: { phase: 2, wave: 1 } });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'phase-02 wave 1 comes after phase-01; a wave inherits from an earlier phase only',
    ]);
  });
});

describe('implied constraints follow their reason', () => {
  it(
    'a pattern-implied constraint lapses in a wave without a module of that pattern; ' + 'an explicit one is inherited',
    async () => {
      const { facts } = await compileWave(TWO_PHASES, { wave: 1, phase: 2 });
      const constraints = facts!.composition.constraints;
      expect(constraints.lapsed).toEqual([
        { id: 'pg-dump-confirmation', pattern: 'stateful-postgres-pgvector', wave: 1 },
        { id: 'no-volume-deletion', pattern: 'stateful-postgres-pgvector', wave: 1 },
        { id: 'pgvector-verification', pattern: 'stateful-postgres-pgvector', wave: 1 },
      ]);
      expect(constraints.all.map((c) => c.id)).toEqual([
        'read-only-audit',
        'no-secrets',
        'no-merge',
        'one-pr-per-module',
        'cache-clients-first',
        'redis-no-flush',
      ]);
    },
  );

  it(
    'a constraint added explicitly where its template has no module to name is a located error, ' +
      'not a sentence with a hole',
    async () => {
      const ws = await scratch();
      await ws.edit('waves/phase-02/wave-1.yaml', (t) =>
        t.replace('hard_constraints:\n  add:\n', 'hard_constraints:\n  add:\n    - pgvector-verification\n'),
      );
      const result = await compileWave(ws.root, { wave: 1, phase: 2 });
      const at = positionOf(await ws.read('waves/phase-02/wave-1.yaml'), 'pgvector-verification');
      expect(result.diagnostics.map(line)).toEqual([
        `waves/phase-02/wave-1.yaml:${at.line}:${at.column} constraint-needs-module constraint ` +
          `"pgvector-verification" speaks of this wave's modules of pattern "stateful-postgres-pgvector", and wave ` +
          `1 has none: its text would have a hole`,
      ]);
      expect(result.diagnostics[0]!.hint).toBe('remove it, or add a module of pattern "stateful-postgres-pgvector"');
      expect(result.ok).toBe(false);
    },
  );

  it(
    'an explicitly added one inherited into such a wave is reported at its predecessor, ' + 'and a drop clears it',
    async () => {
      const ws = await scratch();
      await ws.edit('waves/phase-01/wave-2.yaml', (t) =>
        t.replace('charter_refs:', 'hard_constraints:\n  add: [pgvector-verification]\ncharter_refs:'),
      );
      const file = 'waves/phase-02/wave-1.yaml';
      const result = await compileWave(ws.root, { wave: 1, phase: 2 });
      const at = positionOf(await ws.read(file), '{phase: 1');
      expect(result.diagnostics.map(line)).toEqual([
        `${file}:${at.line}:${at.column} constraint-needs-module constraint "pgvector-verification" speaks of ` +
          `this wave's modules of pattern "stateful-postgres-pgvector", and wave 1 has none: its text would have a ` +
          `hole`,
      ]);
      await ws.edit(file, (t) =>
        t.replace(
          'hard_constraints:\n',
          'hard_constraints:\n  drop:\n    - id: pgvector-verification\n' +
            '      reason: no pgvector store in this phase.\n',
        ),
      );
      const dropped = await compileWave(ws.root, { wave: 1, phase: 2 });
      expect(dropped.diagnostics.map(line)).toEqual([]);
      expect(dropped.prompt!.text).toContain('- `pgvector-verification`: no pgvector store in this phase.');
    },
  );
});

describe('requires_pattern', () => {
  it('naming a pattern that does not exist is a located error at the constraint fragment', async () => {
    const ws = await scratch();
    await ws.edit('templates/constraints/pgvector-verification.md', (t) =>
      t.replace('requires_pattern: stateful-postgres-pgvector', 'requires_pattern: stateful-postgres-pgvectr'),
    );
    const result = await compileWave(ws.root, { wave: 2, phase: 1 });
    const at = positionOf(await ws.read('templates/constraints/pgvector-verification.md'), 'requires_pattern');
    expect(result.diagnostics.map(line)).toEqual([
      `templates/constraints/pgvector-verification.md:${at.line}:1 pattern-unknown requires_pattern names ` +
        `unknown pattern "stateful-postgres-pgvectr"; did you mean "stateful-postgres-pgvector"?`,
    ]);
  });
});
