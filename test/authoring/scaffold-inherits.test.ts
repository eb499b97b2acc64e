import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newWave } from '../../src/authoring/new-wave.js';
import { compileWave } from '../../src/compile.js';
import { lintPrompt } from '../../src/lint.js';
import type { WaveSpec } from '../../src/schema/spec.js';
import { useStarterWorkspaces } from '../helpers/starter-workspace.js';

const workspace = useStarterWorkspaces();

/** A wave about one subsystem (Grafana), with every optional part filled in and comments about it. */
const GRAFANA_WAVE = `# Phase 01 wave 2: the Grafana monitoring stack.
phase: 1
wave: 2
title: Grafana monitoring
subsystem: Grafana
layout: master-prompt
compose:
  project: stacks/monitoring # Grafana and Prometheus live here
  profile: grafana
predecessor: 1
mission: Write manifests for grafana and prometheus, and note the dashboards in the docs index; three PRs.
why:
  heading: Why Grafana first
  stakes: Grafana's dashboards are how the operator sees the platform.
  reasons:
    - Prometheus keeps the metrics history of every Grafana panel.
  caution: Treat every Grafana dashboard as operator-critical.
pivot:
  proposed: Grafana with Loki.
  finding: Loki runs in another project.
  decision: Grafana and Prometheus only.
  rationale: One project.
  do_not_propose: [Loki]
# Grafana first, then Prometheus.
modules:
  - id: grafana
    pattern: stateful-volume
    kind: stateful
    backup_priority: important
    notes: [Dashboards live in grafana.db.]
  - id: prometheus
    pattern: stateful-volume
    kind: stateful
    backup_priority: non-critical
cross_module_tasks:
  - id: docs-grafana
    title: "Docs: Grafana dashboards"
    file: docs/index.md
    change: List the Grafana dashboards.
    diff_scope: Keep the diff to the Grafana line.
hard_constraints:
  add:
    - id: grafana-read-only
      text: "**DO NOT edit Grafana dashboards.**"
new_patterns: [Prometheus retention is read from its flags.]
charter_refs:
  - section: 1
    why: Grafana manifests only; nothing is deployed.
  - section: 3
    why: every Grafana claim is labelled.
canary_prs:
  - number: 7
    what: the Grafana-like uptime manifest.
pr_plan:
  total: 3
  branch_prefix: agent/wave-2/
pr:
  labels: [prompts]
  test_plan:
    - After the Grafana PR merges, its dashboards load.
hand_back:
  items:
    - The 3 PR URLs, in PR-plan order.
    - A Grafana health observation of its two containers.
  merge_gate: The operator owns the merge gate.
budget:
  max_tokens: 5000
  max_lines: 300
trigger:
  after: wave 1's run has finished.
  commands:
    - git checkout -b agent/wave-2
    - codex exec < prompts/phase-01-wave-2.md
  note: The Grafana wrapper thread feeds this prompt, as it did for wave 1.
`;

