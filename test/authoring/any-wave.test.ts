import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';
import { STARTER_WAVE } from '../../src/authoring/starter.js';
import { compileWave, emitPrompt } from '../../src/compile.js';
import { run } from '../../src/cli/run.js';
import { lintPrompt } from '../../src/lint.js';
import { captureIo, REPO_ROOT } from '../helpers/workspace.js';

/**
 * The shipped fragment library says nothing that is true of one wave only:
 * a workspace of its own (laid out by `wavec init`, then moved to other
 * output and charter paths) with a wave unlike the example's.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const CONFIG = `waves_dir: waves
output_dir: out/agent
output_name: p{phase}-w{wave:03}.md
charter: docs/OUR_RULES.md
layout: master-prompt
budget:
  max_tokens: 6000
  max_lines: 400
`;

/** Wave 2 of phase 1: a job queue whose redis is not a cache, a service, and one docs task. */
const WAVE_2 = `phase: 1
wave: 2
title: Job queue
subsystem: jobs
compose:
  project: stacks/jobs
  profile: queue
predecessor: 1
mission: Write the manifests and runbooks of the job queue and its API, and add the queue to the docs index.
why:
  stakes: Queued jobs are the operator's pending work.
  reasons:
    - The queue's redis holds work, not a cache.
modules:
  - id: jobs-redis
    pattern: stateful-redis
    kind: stateful
    backup_priority: important
    statefulness:
      decided_by: redis-cli INFO persistence
      stateful_if: persistence is configured
      otherwise: "it still holds the queued jobs: a restart loses every job not yet taken"
  - id: jobs-api
    pattern: stateless-api
    kind: service
cross_module_tasks:
  - id: docs-index
    title: "Docs: list the job queue"
    file: docs/index.md
    change: Add one line for the job queue under "Services".
charter_refs:
  - section: 3
    why: manifests and runbooks only.
hand_back:
  items:
    - The PR URLs, in PR-plan order.
  merge_gate: The operator owns the merge gate.
trigger:
  commands:
    - codex exec < out/agent/p1-w002.md
`;

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wavec-any-wave-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  expect((await initWorkspace(dir)).written).toBe(true);
  await writeFile(path.join(dir, 'wavec.config.yaml'), CONFIG);
  await mkdir(path.join(dir, 'docs'));
  await rename(path.join(dir, 'charter/PLATFORM_CHARTER.md'), path.join(dir, 'docs/OUR_RULES.md'));
  await writeFile(
    path.join(dir, 'waves/phase-01/wave-1.yaml'),
    STARTER_WAVE.replace('prompts/phase-01-wave-1.md', 'out/agent/p1-w001.md'),
  );
  await writeFile(path.join(dir, 'waves/phase-01/wave-2.yaml'), WAVE_2);
  return dir;
}

