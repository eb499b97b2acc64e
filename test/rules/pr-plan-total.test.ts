import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prPlanTotal } from '../../src/check/rules/pr-plan-total.js';
import { compileWave } from '../../src/compile.js';
import { runRule } from '../helpers/rules.js';
import { useStarterWorkspaces } from '../helpers/starter-workspace.js';

const workspace = useStarterWorkspaces();

/** Two modules and one cross-module task: the plan derives 3 PRs. */
const WAVE_2 = `phase: 1
wave: 2
title: Job queue
subsystem: jobs
compose:
  project: stacks/jobs
predecessor: 1
mission: >-
  Write the manifests of the job queue and its API and list the queue in the
  docs index: MISSION_COUNT.
why:
  stakes: Queued jobs are the operator's pending work.
  reasons:
    - A service and its store.
modules:
  - id: jobs-api
    pattern: stateless-api
    kind: service
  - id: jobs-worker
    pattern: stateless-worker
    kind: worker
cross_module_tasks:
  - id: docs-index
    title: "Docs: list the job queue"
    file: docs/index.md
    change: Add one line for the job queue.
charter_refs:
  - section: 3
    why: manifests and runbooks only.
hand_back:
  items:
    - HAND_BACK_COUNT, in PR-plan order.
  merge_gate: The operator owns the merge gate.
trigger:
  commands:
    - codex exec < prompts/phase-01-wave-2.md
`;

async function wave2(mission = 'three PRs', handBack = 'The 3 PR URLs') {
  const ws = await workspace();
  await ws.write(
    'waves/phase-01/wave-2.yaml',
    WAVE_2.replace('MISSION_COUNT', mission).replace('HAND_BACK_COUNT', handBack),
  );
  return { ws, result: await compileWave(ws.root, { wave: 2 }) };
}

describe('pr-plan-total (prompt side)', () => {
  it('passes every phrasing of a count that equals the derived plan, and singulars that are no count', async () => {
    const { result } = await wave2();
    expect(result.diagnostics).toEqual([]);
    expect(result.prompt!.text).toContain('**3 PRs in total**');
    expect(runRule(prPlanTotal, result.prompt!.text, result.facts)).toEqual([]);
    const text =
      '# W\n\n3 PRs, three PRs, 3 pull requests, the 3 PR URLs, Three PR links, **3 PRs in total**, three PRs ' +
      'total.\n\nOne PR per module; open one PR for it; PR 1 of 3; PR #29.\n';
    expect(runRule(prPlanTotal, text, result.facts)).toEqual([]);
  });

  it('reports each count that differs, in digits or words, at the number', async () => {
    const { result } = await wave2();
    const text =
      '# W\n\nFive PRs, 4 pull requests, the 2 PR URLs and one PR in total.\nAlso **6 PRs in\n' +
      'total**, twelve PR URLs and 3 PRs.\n';
    expect(runRule(prPlanTotal, text, result.facts)).toEqual([
      'prompts/hand-written.md:3:1 pr-plan-total the prompt states "Five PRs", but the plan derives 3 (2 ' +
        'modules + 1 cross-module task)',
      'prompts/hand-written.md:3:11 pr-plan-total the prompt states "4 pull requests", but the plan derives 3 ' +
        '(2 modules + 1 cross-module task)',
      'prompts/hand-written.md:3:32 pr-plan-total the prompt states "2 PR URLs", but the plan derives 3 (2 ' +
        'modules + 1 cross-module task)',
      'prompts/hand-written.md:3:46 pr-plan-total the prompt states "one PR in total", but the plan derives 3 ' +
        '(2 modules + 1 cross-module task)',
      'prompts/hand-written.md:4:8 pr-plan-total the prompt states "6 PRs in total", but the plan derives 3 (2 ' +
        'modules + 1 cross-module task)',
      'prompts/hand-written.md:5:10 pr-plan-total the prompt states "twelve PR URLs", but the plan derives 3 ' +
        '(2 modules + 1 cross-module task)',
    ]);
  });

  it('leaves a count that names another phase or wave alone, and still compares one naming this wave', async () => {
    const { result } = await wave2();
    const text =
      "# W\n\nRun after all ten PRs of phase 01 are merged. Wave 1's 4 PRs are merged; the 7 PRs from phase 2 " +
      'wave 3 wait. Phase 3: five PRs.\n\nThis wave: 4 PRs of wave 2.\n';
    expect(runRule(prPlanTotal, text, result.facts)).toEqual([
      'prompts/hand-written.md:5:12 pr-plan-total the prompt states "4 PRs", but the plan derives 3 (2 modules + 1 ' +
        'cross-module task)',
    ]);
  });

  it('reports a count a spec value put in the prompt at that value, with the prompt position related', async () => {
    const { result } = await wave2('five PRs', 'The 5 PR URLs');
    expect(result.ok).toBe(false);
    const found = result.diagnostics.filter((d) => d.code === 'pr-plan-total');
    expect(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.message} [${d.related?.file}: ${d.related?.message}]`),
    ).toEqual([
      'waves/phase-01/wave-2.yaml:8:10 the prompt states "five PRs", but the plan derives 3 (2 modules + 1 ' +
        'cross-module task) [prompts/phase-01-wave-2.md: where mission puts it in the prompt]',
      'waves/phase-01/wave-2.yaml:32:7 the prompt states "5 PR URLs", but the plan derives 3 (2 modules + 1 ' +
        'cross-module task) [prompts/phase-01-wave-2.md: where hand_back.items[0] puts it in the prompt]',
    ]);
    const lines = result.prompt!.text.split('\n');
    expect(found.map((d) => lines[d.related!.line - 1]!.slice(d.related!.column - 1, d.related!.column + 8))).toEqual([
      'five PRs.',
      '5 PR URLs',
    ]);
  });

  it(
    'reads a count in every phrasing, digits or words, and reports it ' + 'exactly when it differs (property)',
    async () => {
      const { result } = await wave2();
      const words = [
        'zero',
        'one',
        'two',
        'three',
        'four',
        'five',
        'six',
        'seven',
        'eight',
        'nine',
        'ten',
        'eleven',
        'twelve',
        'thirteen',
        'fourteen',
        'fifteen',
        'sixteen',
        'seventeen',
        'eighteen',
        'nineteen',
        'twenty',
      ];
      const phrasings = [
        'N PRs',
        'N pull requests',
        'the N PR URLs',
        'N PR links',
        'N PRs in total',
        '**N PRs in total**',
        'N PRs total',
      ];
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 20 }),
          fc.boolean(),
          fc.constantFrom(...phrasings),
          fc.constantFrom('', 'Reply with ', 'Plan: '),
          (n, inWords, phrasing, before) => {
            if (n === 1 && !/total/.test(phrasing)) return; // "1 PRs" is no English; "one PR" alone is no count
            const count = inWords ? words[n]! : String(n);
            const text = `# W\n\n${before}${phrasing.replace('N', count)}.\n`;
            const found = runRule(prPlanTotal, text, result.facts);
            expect(found).toHaveLength(n === 3 ? 0 : 1);
            if (n !== 3)
              expect(found[0]).toMatch(
                new RegExp(`^prompts/hand-written\\.md:3:\\d+ pr-plan-total the prompt states "${count}`),
              );
          },
        ),
      );
    },
  );
});