/** Every string in a value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  return [];
}

async function scaffold() {
  const ws = await workspace();
  await ws.write('waves/phase-01/wave-2.yaml', GRAFANA_WAVE);
  const result = await newWave(ws.root, { wave: 3, from: 2, write: true });
  expect(result.diagnostics).toEqual([]);
  return { ws, text: result.text, spec: parse(result.text) as WaveSpec };
}

describe('wavec new copies only what is inherited', () => {
  it(
    'keeps the chain, compose project, budget, layout, ' +
      'trigger commands and branch prefix (wave number moved on), and nothing of the subsystem',
    async () => {
      const { text, spec } = await scaffold();
      // The one mention of the old subsystem: a comment naming the constraint wave 2
      // added itself, which is inherited, so the author decides whether it holds.
      expect(text).toContain(
        '# Wave 2 added `grafana-read-only` itself: keep it only if it holds for this wave too.\n',
      );
      expect(text.replace('`grafana-read-only`', '')).not.toMatch(/grafana|prometheus|loki|dashboard/i);
      expect(text).not.toMatch(/\b\d+ PR/);
      expect(text).not.toMatch(/wave 1\b|wave-2/);
      expect(spec).toMatchObject({
        phase: 1,
        wave: 3,
        layout: 'master-prompt',
        predecessor: 2,
        compose: { project: 'stacks/monitoring' },
        budget: { max_tokens: 5000, max_lines: 300 },
        pr_plan: { branch_prefix: 'agent/wave-3/' },
        // Forge labels are house style; the test plan was about the old wave's modules.
        pr: { labels: ['prompts'] },
        hard_constraints: { add: [] },
        cross_module_tasks: [],
        canary_prs: [],
      });
      expect(spec.trigger.commands).toEqual([
        'git checkout -b agent/wave-3',
        'codex exec < prompts/phase-01-wave-3.md',
      ]);
      expect(spec.charter_refs.map((ref) => ref.section)).toEqual([1, 3]);
      expect(spec.pivot).toBeUndefined();
      expect(spec.pr_plan.total).toBeUndefined();
      expect(spec.why).toEqual({
        stakes: expect.stringMatching(/^TODO: /),
        reasons: [expect.stringMatching(/^TODO: /)],
      });
      expect(spec.modules).toEqual([
        { id: 'new-module', pattern: 'stateless-api', kind: 'service', notes: [expect.stringMatching(/^TODO: /)] },
      ]);
      // Every other string is a placeholder.
      const inherited = new Set([
        'phase',
        'layout',
        'compose.project',
        'pr_plan.branch_prefix',
        'pr.labels[0]',
        'trigger.commands[0]',
        'trigger.commands[1]',
        'modules[0].id',
        'modules[0].pattern',
        'modules[0].kind',
      ]);
      expect(strings(spec).filter(([path, value]) => !inherited.has(path) && !value.startsWith('TODO: '))).toEqual([]);
    },
  );

  it(
    'compile reports every placeholder that describes the new wave, ' + 'and lint reports the same on the text',
    async () => {
      const { ws, spec } = await scaffold();
      const compiled = await compileWave(ws.root, { wave: 3 });
      expect(compiled.prompt).toBeDefined();
      expect(compiled.diagnostics.filter((d) => d.code !== 'leftover-placeholder')).toEqual([]);
      const text = compiled.prompt!.text;
      const placeholders = strings(spec).filter(([, value]) => value.startsWith('TODO: '));
      expect(placeholders.map(([path]) => path)).toEqual([
        'title',
        'subsystem',
        'compose.profile',
        'mission',
        'why.stakes',
        'why.reasons[0]',
        'modules[0].notes[0]',
        'new_patterns[0]',
        'charter_refs[0].why',
        'charter_refs[1].why',
        'hand_back.merge_gate',
        'trigger.after',
        'trigger.note',
      ]);
      // Compile reports a placeholder at the spec value it came from, with its
      // place in the prompt as the related location; lint of the bare text can
      // only report the prompt position.
      const atCompile = compiled.diagnostics
        .filter((d) => d.code === 'leftover-placeholder')
        .map((d) => (d.file === 'waves/phase-01/wave-3.yaml' && d.related ? d.related : d));
      const lines = text.split('\n');
      for (const [path, value] of placeholders) {
        const printedOn = lines.flatMap((line, i) => (line.includes(value.replace(/\s+/g, ' ')) ? [i + 1] : []));
        expect(printedOn, `${path} does not reach the prompt`).not.toEqual([]);
        expect(
          atCompile.some((d) => printedOn.includes(d.line)),
          `${path} is in the prompt, but compile does not report it`,
        ).toBe(true);
      }
      const linted = await lintPrompt(ws.root, { path: 'draft.md', text });
      // Lint of the bare text reports every printing of a placeholder; compile
      // reports each spec value once (where it is first printed), so its
      // positions are among lint's and lint reports nothing else.
      const lintedAt = linted.diagnostics
        .filter((d) => d.code === 'leftover-placeholder')
        .map((d) => `${d.line}:${d.column}`);
      expect(lintedAt).toEqual(expect.arrayContaining(atCompile.map((d) => `${d.line}:${d.column}`)));
      const placeholderLines = new Set(lines.flatMap((line, i) => (line.includes('TODO: ') ? [i + 1] : [])));
      expect(
        linted.diagnostics.filter((d) => d.code === 'leftover-placeholder' && !placeholderLines.has(d.line)),
      ).toEqual([]);
    },
  );
});
