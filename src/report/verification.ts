import type { PromptStats, SectionStats } from '../schema/stats.js';
import type { Composition } from '../compose/context.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Budget } from '../schema/config.js';

/**
 * The "Verification" checklist of a wave's PR body (see the seed PR), with
 * measured values. A box is ticked only when its measurement holds and no
 * rule tied to it reported an error or a warning: which rules untick which
 * box is data (ITEM_RULES), so a rule added later counts as soon as it is
 * registered under one of those codes.
 */
export interface VerificationItem {
  id: VerificationId;
  /** The checklist line without its box. */
  label: string;
  /** `false` for a point the spec does not have (a wave without a pivot): shown, not ticked, not failed. */
  applicable: boolean;
  ticked: boolean;
  /** Why an applicable box is not ticked: the failed measurement, or the findings of its rules. */
  problems: string[];
}

export interface Verification {
  path: string;
  items: VerificationItem[];
  /** Every applicable box is ticked. */
  ok: boolean;
}

export type VerificationId =
  'length' | 'pr-references' | 'charter' | 'wakeup-honesty' | 'pivot' | 'emotional-context' | 'pr-count';

/** Rule codes whose findings untick a box; a trailing `*` matches a prefix. */
export const ITEM_RULES: Record<VerificationId, readonly string[]> = {
  length: ['budget-tokens', 'budget-lines'],
  'pr-references': ['pr-reference-*'],
  charter: ['charter-*'],
  'wakeup-honesty': ['charter-*'],
  pivot: [],
  'emotional-context': [],
  'pr-count': ['pr-plan-*'],
};

/**
 * A finding that the prompt's text is not this wave's current compile (stale or edited by hand): every box measured on
 * it would describe another text, so each unticks. A sidecar that is only out of date (the text compiles the same)
 * does not count: the boxes are measured on the right text.
 */
function notTheCompile(d: Diagnostic, promptPath: string): boolean {
  return d.code === 'prompt-drift' && d.file === promptPath;
}

export interface VerificationInput {
  path: string;
  text: string;
  stats: PromptStats;
  budget: Budget;
  composition: Composition;
  /** Where the predecessor wave's prompt is, when there is one. */
  predecessorPrompt: string | undefined;
  diagnostics: readonly Diagnostic[];
  /** The heading line of the section the honesty-role fragment wrote, when the text is a compile's. */
  honestyHeadingLine?: number;
}

