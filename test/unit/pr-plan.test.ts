import { describe, expect, it } from 'vitest';
import { derivePrPlan } from '../../src/compose/pr-plan.js';
import type { LoadedSpec } from '../../src/load/specs.js';
import { parseYaml } from '../../src/syntax/yaml.js';
import { WaveSpec } from '../../src/schema/spec.js';
import { validate } from '../../src/validate/validate.js';

const FILE = 'waves/phase-02/wave-4.yaml';

function loadSpec(prPlan: string, tasks: string): LoadedSpec {
  const text = `phase: 2
wave: 4
title: Stateful modules
subsystem: storage
compose: { project: homelab }
mission: Migrate the stateful modules.
why: { stakes: data, reasons: [backups] }
modules:
  - { id: postgres, pattern: stateful-db, kind: stateful, backup_priority: critical }
  - { id: redis, pattern: cache, kind: service }
${tasks}
charter_refs: [{ section: 3, why: backups }]
${prPlan}
hand_back: { items: [PR links], merge_gate: operator }
trigger: { commands: [codex exec] }
`;
  const parsed = parseYaml(text, { file: FILE });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const checked = validate(WaveSpec, parsed.yaml, 'spec-invalid');
  if (!checked.ok) throw new Error(JSON.stringify(checked.diagnostics));
  return {
    spec: checked.value,
    yaml: parsed.yaml,
    file: { path: FILE, absolutePath: `/w/${FILE}`, text, hash: 'sha256:0' },
  };
}

const TASK =
  'cross_module_tasks:\n  - { id: backup-job, title: Nightly backup job, file: ops/backup.sh, change: add modules }';

describe('derivePrPlan', () => {
  it('derives one PR per module, then one per cross-module task', () => {
    const { plan, diagnostics } = derivePrPlan(loadSpec('', TASK));
    expect(diagnostics).toEqual([]);
    expect(plan).toEqual({
      total: 3,
      stated: undefined,
      prs: [
        { number: 1, kind: 'module', id: 'postgres', title: 'postgres manifest and runbook' },
        { number: 2, kind: 'module', id: 'redis', title: 'redis manifest and runbook' },
        { number: 3, kind: 'task', id: 'backup-job', title: 'Nightly backup job' },
      ],
    });
  });

  it('accepts a stated total that matches', () => {
    const { plan, diagnostics } = derivePrPlan(loadSpec('pr_plan: { total: 3 }', TASK));
    expect(diagnostics).toEqual([]);
    expect(plan.stated).toBe(3);
  });

  it('reports a stated total that does not match, at the total, and keeps the derived count', () => {
    const { plan, diagnostics } = derivePrPlan(loadSpec('pr_plan:\n  total: 5', TASK));
    expect(plan.total).toBe(3);
    expect(diagnostics).toEqual([
      {
        code: 'pr-plan-total',
        severity: 'error',
        message: 'pr_plan.total is 5, but the plan derives 3 (2 modules + 1 cross-module task)',
        file: FILE,
        line: 15, // `  total: 5`
        column: 10,
      },
    ]);
  });

  it('uses plural task wording when there are none', () => {
    const { diagnostics } = derivePrPlan(loadSpec('pr_plan: { total: 1 }', ''));
    expect(diagnostics.map((d) => d.message)).toEqual([
      'pr_plan.total is 1, but the plan derives 2 (2 modules + 0 cross-module tasks)',
    ]);
  });
});
