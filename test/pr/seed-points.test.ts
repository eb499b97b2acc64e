import { beforeAll, describe, expect, it } from 'vitest';
import { compileWave, type CompileResult } from '../../src/compile.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { buildPullRequest, type PullRequest } from '../../src/pr/pull-request.js';
import { REPO_ROOT } from '../helpers/workspace.js';

/**
 * Every point of the seed PR (../shared/seed/phase-02-wave-4-pr.md) in the
 * pull request `wavec pr 4` renders, section by section, with the numbers
 * of the compiled prompt. One test per section of the seed, so that losing
 * a point names the section it belonged to.
 */
let pr: PullRequest;
let compiled: CompileResult;
const section = (title: string) => {
  const start = pr.body.indexOf(`## ${title}`);
  if (start === -1) throw new Error(`no section "${title}"`);
  const end = pr.body.indexOf('\n## ', start + 1);
  return pr.body.slice(start, end === -1 ? undefined : end);
};

beforeAll(async () => {
  const loaded = await loadWorkspace(REPO_ROOT);
  if (!loaded.ok) throw new Error('the example workspace does not load');
  const result = await buildPullRequest(loaded.workspace, { wave: 4, phase: 2 });
  expect(result.ok).toBe(true);
  pr = result.pr!;
  compiled = await compileWave(REPO_ROOT, { wave: 4, phase: 2 });
});

