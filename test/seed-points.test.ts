import { beforeAll, describe, expect, it } from 'vitest';
import { compileWave, type CompileResult } from '../src/compile.js';
import { REPO_ROOT } from './helpers/workspace.js';

/**
 * Every point of the seed PR (../shared/seed/phase-02-wave-4-pr.md) must
 * reach the compiled wave 4 prompt. One test per point, so that dropping a
 * point from the spec or a fragment names what was lost.
 */
let result: CompileResult;
let text: string;
const section = (title: string) => {
  const start = text.indexOf(`## ${title}`);
  if (start === -1) throw new Error(`no section "${title}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
};

beforeAll(async () => {
  result = await compileWave(REPO_ROOT, { wave: 4, phase: 2 });
  text = result.prompt!.text;
});

describe('seed points in the wave 4 prompt', () => {
  it.each([
    ['honcho-postgres', /pgvector\/pgvector/, /backup_priority: critical/],
    ['honcho-redis', /INFO persistence/, /pure cache/],
    ['honcho-api', /ts-allowlist@file/, /useless alone/i],
    ['honcho-deriver', /n8n-worker \(PR #29\)/, /re-deriving/],
  ])('module %s has its section with its notes', (id, ...notes) => {
    const modules = section('Modules');
    const start = modules.indexOf(`. ${id}\n`);
    expect(start, `no subsection for ${id}`).toBeGreaterThan(-1);
    const next = modules.indexOf('\n### ', start);
    const body = modules.slice(start, next === -1 ? undefined : next);
    for (const note of notes) expect(body).toMatch(note);
  });

  it('says why Honcho first, with the operator-emotional stakes', () => {
    const why = section('Why Honcho first');
    expect(why).toMatch(/Iskra's deep memory layer/);
    expect(why).toMatch(/Iskra forgets/);
    expect(why).toMatch(/Pattern variety/);
    expect(why).toMatch(/honcho-api alone is useless if honcho-postgres is lost/);
    expect(why).toMatch(/CREATE EXTENSION vector` must run before `pg_restore`/);
  });

  it('documents the pivot rationale so the agent does not re-propose postgres and redis', () => {
    const scope = section('Scope: what changed and what is out');
    expect(scope).toMatch(/`infra_postgres_data`/);
    expect(scope).toMatch(/`infra\/`, not to `home-platform\/apps\/`/);
    expect(scope).toMatch(/Do not re-propose/);
    expect(scope).toMatch(/phase 03/);
  });

  it('lists the new patterns vs wave 3', () => {
    const patterns = section('New patterns vs wave 3');
    expect(patterns).toMatch(/backup_priority: critical \| important \| non-critical/);
    expect(patterns).toMatch(/<project>_<volname>/);
    expect(patterns).toMatch(/CREATE EXTENSION vector` before `pg_restore`/);
    expect(patterns).toMatch(/Recovery-from-baseline/);
    expect(patterns).toMatch(/INFO persistence/);
  });

  it('carries the inherited hard constraints', () => {
    const inherited = section('Hard constraints').split('### Additional vs wave 3')[0]!;
    expect(inherited).toMatch(/### Inherited from earlier waves/);
    expect(inherited).toMatch(/DO NOT change anything that runs/);
    expect(inherited).toMatch(/DO NOT copy secret values/);
    expect(inherited).toMatch(/DO NOT merge/);
    expect(inherited).toMatch(/DO NOT remove or recreate volumes/);
    expect(inherited).toMatch(/4 \+ 1 = 5 PRs in total/);
  });

  it('marks the wave 4 hard constraints as additional vs wave 3', () => {
    const additional = section('Hard constraints').split('### Additional vs wave 3')[1]!;
    expect(additional).toBeDefined();
    expect(additional).toMatch(
      /DO NOT run `pg_dump` against a running postgres without the operator's explicit confirmation/,
    );
    expect(additional).toMatch(/DO NOT modify Honcho data, ever\.\*\* `SELECT` for sanity checks only/);
    expect(additional).toMatch(/halt all work, record exactly what ran, and escalate/);
    expect(additional).toMatch(/DO NOT skip the pgvector verification\*\* in the runbook of `honcho-postgres`/);
  });

  it('has the OPEN_LOOPS cross-module task', () => {
    const tasks = section('Cross-module tasks');
    expect(tasks).toMatch(/state\/L3\/OPEN_LOOPS\.md/);
    expect(tasks).toMatch(/hp-restore-smoke\.timer/);
    expect(tasks).toMatch(/Honcho-relevant/);
    expect(tasks).toMatch(/23\+ days stale/);
  });

  it('references charter §3, §6 and §13 with their titles', () => {
    const charter = section('Charter references');
    expect(charter).toMatch(/\*\*§3 Deploy flow\*\*/);
    expect(charter).toMatch(/\*\*§6 Cognition\*\*/);
    expect(charter).toMatch(/\*\*§13 Wakeup honesty\*\*/);
    expect(section('Wakeup honesty (charter §13)')).toMatch(/Never present an assumption as a finding/);
  });

  it('names the canary PRs #29, #30, #32–34', () => {
    const canaries = section('Quality bar: canary PRs');
    expect(canaries).toMatch(/#29, #30, #32–34/);
    for (const n of [29, 30, 32, 33, 34]) expect(canaries).toMatch(new RegExp(`\\*\\*#${n}\\*\\*`));
  });

  it('plans 5 PRs: one per module plus the OPEN_LOOPS update', () => {
    const plan = section('PR plan');
    expect(plan).toMatch(/\*\*5 PRs in total\*\*/);
    expect(plan.match(/^\| \d \|/gm)).toHaveLength(5);
    expect(plan).toMatch(/\| 5 \| OPEN_LOOPS: mark hp-restore-smoke\.timer Honcho-relevant \| task \|/);
  });

  it('states the hand-back contract and the merge gate', () => {
    const handBack = section('Hand-back');
    expect(handBack).toMatch(/The 5 PR URLs/);
    expect(handBack).toMatch(/Per module, three lines/);
    expect(handBack).toMatch(/Honcho subsystem health observation/);
    expect(handBack).toMatch(/The operator owns the merge gate/);
  });

  it('says how the operator triggers the run', () => {
    const trigger = section('How this run is triggered');
    expect(trigger).toMatch(/after wave 3's Codex run has finished/);
    expect(trigger).toMatch(
      /cd ~\/Developer\/iskra-platform-2026-04-30\ngit pull\ncodex exec < prompts\/phase-02-wave-4\.md/,
    );
    expect(trigger).toMatch(/master-operator wrapper thread/);
  });
});
