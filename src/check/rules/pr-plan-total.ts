import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** `5 PRs in total`, `**5 PRs in total**`, `five PRs total`. */
const STATED_TOTAL = new RegExp(`\\b(\\d+|${NUMBER_WORDS.join('|')})\\s+PRs?\\s+(?:in\\s+)?total\\b`, 'gi');

/**
 * The same code as the compose-time check of `pr_plan.total`, with the same
 * meaning: a stated PR total differs from the derived plan. This is the
 * prompt side: text that states a total, wherever it came from.
 */
export const prPlanTotal: Rule = {
  code: 'pr-plan-total',
  severity: 'error',
  description: 'A PR total the prompt states ("N PRs in total") equals the derived plan: one PR per module plus one per cross-module task.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const spec = compiled.chain[compiled.chain.length - 1]!.spec;
    const derived = compiled.composition.plan.total;
    const modules = spec.modules.length;
    const tasks = spec.cross_module_tasks.length;
    const breakdown = `${modules} module${modules === 1 ? '' : 's'} + ${tasks} cross-module task${tasks === 1 ? '' : 's'}`;
    const view = viewOf(prompt);
    return [...prompt.text.matchAll(STATED_TOTAL)].flatMap((match) => {
      const stated = toNumber(match[1]!);
      if (stated === derived) return [];
      return [diagnostic(this.code, this.severity, `the prompt states "${match[0].replace(/\s+/g, ' ')}", but the plan derives ${derived} (${breakdown})`, view.locate(match.index))];
    });
  },
};

function toNumber(written: string): number {
  const word = NUMBER_WORDS.indexOf(written.toLowerCase());
  return word === -1 ? Number(written) : word;
}
