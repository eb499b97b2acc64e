import { formatDiagnostic, formatSummary, type FormatOptions } from '../format.js';
import type { LintFindings } from './lint-report.js';

/** `file:line:col severity code message`, the source line and a caret, then one summary line. */
export function formatHuman(report: LintFindings, options: FormatOptions = {}): string {
  const out = report.diagnostics.map((d) => formatDiagnostic(d, options));
  const { count } = report;
  out.push(`${count} prompt${count === 1 ? '' : 's'} linted: ${formatSummary(report.diagnostics)}`);
  return `${out.join('\n')}\n`;
}
