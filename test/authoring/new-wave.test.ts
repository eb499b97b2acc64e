import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newWave } from '../../src/authoring/new-wave.js';
import { run } from '../../src/cli/run.js';
import { compileWave } from '../../src/compile.js';
import { parseYaml } from '../../src/syntax/yaml.js';
import { WaveSpec } from '../../src/schema/spec.js';
import { validate } from '../../src/validate/validate.js';
import { captureIo, EXAMPLE, REPO_ROOT, snapshot, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();
const golden = (name: string) => readFile(path.join(REPO_ROOT, 'test/authoring/golden', name), 'utf8');

describe('newWave', () => {
  it('scaffolds wave 5 from wave 4 (golden), without writing when write is false', async () => {
    const before = await snapshot(path.join(EXAMPLE, 'waves'));
    const result = await newWave(EXAMPLE, { wave: 5, write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result).toMatchObject({ path: 'waves/phase-02/wave-5.yaml', written: false });
    expect(result.text).toBe(await golden('wave-5-from-4.yaml'));
    expect(await snapshot(path.join(EXAMPLE, 'waves'))).toEqual(before);
  });

  it('validates against the WaveSpec schema and inherits what carries over', async () => {
    const { text } = await newWave(EXAMPLE, { wave: 5, write: false });
    const parsed = parseYaml(text, { file: 'wave-5.yaml' });
    if (!parsed.ok) throw new Error('scaffold is not YAML');
    const checked = validate(WaveSpec, parsed.yaml, 'spec-invalid');
    if (!checked.ok) throw new Error(JSON.stringify(checked.diagnostics));
    const spec = checked.value;
    const wave4 = await compileWave(EXAMPLE, { wave: 4 });
    const old = wave4.facts!.chain.at(-1)!.spec;
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/wave-spec.schema.json');
    expect(spec).toMatchObject({
      phase: 2,
      wave: 5,
      predecessor: 4,
      compose: { project: old.compose.project },
      budget: old.budget,
    });
    expect(spec.charter_refs.map((ref) => ref.section)).toEqual(old.charter_refs.map((ref) => ref.section));
    expect(spec.hard_constraints).toEqual({ inherit: true, add: [], drop: [] });
    expect(spec.trigger.commands).toEqual([
      'cd ~/Developer/iskra-platform-2026-04-30',
      'git pull',
      'codex exec < prompts/phase-02-wave-5.md',
    ]);
    expect(spec.pr_plan).toEqual({ branch_prefix: 'codex/phase-02-wave-5/' });
    expect(spec.pivot).toBeUndefined();
    // What wave 4 added itself is inherited, and named so the author decides.
    expect(text).toContain(
      '# Wave 4 added `honcho-data-read-only` itself: keep it only if it holds for this wave too.\n',
    );
    // The hand-back contract is derived from the plan and modules: no items to carry.
    expect(spec.hand_back.items).toEqual([]);
    expect([spec.cross_module_tasks, spec.canary_prs]).toEqual([[], []]);
    for (const blank of [
      spec.title,
      spec.subsystem,
      spec.compose.profile,
      spec.mission,
      spec.why.stakes,
      spec.why.reasons[0],
      spec.modules[0]!.notes[0],
      spec.new_patterns[0],
      ...spec.charter_refs.map((ref) => ref.why),
      spec.hand_back.merge_gate,
      spec.trigger.after,
      spec.trigger.note,
    ]) {
      expect(blank).toMatch(/^TODO: /);
    }
  });

  it('compiles on a copy: every hard constraint of wave 4 is inherited, and each TODO is reported', async () => {
    const ws = await workspace();
    expect((await newWave(ws.root, { wave: 5, write: true })).written).toBe(true);
    const [wave4, wave5] = await Promise.all([compileWave(ws.root, { wave: 4 }), compileWave(ws.root, { wave: 5 })]);
    expect(wave5.prompt).toBeDefined();
    // The placeholder module's pattern implies nothing: every constraint wave 4's
    // patterns implied lapses with them; the explicitly added ones carry on.
    const lapsedIds = ['no-volume-deletion', 'pg-dump-confirmation', 'pgvector-verification', 'redis-no-flush'];
    expect(wave5.facts!.composition.constraints.inherited.map((c) => c.id)).toEqual(
      wave4.facts!.composition.constraints.all.map((c) => c.id).filter((id) => !lapsedIds.includes(id)),
    );
    expect(wave5.facts!.composition.constraints.lapsed.map((c) => c.id).sort()).toEqual(lapsedIds);
    expect(wave5.facts!.composition.constraints.additional).toEqual([]);
    expect(wave5.ok).toBe(false);
    const placeholders = wave5.diagnostics.filter((d) => d.code === 'leftover-placeholder');
    expect(placeholders.length).toBeGreaterThanOrEqual(7);
    expect(placeholders[0]!.message).toBe('leftover placeholder "TODO": unfinished text');
  });

  it('takes --from and keeps the predecessor chain honest', async () => {
    const { text, diagnostics } = await newWave(EXAMPLE, { wave: 5, from: 3, write: false });
    expect(diagnostics).toEqual([]);
    expect(text).toMatch(/^predecessor: 3$/m);
    expect(text).toContain('- section: 7\n');
    expect(text).toContain('    - codex exec < prompts/phase-02-wave-5.md\n');
  });

  it('puts keys a predecessor lacked where the spec reference lists them', async () => {
    const { text } = await newWave(EXAMPLE, { wave: 3, from: 2, phase: 2, write: false }).catch(() => ({ text: '' }));
    expect(text).toBe(''); // wave 3 exists
    const ws = await workspace();
    const result = await newWave(ws.root, { wave: 7, from: 2 });
    const keys = result.text
      .split('\n')
      .filter((line) => /^[a-z_]+:/.test(line))
      .map((line) => line.split(':')[0]);
    expect(keys).toEqual([
      'phase',
      'wave',
      'title',
      'subsystem',
      'compose',
      'predecessor',
      'mission',
      'why',
      'modules',
      'cross_module_tasks',
      'hard_constraints',
      'new_patterns',
      'charter_refs',
      'canary_prs',
      'hand_back',
      'budget',
      'trigger',
    ]);
  });

  it('refuses to overwrite an existing spec, pointing at it', async () => {
    const ws = await workspace();
    const before = await snapshot(path.join(ws.root, 'waves'));
    const result = await newWave(ws.root, { wave: 4 });
    expect(result).toMatchObject({ path: 'waves/phase-02/wave-4.yaml', text: '', written: false });
    expect(result.diagnostics).toEqual([
      {
        code: 'new-exists',
        severity: 'error',
        message: 'waves/phase-02/wave-4.yaml already exists; wavec new never overwrites a spec',
        file: 'waves/phase-02/wave-4.yaml',
        line: 1,
        column: 1,
        hint: 'edit it, or pick another wave number',
      },
    ]);
    expect(await snapshot(path.join(ws.root, 'waves'))).toEqual(before);
  });

  it.each([
    [{ wave: 1 }, 'no wave before wave 1 in waves/phase-02/ to scaffold from; name one with --from'],
    [{ wave: 5, from: 5 }, 'wave 5 cannot be its own predecessor'],
    [{ wave: 5, from: 9 }, 'no spec for wave 9 to scaffold from'],
    [{ wave: 5, phase: 2, from: 9 }, 'no spec for wave 9 under waves/phase-02/ to scaffold from'],
    [{ wave: 1, phase: 3 }, 'no wave before wave 1 in waves/phase-03/ to scaffold from; name one with --from'],
  ])('says why it cannot scaffold %j', async (request, message) => {
    const result = await newWave(EXAMPLE, { ...request, write: false });
    expect(result.diagnostics.map((d) => d.message)).toEqual([message]);
    expect(result.written).toBe(false);
  });

  it('asks for --phase when the wave before exists in several phases', async () => {
    const ws = await workspace();
    await mkdir(path.join(ws.root, 'waves/phase-03'), { recursive: true });
    await cp(path.join(ws.root, 'waves/phase-02/wave-4.yaml'), path.join(ws.root, 'waves/phase-03/wave-4.yaml'));
    const result = await newWave(ws.root, { wave: 5, write: false });
    expect(result.diagnostics.map((d) => d.message)).toEqual(['waves exist in phases 2, 3; say which with --phase']);
  });

  it('says wave N exists when exactly one phase has it, in a workspace of several phases', async () => {
    const ws = await workspace();
    await mkdir(path.join(ws.root, 'waves/phase-03'), { recursive: true });
    await cp(path.join(ws.root, 'waves/phase-02/wave-2.yaml'), path.join(ws.root, 'waves/phase-03/wave-1.yaml'));
    const result = await newWave(ws.root, { wave: 2, write: false });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'new-exists waves/phase-02/wave-2.yaml already exists; wavec new never overwrites a spec',
    ]);
  });

  it('puts wave N after wave N-1 when only one phase has it, in a workspace of several phases', async () => {
    const ws = await workspace();
    await mkdir(path.join(ws.root, 'waves/phase-03'), { recursive: true });
    await cp(path.join(ws.root, 'waves/phase-02/wave-2.yaml'), path.join(ws.root, 'waves/phase-03/wave-2.yaml'));
    const result = await newWave(ws.root, { wave: 5, write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.path).toBe('waves/phase-02/wave-5.yaml');
  });

  it('throws for API misuse', async () => {
    await expect(newWave(EXAMPLE, { wave: 0 })).rejects.toThrow('wave must be a positive integer, got 0');
  });
});

describe('wavec new', () => {
  it('writes the spec and says what to do next; a second run exits 2', async () => {
    const ws = await workspace();
    const io = captureIo(ws.root);
    expect(await run(['new', '5'], io)).toBe(0);
    expect(io.out()).toBe(
      'waves/phase-02/wave-5.yaml written (from wave 4)\n' +
        '  next: replace every "TODO:" in it, then `wavec explain 5` and `wavec compile 5` (add --watch while you ' +
        'edit)\n',
    );
    expect(await ws.read('waves/phase-02/wave-5.yaml')).toBe(await golden('wave-5-from-4.yaml'));
    const again = captureIo(ws.root);
    expect(await run(['new', '5'], again)).toBe(2);
    expect(again.err()).toContain(
      'waves/phase-02/wave-5.yaml:1:1 error new-exists waves/phase-02/wave-5.yaml already exists; wavec new ' +
        'never overwrites a spec\n',
    );
  });

  it('prints the scaffold with --stdout and writes nothing', async () => {
    const ws = await workspace();
    const io = captureIo(ws.root);
    expect(await run(['new', '5', '--from', '4', '--stdout'], io)).toBe(0);
    expect(io.out()).toBe(await golden('wave-5-from-4.yaml'));
    await expect(ws.read('waves/phase-02/wave-5.yaml')).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 with the usage on a bad argument', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['new', 'five'], io)).toBe(2);
    expect(io.err()).toBe(
      'wavec new: wave number must be a positive whole number, got "five"\n' +
        'Usage: wavec new <wave> [--from <n>|<phase>:<n>] [--phase <n>] [--stdout]\n',
    );
  });
});
