import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/specs.js';
import type { ModuleLifecycle } from '../schema/spec.js';

/** What a module's PR holds: a new or changed module's PR writes its compose definition too. */
const MODULE_PR_TITLES: Record<ModuleLifecycle, (id: string) => string> = {
  existing: (id) => `${id} manifest and runbook`,
  changed: (id) => `${id} change, manifest and runbook`,
  new: (id) => `${id} compose definition, manifest and runbook`,
};

export interface PlannedPr {
  /** 1-based position in the plan. */
  number: number;
  kind: 'module' | 'task';
  id: string;
  title: string;
}

export interface PrPlan {
  prs: PlannedPr[];
  /** Always the derived count: one PR per module plus one per cross-module task. */
  total: number;
  /** What the spec says, when it says it. */
  stated: number | undefined;
}

/**
 * Derives the PR plan from the spec. The stated total is a cross-check a
 * person wrote; the derived one is what the agent will be held to, so a
 * mismatch is an error rather than a choice between the two.
 */
export function derivePrPlan({ spec, yaml }: LoadedSpec): { plan: PrPlan; diagnostics: Diagnostic[] } {
  const prs: PlannedPr[] = [
    ...spec.modules.map((module) => ({
      kind: 'module' as const,
      id: module.id,
      title: MODULE_PR_TITLES[module.lifecycle](module.id),
    })),
    ...spec.cross_module_tasks.map((task) => ({ kind: 'task' as const, id: task.id, title: task.title })),
  ].map((pr, i) => ({ number: i + 1, ...pr }));
  const stated = spec.pr_plan.total;
  const diagnostics: Diagnostic[] = [];
  if (stated !== undefined && stated !== prs.length) {
    diagnostics.push(
      diagnostic(
        'pr-plan-total',
        'error',
        `pr_plan.total is ${stated}, but the plan derives ${prs.length} ` +
          `(${spec.modules.length} module${spec.modules.length === 1 ? '' : 's'} + ` +
          `${spec.cross_module_tasks.length} cross-module task${spec.cross_module_tasks.length === 1 ? '' : 's'})`,
        yaml.locate(['pr_plan', 'total']),
      ),
    );
  }
  return { plan: { prs, total: prs.length, stated }, diagnostics };
}