describe('fragments true for any wave', () => {
  it("the init starter's first wave names nothing that does not exist, in correct plurals", async () => {
    const dir = await workspace();
    const compiled = await compileWave(dir, { wave: 1 });
    expect(compiled.diagnostics).toEqual([]);
    const text = compiled.prompt!.text;
    expect(compiled.prompt!.path).toBe('out/agent/p1-w001.md');
    expect(text).not.toMatch(/canary/i);
    expect(text).not.toMatch(/predecessor/i);
    expect(text).not.toMatch(/\b1 PRs\b/);
    expect(text).toContain('**1 PR in total**');
    expect(text).toContain('1 + 0 = 1 PR in total');
    expect(text).not.toContain('except the cross-module PR');
    expect(text).toContain('The platform charter (`docs/OUR_RULES.md`) governs this wave.');
    expect(text).not.toContain('PLATFORM_CHARTER.md');
    expect(text).not.toContain('prompts/');
    expect(text).toContain(
      "2. No earlier wave's prompt or merged PR sets the conventions yet: the first PR of this wave does",
    );
    expect(text).toContain('`docker compose --project-directory apps ps web`');
    // A wave of one stateless service has no volume, no restore and no proxy of anyone's.
    expect(text).not.toContain('docker volume ls` exactly');
    expect(text).not.toContain('Runbook restore section');
    expect(text).not.toContain('reverse-proxy');
    expect(text).toContain('| 1 | web manifest and runbook | module | `phase-01-wave-1/web` |');
    expect(await emitPrompt(compiled, dir)).toEqual({ ok: true, status: 'written', promptChanged: true });
    const lint = await lintPrompt(dir, { path: 'out/agent/p1-w001.md' }, { drift: true });
    expect(lint.diagnostics).toEqual([]);
    const report = captureIo(dir);
    expect(await run(['report', '1'], report)).toBe(0);
    expect(report.out()).toContain('- [x] PR count: 1 (1 module + 0 cross-module tasks)\n');
  });

  it(
    'a later wave gets the predecessor path and the compose values from the config and spec, ' +
      'and no wave 4 wording',
    async () => {
      const dir = await workspace();
      const compiled = await compileWave(dir, { wave: 2 });
      expect(compiled.diagnostics).toEqual([]);
      const text = compiled.prompt!.text;
      expect(text).toContain('- Predecessor: wave 1 (First manifest), prompt `out/agent/p1-w001.md`.');
      expect(text).toContain('2. Read `out/agent/p1-w001.md` and the PRs it produced.');
      expect(text).toContain('`docker compose --project-directory stacks/jobs --profile queue ps jobs-redis jobs-api`');
      expect(text).toContain(
        '`docker compose --project-directory stacks/jobs --profile queue config --no-interpolate`',
      );
      expect(text).not.toContain('<project>');
      // Its redis is stateful: the volume and restore checks apply.
      expect(text).toContain('- [ ] Volume names match `docker volume ls` exactly.');
      expect(text).toContain('- [ ] Runbook restore section has been read end to end');
      expect(text).toContain('## Why this wave\n');
      expect(text).toContain('If you are unsure whether an action could touch jobs data, it could: do not take it.');
      expect(text).not.toContain('operator-critical');
      expect(text).not.toContain('Restart is safe');
      expect(text).toContain('Say whether a restart is safe');
      // The spec says what a redis that is not stateful still holds; the pattern does not contradict it.
      expect(text).toContain('otherwise it still holds the queued jobs: a restart loses every job not yet taken.');
      expect(text).not.toContain('a restart loses nothing of record');
      expect(text).not.toContain('The canaries do not show these yet');
      expect(text).toContain("where wave 1's PRs put theirs, with their field order");
      expect(text).toContain('- Task id: `docs-index`; branch: `phase-01-wave-2/docs-index`.');
      expect(text).toContain(
        '- Keep the diff to this change: nothing else in `docs/index.md` is reworded or reformatted.',
      );
      expect(text).not.toContain('no new loops opened');
      expect(text).toContain('**3 PRs in total**');
      expect(text).toContain('| 3 | Docs: list the job queue | task | `phase-01-wave-2/docs-index` |');
      expect(text).toContain('except the cross-module PR, which changes only its named file.');

      // The paths the prompt names are where the config puts them, so the report finds them.
      expect(await emitPrompt(await compileWave(dir, { wave: 1 }), dir)).toEqual({
        ok: true,
        status: 'written',
        promptChanged: true,
      });
      expect(await emitPrompt(compiled, dir)).toEqual({ ok: true, status: 'written', promptChanged: true });
      const report = captureIo(dir);
      expect(await run(['report', '2'], report)).toBe(0);
      expect(report.out()).toContain('- [x] References the predecessor prompt out/agent/p1-w001.md\n');
    },
  );

  it("takes the why heading, the caution and a task's diff scope from the spec", async () => {
    const dir = await workspace();
    const spec = WAVE_2.replace(
      '  stakes: Queued',
      "  heading: Why the queue first\n  caution: Every job in the queue is the operator's; touch none.\n" +
        '  stakes: Queued',
    )
      .replace(
        '    change: Add one line',
        '    diff_scope: "Keep the diff to the Services list: no other section changes."\n    change: Add one line',
      )
      .replace(
        'compose:',
        'pr_plan:\n  branch_prefix: agent/jobs-\ncanary_prs:\n  - number: 7\n    what: the uptime manifest.\ncompose:',
      );
    await writeFile(path.join(dir, 'waves/phase-01/wave-2.yaml'), spec);
    const compiled = await compileWave(dir, { wave: 2 });
    expect(compiled.diagnostics).toEqual([]);
    const text = compiled.prompt!.text;
    expect(text).toContain(
      "## Why the queue first\n\nQueued jobs are the operator's pending work.\n\n" +
        "- The queue's redis holds work, not a cache.\n\nEvery job in the queue is the operator's; touch none.\n",
    );
    expect(text).not.toContain('If you are unsure whether');
    expect(text).toContain('- Keep the diff to the Services list: no other section changes.\n');
    expect(text).toContain('| 1 | jobs-redis manifest and runbook | module | `agent/jobs-jobs-redis` |');
    expect(text).toContain(
      "This merged PR (#7) passed the operator's review and is the bar for every PR of this wave. Open it " +
        'before you start',
    );
  });

  it('refuses a why heading of more than one line, which would open a section of its own', async () => {
    const dir = await workspace();
    await writeFile(
      path.join(dir, 'waves/phase-01/wave-2.yaml'),
      WAVE_2.replace('  stakes: Queued', '  heading: "Why\\n## Mission"\n  stakes: Queued'),
    );
    const compiled = await compileWave(dir, { wave: 2 });
    expect(compiled.prompt).toBeUndefined();
    expect(compiled.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      // One finding for one fault: the inert-text check knows `heading` is a one-line field.
      'waves/phase-01/wave-2.yaml:11:12 spec-text-character why.heading: U+000A LINE FEED at character 4 of the ' +
        'value; spec text reaches the prompt as written',
    ]);
  });

  it('no shipped fragment spells out a path or file name the config decides, or a value the spec knows', async () => {
    const dir = path.join(REPO_ROOT, 'templates');
    const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.md'));
    expect(files.length).toBeGreaterThan(20);
    const offending: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const literal of [
        /prompts\//,
        /PLATFORM_CHARTER/,
        /-p <project>/,
        /Why \{\{subsystem\}\} first/,
        /Honcho|Iskra/i,
      ]) {
        if (literal.test(text)) offending.push(`${file}: ${literal.source}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
