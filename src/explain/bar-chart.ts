/**
 * Horizontal bar charts for the terminal, with a budget line drawn through
 * every row. Pure: the same chart and style give the same string, which is
 * what the golden tests pin.
 */

export interface BarRow {
  label: string;
  value: number;
  /** Extra columns printed after the value, already formatted (lines, deltas). */
  extra?: string[];
}

export interface BarChart {
  title: string;
  /** Heading of the label column, then of the value column, then of each extra column. */
  headings: string[];
  rows: BarRow[];
  /** Where the budget line is drawn, in the unit of the values. */
  budget: number;
  /**
   * Each bar starts where the previous one ended (a waterfall), so the rows
   * together fill the prompt and the line shows in which row the budget runs out.
   */
  cumulative: boolean;
  /** A last row, drawn from zero: the whole against the budget. */
  total?: BarRow;
}

export interface BarStyle {
  /** Cells between the value columns and the end of the scale. */
  width: number;
  /** Block characters when true (a terminal); `#`, `!` and `|` otherwise. */
  unicode: boolean;
  /** ANSI colours (a terminal without NO_COLOR). */
  color: boolean;
  /** Longest label before it is shortened with `…`. */
  maxLabel?: number;
}

const GLYPHS = {
  unicode: { bar: '█', over: '▓', tiny: '▏', line: '│', empty: ' ' },
  ascii: { bar: '#', over: '!', tiny: '.', line: '|', empty: ' ' },
} as const;

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', reset: '\u001b[0m' };

export function renderBarChart(chart: BarChart, style: BarStyle): string {
  const glyphs = style.unicode ? GLYPHS.unicode : GLYPHS.ascii;
  const paint = (code: keyof typeof ANSI, text: string) =>
    style.color && text.trim() !== '' ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  const rows = chart.total ? [...chart.rows, chart.total] : chart.rows;
  const maxLabel = style.maxLabel ?? 40;
  const label = (text: string) => (text.length > maxLabel ? `${text.slice(0, maxLabel - 1)}…` : text);

  const sum = chart.rows.reduce((total, row) => total + row.value, 0);
  const extent = Math.max(chart.budget, chart.cumulative ? sum : 0, ...rows.map((row) => row.value), 1);
  const cell = (value: number) => (value * style.width) / extent;
  const budgetAt = Math.round(cell(chart.budget));

  const columns = [chart.headings, ...rows.map((row) => [label(row.label), String(row.value), ...(row.extra ?? [])])];
  const widths = chart.headings.map((_, i) => Math.max(...columns.map((cells) => (cells[i] ?? '').length)));
  const text = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

  const bar = (start: number, end: number): string => {
    const from = cell(start);
    const to = cell(end);
    const cells: string[] = [];
    let drawn = false;
    for (let i = 0; i < style.width; i++) {
      const centre = i + 0.5;
      const filled = centre >= from && centre < to;
      drawn ||= filled;
      cells.push(filled ? (i >= budgetAt ? paint('red', glyphs.over) : paint('cyan', glyphs.bar)) : glyphs.empty);
    }
    // A part too small for a whole cell still shows where it sits.
    if (!drawn && end > start) {
      const i = Math.min(style.width - 1, Math.floor(from));
      cells[i] = paint('dim', glyphs.tiny);
    }
    cells.splice(budgetAt, 0, paint('yellow', glyphs.line));
    return cells.join('').trimEnd();
  };

  const marker = `budget ${chart.budget} `.padStart(budgetAt);
  const lines = [chart.title, `  ${text(chart.headings)}  ${marker}${paint('yellow', glyphs.line)}`];
  let running = 0;
  for (const row of chart.rows) {
    const start = chart.cumulative ? running : 0;
    running += row.value;
    lines.push(`  ${text(columnsOf(row, label))}  ${bar(start, start + row.value)}`.trimEnd());
  }
  if (chart.total) lines.push(`  ${text(columnsOf(chart.total, label))}  ${bar(0, chart.total.value)}`.trimEnd());
  return `${lines.join('\n')}\n`;
}

function columnsOf(row: BarRow, label: (text: string) => string): string[] {
  return [label(row.label), String(row.value), ...(row.extra ?? [])];
}
