import type { BudgetExplanation, FragmentBudget } from '../../explain.js';
import { renderBarChart, type BarStyle } from '../bar-chart.js';
import { parsePositiveInt, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics, useColor } from '../report.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: "Show where a wave's token and line budget goes, per section and per fragment, as bar charts.",
  usage: 'explain <wave> [--phase <n>] [--by tokens|lines] [--base <git-ref>] [--format text|json]',
  options: {
    phase: {
      type: 'string',
      description: 'phase of the wave (needed only when the wave number exists in several phases)',
      placeholder: 'n',
    },
    by: { type: 'string', description: 'what the bars measure: tokens (default) or lines', placeholder: 'unit' },
    base: {
      type: 'string',
      description: "compare each fragment's tokens with the same wave at a git revision (e.g. main)",
      placeholder: 'git-ref',
    },
    format: { type: 'string', description: 'text (default) or json', placeholder: 'format' },
  },
  details: `Bars are cumulative: each starts where the previous ended, and the vertical line
is the budget (max_tokens − reserve_tokens, or max_lines), so the row the line
crosses is where the budget runs out; cells past it are drawn as ! (▓ on a
terminal). Plain ASCII when stdout is not a terminal; colour only on a
terminal without NO_COLOR. Nothing is written.

Exit codes: 0 explained (also when over budget: see \`wavec compile\` for the verdict);
2 usage or input errors, or a --base that cannot be read.

Example: wavec explain 4 --base main`,
  async run(args, io) {
    const wave = parsePositiveInt(args.positionals[0], 'wave number');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'text';
    const by = args.values.by ?? 'tokens';
    const base = args.values.base;
    const problems = [wave, phase].filter((value): value is string => typeof value === 'string');
    if (format !== 'text' && format !== 'json') problems.push(`--format must be text or json, got "${String(format)}"`);
    if (by !== 'tokens' && by !== 'lines') problems.push(`--by must be tokens or lines, got "${String(by)}"`);
    if (problems.length > 0 || typeof wave !== 'number' || typeof phase === 'string') {
      io.stderr.write(`wavec explain: ${problems[0]}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }

    const request = { wave, ...(phase === undefined ? {} : { phase }), ...(typeof base === 'string' ? { base } : {}) };
    const { explainBudget } = await import('../../explain.js');
    const explanation = await explainBudget(args.root, request);
    const baseFailed = explanation.base !== null && explanation.base.totals === null;
    if (format === 'json') io.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
    else {
      // explain writes nothing: a position in the prompt is in the compiled text, not in the file on disk.
      printDiagnostics(
        [...explanation.diagnostics, ...(explanation.base?.diagnostics ?? [])],
        io,
        args.root,
        new Map(),
        explanation.path === null ? {} : { unwritten: explanation.path },
      );
      if (explanation.compiled) {
        const style: BarStyle = { width: 40, unicode: io.isTTY, color: useColor(io, 'stdout') };
        io.stdout.write(formatExplanation(explanation, by === 'lines' ? 'lines' : 'tokens', style));
      }
    }
    return explanation.compiled && !baseFailed ? EXIT.ok : EXIT.usage;
  },
};

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
