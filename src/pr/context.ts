import type { ModuleView, RenderContext } from '../compose/context.js';
import type { PatternUse } from '../compose/wave-diff.js';
import type { MeasuredWave } from '../report/wave-verification.js';
import { DEFAULT_PR_TITLE, expandTitle } from '../schema/pr-title.js';

/** What the `pr-body` and `pr-commit-message` layouts render: the prompt's render context plus `pr`. */
export interface PrRenderContext extends RenderContext {
  pr: PrView;
}

export interface PrView {
  title: string;
  labels: string[];
  /** Spec items for the Test plan, after the ones the layout derives from the plan. */
  test_plan: string[];
  /** The prompt as measured (the committed one when there is one). */
  prompt: { path: string; lines: number; tokens: number; encoding: string; tokens_k: string };
  predecessor_prompt: string | null;
  /** The Verification checklist, measured: `applicable: false` is a box that does not apply (say so, no box). */
  verification: { label: string; applicable: boolean; ticked: boolean; problems: string[] }[];
  module_ids: string[];
  /** Counts with their nouns, so a layout never writes "1 modules": `4 modules`, `1 cross-module task`, `5 PRs`. */
  counts: { modules: string; tasks: string; prs: string };
  /**
   * The pattern fragments this wave uses first: those no predecessor used (`new_pattern_fragments`), and for the first
   * wave of a chain every pattern its modules use, since none was used before.
   */
  new_pattern_fragments: PatternUse[];
  /** Whether the wave has new patterns to list (pattern fragments or spec notes). */
  has_new_patterns: boolean;
  /** How a command names this wave: `4`, or `1 --phase 3` when another phase has a wave of that number. */
  wave_argument: string;
}

export function prContext(measured: MeasuredWave, waveArgument: string): PrRenderContext {
  const context = measured.facts.composition.context;
  const spec = measured.facts.chain[measured.facts.chain.length - 1]!.spec;
  const { stats } = measured.prompt;
  const title = expandTitle(spec.pr.title ?? DEFAULT_PR_TITLE, {
    phase: spec.phase,
    wave: spec.wave,
    title: spec.title,
    subsystem: spec.subsystem,
    agent: context.agent.name,
  });
  const newPatterns = context.predecessor ? context.new_pattern_fragments : patternsOf(context.modules);
  return {
    ...context,
    pr: {
      title,
      labels: spec.pr.labels,
      test_plan: spec.pr.test_plan,
      prompt: {
        path: measured.prompt.path,
        lines: stats.lines,
        tokens: stats.tokens,
        encoding: stats.encoding,
        tokens_k: (stats.tokens / 1000).toFixed(1),
      },
      predecessor_prompt: measured.predecessorPrompt ?? null,
      verification: measured.verification.items.map(({ label, applicable, ticked, problems }) => ({
        label,
        applicable,
        ticked,
        problems,
      })),
      module_ids: context.modules.map((m) => m.id),
      counts: {
        modules: counted(context.modules.length, 'module'),
        tasks: counted(context.cross_module_tasks.length, 'cross-module task'),
        prs: counted(context.pr_plan.total, 'PR'),
      },
      new_pattern_fragments: newPatterns,
      has_new_patterns: newPatterns.length > 0 || context.new_patterns.length > 0,
      wave_argument: waveArgument,
    },
  };
}

/** The patterns `modules` use, in order of first use, with the modules that use each. */
function patternsOf(modules: readonly ModuleView[]): PatternUse[] {
  const uses = new Map<string, PatternUse>();
  for (const module of modules) {
    const use = uses.get(module.pattern.id) ?? { id: module.pattern.id, title: module.pattern.title, modules: [] };
    use.modules.push(module.id);
    uses.set(use.id, use);
  }
  return [...uses.values()];
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