export function buildVerification(input: VerificationInput): Verification {
  const { context, plan } = input.composition;
  const flat = collapse(input.text);
  const contains = (s: string) => flat.includes(collapse(s));
  const sectionOf = (s: string) => sectionContaining(input, s);
  const items: VerificationItem[] = [];
  const add = (id: VerificationId, label: string, measured: string[] | false) => {
    if (measured === false) {
      items.push({ id, label, applicable: false, ticked: false, problems: [] });
      return;
    }
    const findings = input.diagnostics
      .filter(
        (d) =>
          d.severity !== 'info' &&
          (notTheCompile(d, input.path) ||
            ITEM_RULES[id].some((code) =>
              code.endsWith('*') ? d.code.startsWith(code.slice(0, -1)) : d.code === code,
            )),
      )
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
    const problems = [...measured, ...findings];
    items.push({ id, label, applicable: true, ticked: problems.length === 0, problems });
  };

  const { stats, budget } = input;
  const tokenLimit = budget.max_tokens - budget.reserve_tokens;
  const reserve = budget.reserve_tokens > 0 ? ` (${budget.max_tokens} − ${budget.reserve_tokens} reserve)` : '';
  add(
    'length',
    `Length: ${stats.lines} lines, ${stats.tokens} tokens (${stats.encoding}) — ` +
      `budget ${budget.max_lines} lines / ${tokenLimit} tokens${reserve}`,
    [
      ...(stats.lines > budget.max_lines ? [`${stats.lines - budget.max_lines} lines over the budget`] : []),
      ...(stats.tokens > tokenLimit ? [`${stats.tokens - tokenLimit} tokens over the budget`] : []),
    ],
  );

  const predecessor = input.predecessorPrompt;
  if (context.canary_prs.length === 0 && !predecessor)
    add('pr-references', 'PR references: the spec names no canary PRs and no predecessor', false);
  else {
    const parts = [
      context.canary_prs.length > 0 ? `canary PRs ${context.canary_summary}` : '',
      predecessor ? `the predecessor prompt ${predecessor}` : '',
    ].filter(Boolean);
    add('pr-references', `References ${parts.join(' and ')}`, [
      ...(context.canary_prs.length > 0 && !contains(context.canary_summary)
        ? [`"${context.canary_summary}" is not in the prompt`]
        : []),
      ...(predecessor && !contains(predecessor) ? [`${predecessor} is not in the prompt`] : []),
    ]);
  }

  // The charter's wakeup-honesty section, as compose found it for the Hand-back's labels.
  const wakeup = context.hand_back.labels;
  const refs = context.charter_refs.filter((ref) => ref.section !== wakeup?.section);
  add(
    'charter',
    refs.length > 0
      ? `Charter ${listed(refs.map((r) => `§${r.section} (${r.title.toLowerCase()})`))} referenced`
      : 'Charter: the spec references no charter section',
    refs.length > 0
      ? refs
          .filter((r) => !new RegExp(`§\\s*${r.section}(?!\\d)`).test(input.text))
          .map((r) => `§${r.section} is not in the prompt`)
      : false,
  );

  if (!wakeup) add('wakeup-honesty', 'Wakeup honesty: the charter has no wakeup-honesty section', false);
  else {
    // By role when the text is a compile's; a hand-edited prompt's section is the one titled as the charter's.
    const section =
      input.stats.sections.find((s) => s.line === input.honestyHeadingLine) ??
      input.stats.sections.find((s) => s.title.toLowerCase().includes(wakeup.title.toLowerCase()));
    add(
      'wakeup-honesty',
      `§${wakeup.section} ${wakeup.title.toLowerCase()} referenced` +
        `${section ? `, in "${section.title}" (line ${section.line})` : ''}`,
      [
        ...(!new RegExp(`§\\s*${wakeup.section}(?!\\d)`).test(input.text)
          ? [`§${wakeup.section} is not in the prompt`]
          : []),
        ...(!section
          ? ['the prompt has no wakeup-honesty section']
          : section.empty
            ? [`"${section.title}" is empty`]
            : []),
      ],
    );
  }

  if (!context.pivot) add('pivot', 'Pivot rationale: the spec records no pivot', false);
  else {
    const where = sectionOf(context.pivot.rationale);
    add(
      'pivot',
      `Pivot rationale documented in the prompt body${where ? `, in "${where.title}" (line ${where.line})` : ''}, ` +
        'so the agent does not re-propose it',
      [
        ...(contains(context.pivot.rationale) ? [] : ['pivot.rationale is not in the prompt']),
        ...context.pivot.do_not_propose
          .filter((item) => !contains(item))
          .map((item) => `do_not_propose "${item}" is not in the prompt`),
      ],
    );
  }

  const stakesAt = sectionOf(context.why.stakes);
  add(
    'emotional-context',
    `Emotional context (why.stakes) surfaced${stakesAt ? ` in "${stakesAt.title}" (line ${stakesAt.line})` : ''}`,
    contains(context.why.stakes) ? [] : ['why.stakes is not in the prompt'],
  );

  const modules = context.modules.length;
  const tasks = context.cross_module_tasks.length;
  const breakdown =
    `${modules} module${modules === 1 ? '' : 's'} + ` + `${tasks} cross-module task${tasks === 1 ? '' : 's'}`;
  add(
    'pr-count',
    `PR count: ${plan.total} (${breakdown})${plan.stated === undefined ? '' : `, stated ${plan.stated}`}`,
    [
      ...(plan.stated !== undefined && plan.stated !== plan.total ? [`the spec states ${plan.stated}`] : []),
      ...(new RegExp(`\\b${statedCount(plan.total)}\\b`).test(input.text)
        ? []
        : [`"${statedCount(plan.total)}" is not in the prompt`]),
    ],
  );

  return { path: input.path, items, ok: items.every((item) => !item.applicable || item.ticked) };
}

/** How the prompt states a PR total: `1 PR`, `5 PRs`. */
function statedCount(total: number): string {
  return total === 1 ? '1 PR' : `${total} PRs`;
}

/** The checklist as Markdown, ready to paste into the PR body. */
export function formatVerification(verification: Verification): string {
  const lines = [`Verification: ${verification.path}`, ''];
  for (const item of verification.items) {
    // A box that does not apply is said in words, as `wavec pr` says it: an empty box would read as a failure.
    lines.push(item.applicable ? `- [${item.ticked ? 'x' : ' '}] ${item.label}` : `- Does not apply: ${item.label}.`);
    for (const problem of item.problems) lines.push(`  - ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Whitespace-insensitive: spec strings are folded YAML, the prompt may wrap them. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The `##` section whose text holds a spec string, to say where the checklist found it. */
function sectionContaining(input: VerificationInput, needle: string): SectionStats | undefined {
  const firstWords = collapse(needle).split(' ').slice(0, 6).join(' ');
  const lines = input.text.split('\n');
  const index = lines.findIndex((line) => collapse(line).includes(firstWords));
  if (index === -1) return undefined;
  return [...input.stats.sections].reverse().find((s) => s.depth === 2 && s.line <= index + 1);
}
