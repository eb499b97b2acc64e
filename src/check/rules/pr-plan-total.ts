import { diagnostic, type Diagnostic, type SourceLocation } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/specs.js';
import { viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';
import { stringLeaves } from '../../util/string-leaves.js';
import { formatPath } from '../../validate/validate.js';

const NUMBER_WORDS = [
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
/**
 * A count of the wave's PRs, in any of the ways a prompt states one: `5 PRs`,
 * `five PRs`, `5 pull requests`, `5 PR URLs`, `1 PR in total`. A singular
 * without "total" or "URL" is not a count ("one PR per module", "open one PR
 * for it") and is left alone.
 */
const STATED_COUNT = new RegExp(
  `\\b(\\d+|${NUMBER_WORDS.join('|')})\\s+` +
    '(?:(?:PRs?|pull\\s+requests?)\\s+(?:in\\s+)?total\\b|PRs\\b|pull\\s+requests\\b|PR\\s+(?:URLs?|links?)\\b)',
  'gi',
);

/**
 * The same code as the compose-time check of `pr_plan.total`, with the same
 * meaning: a stated PR count differs from the derived plan. This is the
 * prompt side: every count the text states, wherever it came from. A count
 * that a spec value put there is reported at that value, where it is fixed,
 * with the prompt position as the related location.
 */
export const prPlanTotal: Rule = {
  code: 'pr-plan-total',
  severity: 'error',
  description:
    'Every PR count the prompt states ("5 PRs", "five PRs", "5 pull requests", "the 5 PR URLs", "1 PR in total") ' +
    'equals the derived plan: one PR per module plus one per cross-module task.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const current = compiled.chain[compiled.chain.length - 1]!;
    const { spec } = current;
    const derived = compiled.composition.plan.total;
    const modules = spec.modules.length;
    const tasks = spec.cross_module_tasks.length;
    const breakdown =
      `${modules} module${modules === 1 ? '' : 's'} + ` + `${tasks} cross-module task${tasks === 1 ? '' : 's'}`;
    const view = viewOf(prompt);
    // Whitespace collapsed, as the count is compared.
    const values = stringLeaves(spec).map(({ path, value }) => ({ path, text: value.replace(/\s+/g, ' ') }));
    const found = new Map<string, Diagnostic>();
    for (const match of prompt.text.matchAll(STATED_COUNT)) {
      if (toNumber(match[1]!) === derived) continue;
      const stated = match[0].replace(/\s+/g, ' ');
      const message = `the prompt states "${stated}", but the plan derives ${derived} (${breakdown})`;
      const inPrompt = view.locate(match.index);
      const source = sourceOf(current, values, stated);
      const reported = source
        ? diagnostic(this.code, this.severity, message, source.at, {
            related: { ...inPrompt, message: `where ${source.path} puts it in the prompt` },
          })
        : diagnostic(this.code, this.severity, message, inPrompt);
      const key = `${reported.file}:${reported.line}:${reported.column}:${message}`;
      if (!found.has(key)) found.set(key, reported);
    }
    return [...found.values()];
  },
};

function toNumber(written: string): number {
  const word = NUMBER_WORDS.indexOf(written.toLowerCase());
  return word === -1 ? Number(written) : word;
}

/** Every string in the spec with its path, for finding the value a stated count came from. */

/**
 * The one spec value whose text holds the stated count; none (or several) means the prompt position is the best there
 * is.
 */
function sourceOf(
  loaded: LoadedSpec,
  values: readonly { path: (string | number)[]; text: string }[],
  stated: string,
): { at: SourceLocation; path: string } | undefined {
  const pattern = new RegExp(`\\b${stated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  const holders = values.filter((value) => pattern.test(value.text));
  if (holders.length !== 1) return undefined;
  const holder = holders[0]!;
  return { at: loaded.yaml.locate(holder.path), path: formatPath(holder.path) };
}
