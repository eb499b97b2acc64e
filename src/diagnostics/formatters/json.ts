import { countBySeverity, type LintReport } from './lint-report.js';

/** The whole report for tools: each prompt with its stats and diagnostics, and the totals. */
export function formatJson(report: LintReport): string {
  const counts = countBySeverity(report.diagnostics);
  const whole = { prompts: report.prompts, errors: counts.error, warnings: counts.warning, infos: counts.info };
  return `${JSON.stringify(whole, null, 2)}\n`;
}
