import type { BudgetExplanation, FragmentBudget } from './explain.js';
import { renderBarChart, type BarStyle } from './bar-chart.js';

/** The summary lines, then one chart per section and one per fragment. */
export function formatExplanation(explanation: BudgetExplanation, unit: 'tokens' | 'lines', style: BarStyle): string {
  const { budget, totals } = explanation;
  if (!budget || !totals) return '';
  const tokenLimit = budget.max_tokens - budget.reserve_tokens;
  const limit = unit === 'tokens' ? tokenLimit : budget.max_lines;
  const left = (used: number, max: number) => (used <= max ? `${max - used} left` : `${used - max} over`);
  const reserve = budget.reserve_tokens ? `, ${budget.reserve_tokens} reserved of ${budget.max_tokens}` : '';
  const out = [
    `${explanation.path} (wave ${explanation.wave}, phase ${explanation.phase})`,
    `  tokens  ${totals.tokens} / ${tokenLimit} (${totals.encoding}${reserve}), ${left(totals.tokens, tokenLimit)}`,
    `  lines   ${totals.lines} / ${budget.max_lines}, ${left(totals.lines, budget.max_lines)}`,
  ];
  const base = explanation.base;
  if (base?.totals) {
    const delta = totals.tokens - base.totals.tokens;
    out.push(
      `  base    ${base.revision} (${base.commit!.slice(0, 12)}): ${base.totals.tokens} tokens, ${signed(delta)} since`,
    );
  }
  const value = (part: { tokens: number; lines: number }) => (unit === 'tokens' ? part.tokens : part.lines);
  const other = unit === 'tokens' ? 'lines' : 'tokens';
  const otherValue = (part: { tokens: number; lines: number }) => String(unit === 'tokens' ? part.lines : part.tokens);
  const total = { label: 'total', value: value(totals), extra: [otherValue(totals)] };
  const withDelta = base?.totals != null;

  out.push(
    '',
    renderBarChart(
      {
        title: `${capitalise(unit)} by section (cumulative)`,
        headings: ['section', unit, other],
        rows: explanation.sections.map((s) => ({ label: s.title, value: value(s), extra: [otherValue(s)] })),
        budget: limit,
        cumulative: true,
        total,
      },
      style,
    ),
    renderBarChart(
      {
        title: `${capitalise(unit)} by fragment (cumulative, largest first)`,
        headings: ['fragment', unit, other, ...(withDelta ? ['Δ tokens'] : [])],
        rows: explanation.fragments.map((f) => ({
          label: f.id,
          value: value(f),
          extra: [otherValue(f), ...(withDelta ? [deltaText(f)] : [])],
        })),
        budget: limit,
        cumulative: true,
        total: withDelta ? { ...total, extra: [...total.extra, signed(totals.tokens - base!.totals!.tokens)] } : total,
      },
      style,
    ),
  );
  const yours = explanation.fragments.filter((f) => f.layer === 'user').map((f) => f.id);
  out.push(
    yours.length === 0
      ? "Every fragment is wavec's own (the base layer)."
      : `From your templates folder: ${yours.join(', ')}; the rest are wavec's own (the base layer).`,
    '',
  );
  if (withDelta && base!.removed.length > 0) {
    out.push(
      `Removed since ${base!.revision}: ` +
        `${base!.removed.map((f) => `${f.id} (${signed(-f.tokens)} tokens)`).join(', ')}`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function deltaText(fragment: FragmentBudget): string {
  if (!fragment.delta) return '';
  return fragment.delta.status === 'new' ? `new ${signed(fragment.delta.tokens)}` : signed(fragment.delta.tokens);
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
