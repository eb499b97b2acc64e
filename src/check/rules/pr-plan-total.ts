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
    'equals the derived plan: one PR per module plus one per cross-module task. A count that names another phase ' +
    'or wave beside it ("ten PRs of phase 01", "wave 3\'s 4 PRs") is about that plan and is not compared.',
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
      if (namesAnotherWave(prompt.text, match.index, match.index + match[0].length, spec)) continue;
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

/** `phase 01`, `phase 1 wave 2`, `wave 3`: the wave or phase a count belongs to, written beside it. */
const WAVE_NAME = String.raw`(?:phase\s+(\d+)(?:,?\s+wave\s+(\d+))?|wave\s+(\d+))`;
/** `… PRs of phase 01`, `… PRs from wave 3`, `… PRs in phase 1 wave 2`. */
const NAMED_AFTER = new RegExp(
  String.raw`^\s+(?:(?:in\s+)?total\s+)?(?:of|from|in|for)\s+(?:the\s+)?${WAVE_NAME}`,
  'i',
);
/** `phase 01's ten PRs`, `wave 3's 4 PRs`, `wave 3: 4 PRs`. */
const NAMED_BEFORE = new RegExp(String.raw`${WAVE_NAME}(?:'s|’s|:)\s+(?:(?:all|the)\s+)?$`, 'i');

/**
 * A count that names another phase or wave beside it ("after all ten PRs of phase 01 are merged") is about that
 * wave's plan, not this one's: it is not compared. A count naming this very wave still is.
 */
function namesAnotherWave(text: string, start: number, end: number, spec: { phase: number; wave: number }): boolean {
  const after = NAMED_AFTER.exec(text.slice(end, end + 60));
  const before = NAMED_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  for (const named of [after, before]) {
    if (!named) continue;
    const phase = named[1] === undefined ? spec.phase : Number(named[1]);
    const wave = named[2] ?? named[3];
    if (phase !== spec.phase) return true;
    if (wave !== undefined && Number(wave) !== spec.wave) return true;
    // `phase NN` alone, this wave's phase: the count of the whole phase, not of this wave.
    if (wave === undefined && named[1] !== undefined) return true;
  }
  return false;
}

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