describe('seed points in the wave 4 pull request', () => {
  it('has the seed title', () => {
    expect(pr.title).toBe('docs(prompts): Phase 02 wave 4 master prompt for Codex (Honcho subsystem)');
  });

  it('Summary: the wave, the PR arithmetic, and the pivot with its reason', () => {
    const summary = section('Summary');
    expect(summary).toContain(
      'Master prompt for Codex to execute phase 02 wave 4: Honcho subsystem (4 modules + 1 cross-module task = ' +
        '5 PRs total)',
    );
    expect(summary).toMatch(/First proposal:\*\* A data-tier wave of `postgres`, `redis` and `honcho-postgres`/);
    expect(summary).toMatch(
      new RegExp(
        /live in a different compose project: their volume is `infra_postgres_data`, /.source +
          /which belongs to `infra\/`, not to `home-platform\/apps\/`/.source,
      ),
    );
    expect(summary).toMatch(/future phase 03 \(infra-tier\) wave/);
    expect(summary).toMatch(/Honcho is coherent/);
    expect(summary).toMatch(/four modules in one compose project under profile `honcho`/);
  });

  it('Why Honcho first: the stakes and every reason', () => {
    const why = section('Why Honcho first');
    expect(why).toMatch(/Iskra's deep memory layer/);
    expect(why).toMatch(/Iskra forgets/);
    expect(why).toMatch(
      new RegExp(
        /Pattern variety: two statefuls \(honcho-postgres, honcho-redis\) and two /.source +
          /services \(honcho-api, honcho-deriver\)/.source,
      ),
    );
    expect(why).toMatch(/honcho-api alone is useless if honcho-postgres is lost/);
    expect(why).toMatch(/stack-level restore/);
    expect(why).toMatch(/`CREATE EXTENSION vector` must run before `pg_restore`/);
  });

  it('Modules: each module with what the seed says of it', () => {
    const modules = section('Modules');
    const line = (id: string) => modules.slice(modules.indexOf(`- **${id}**`)).split('\n- **')[0]!;
    expect(line('honcho-postgres')).toMatch(/image `pgvector\/pgvector/);
    expect(line('honcho-postgres')).toMatch(/`backup_priority: critical`/);
    expect(line('honcho-postgres')).toMatch(/Iskra memory/);
    expect(line('honcho-redis')).toMatch(/statefulness decided by `redis-cli INFO persistence`/);
    expect(line('honcho-redis')).toMatch(/persistence configuration, not the container name, decides/);
    expect(line('honcho-api')).toMatch(/service, pattern Stateless API service/);
    expect(line('honcho-api')).toMatch(/tailnet-only, most likely through the `ts-allowlist@file`/);
    expect(line('honcho-deriver')).toMatch(/worker, pattern Stateless worker/);
    expect(line('honcho-deriver')).toMatch(/modelled on n8n-worker \(PR #29\)/);
  });

  it('New patterns vs wave 3: every one', () => {
    const patterns = section('New patterns vs wave 3');
    expect(patterns).toMatch(/`backup_priority: critical \| important \| non-critical`/);
    expect(patterns).toMatch(/`<project>_<volname>`, with underscores, as verified live/);
    expect(patterns).toMatch(/pgvector in the restore flow: `CREATE EXTENSION vector` before `pg_restore`/);
    expect(patterns).toMatch(/Recovery-from-baseline procedures written for the operator/);
    expect(patterns).toMatch(/Statefulness decided by the audit: redis .* `INFO persistence`/);
  });

  it('the cross-module task: the 5th PR, OPEN_LOOPS, 23+ days stale', () => {
    const tasks = section('Cross-module tasks');
    expect(tasks).toMatch(
      /\*\*PR 5: OPEN_LOOPS: mark hp-restore-smoke\.timer Honcho-relevant\*\* \(`state\/L3\/OPEN_LOOPS\.md`\)/,
    );
    expect(tasks).toMatch(/already noted as 23\+ days stale/);
    expect(tasks).toMatch(/The honcho-postgres manifest acknowledges the stale smoke test/);
  });

  it('Hard constraints (additional vs wave 3): every one, and the PR total', () => {
    const constraints = section('Hard constraints (additional vs wave 3)');
    expect(constraints).toMatch(
      /DO NOT run `pg_dump` against a running postgres without the operator's explicit confirmation/,
    );
    expect(constraints).toMatch(/DO NOT modify Honcho data, ever\.\*\* `SELECT` for sanity checks only/);
    expect(constraints).toMatch(/halt all work, record exactly what ran, and escalate/);
    expect(constraints).toMatch(/DO NOT skip the pgvector verification\*\* in the runbook of `honcho-postgres`/);
    expect(constraints).toContain(
      'one PR per module plus one per cross-module task, 4 modules + 1 cross-module task = 5 PRs total',
    );
  });

  it('how the operator triggers it: after wave 3, the commands', () => {
    const trigger = section('How the operator triggers it');
    expect(trigger).toMatch(/After merge, and only after wave 3's Codex run has finished/);
    expect(trigger).toContain(
      '```sh\ncd ~/Developer/iskra-platform-2026-04-30\ngit pull\ncodex exec < prompts/phase-02-wave-4.md\n```',
    );
  });

  it('Verification: every box ticked, with the numbers of the compiled prompt', () => {
    const verification = section('Verification');
    const { lines, tokens, encoding } = compiled.stats!;
    expect(verification).toContain(
      `- [x] Length: ${lines} lines, ${tokens} tokens (${encoding}) — budget 320 lines / 4500 tokens`,
    );
    expect(verification).toContain(
      '- [x] References canary PRs #29, #30, #32–34 and the predecessor prompt prompts/phase-02-wave-3.md',
    );
    expect(verification).toContain('- [x] Charter §3 (deploy flow) and §6 (cognition) referenced');
    expect(verification).toMatch(/- \[x\] §13 wakeup honesty referenced/);
    expect(verification).toMatch(/- \[x\] Pivot rationale documented in the prompt body/);
    expect(verification).toMatch(/- \[x\] Emotional context \(why\.stakes\) surfaced in "Why Honcho first"/);
    expect(verification).toContain(
      `- [x] PR count: ${compiled.facts!.composition.plan.total} (4 modules + 1 cross-module task), stated 5`,
    );
    expect(verification).not.toMatch(/- \[ \]/);
  });

  it('Test plan: readback, 5 PRs post-merge, each PR reviewed, subsystem health', () => {
    const plan = section('Test plan');
    expect(plan).toMatch(
      new RegExp(
        /- \[ \] Operator readback: the scope is right \(Honcho subsystem: /.source +
          /honcho-postgres, honcho-redis, honcho-api, honcho-deriver; not the first /.source +
          /proposal\)/.source,
      ),
    );
    expect(plan).toMatch(
      /- \[ \] \(Post-merge\) Codex execution produces 5 PRs, matching the quality bar of canary PRs #29, #30, #32–34/,
    );
    expect(plan).toMatch(/- \[ \] \(Post-Codex\) Each Codex PR gets its review/);
    expect(plan).toMatch(
      new RegExp(
        /- \[ \] Honcho subsystem health after the run: nothing broken \(no runtime /.source +
          /touched, only manifests, runbooks and the cross-module tasks' files written\)/.source,
      ),
    );
  });

  it('the note on workflow and a commit message that sums it all up', () => {
    expect(section('Note on workflow')).toMatch(/master-operator wrapper thread feeds this prompt to `codex exec`/);
    const message = pr.commit_message;
    expect(message).toMatch(
      new RegExp(
        /^docs\(prompts\): Phase 02 wave 4 master prompt for Codex \(Honcho /.source +
          /subsystem\)\n\nCodex master prompt for phase 02 wave 4: Honcho subsystem \(4 /.source +
          /modules \+ 1\ncross-module task = 5 PRs total\)\./.source,
      ),
    );
    expect(message).toContain('Modules: honcho-postgres, honcho-redis, honcho-api, honcho-deriver');
    expect(message).toContain('Why Honcho first:');
    expect(message).toContain('Hard constraints (additional vs wave 3):');
    expect(message).toMatch(
      /Hand-back: one PR URL per planned PR \+ per-module summary \+ Honcho\nsubsystem health observation\./,
    );
    expect(message).toContain(
      `Length: ${compiled.stats!.lines} lines, ~${(compiled.stats!.tokens / 1000).toFixed(1)}k tokens (o200k_base).`,
    );
    expect(message).toMatch(/Note: The master-operator wrapper thread/);
  });
});
