import type { Severity } from '../diagnostic.js';
import { formatDiagnostic, type FormatOptions } from '../format.js';
import { countBySeverity, type LintFindings } from './lint-report.js';

/** `file:line:col severity code message`, the source line and a caret, then one summary line. */
export function formatHuman(report: LintFindings, options: FormatOptions = {}): string {
  const out = report.diagnostics.map((d) => formatDiagnostic(d, options));
  out.push(summaryLine(report.count, countBySeverity(report.diagnostics)));
  return `${out.join('\n')}\n`;
}

/** The human report's last line: how many prompts were linted, and the errors and warnings found. */
export function summaryLine(prompts: number, counts: Readonly<Record<Severity, number>>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(prompts, 'prompt')} linted: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
}
