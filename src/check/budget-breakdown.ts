import type { PromptStats, SectionStats } from '../schema/stats.js';

type Measure = 'tokens' | 'lines';

/** How many of the largest parts a budget message names; the JSON stats carry all of them. */
const SHOWN = 3;

/** Top-level parts: the `##` sections (the `#` title's own lines are the preamble). */
function parts(stats: PromptStats): SectionStats[] {
  const second = stats.sections.filter((s) => s.depth === 2);
  return second.length > 0 ? second : stats.sections.filter((s) => s.depth === 1);
}

/**
 * The section in which a running total of the measure first passes the limit:
 * the place the budget runs out. Per-section token counts add up to about the
 * total (tokens can merge across a boundary), which is close enough to name a
 * section.
 */
export function sectionWhereBudgetRunsOut(
  stats: PromptStats,
  measure: Measure,
  limit: number,
): SectionStats | undefined {
  const sections = parts(stats);
  const first = sections[0];
  if (!first) return undefined;
  // What comes before the first part (the title) counts too.
  let total =
    measure === 'lines' ? first.line - 1 : Math.max(0, stats.tokens - sections.reduce((sum, s) => sum + s.tokens, 0));
  for (const section of sections) {
    total += section[measure];
    if (total > limit) return section;
  }
  return sections[sections.length - 1];
}

/**
 * `largest sections: "Modules" 1290, …; largest fragments: modules 900 (templates/sections/modules.md), …`:
 * where the budget went, for a message that is read in a terminal.
 */
export function whereBudgetWent(stats: PromptStats, measure: Measure): string {
  const bySize = <T extends { tokens: number; lines: number }>(items: readonly T[]) =>
    [...items].sort((a, b) => b[measure] - a[measure]).slice(0, SHOWN);
  const sections = bySize(parts(stats)).map((s) => `"${s.title}" ${s[measure]}`);
  const fragments = bySize(stats.fragments).map((f) => `${f.id} ${f[measure]}${f.file ? ` (${f.file})` : ''}`);
  const out = [];
  if (sections.length > 0) out.push(`largest sections: ${sections.join(', ')}`);
  if (fragments.length > 0) out.push(`largest fragments: ${fragments.join(', ')}`);
  return out.join('; ');
}
