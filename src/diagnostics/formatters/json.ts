import type { Diagnostic } from '../diagnostic.js';
import { countBySeverity, type LintReport } from './lint-report.js';

/**
 * The whole report for tools: each prompt with its stats and diagnostics, the diagnostics no prompt carries (a bad
 * config, a spec that does not load: the reason there may be no prompts at all), and the totals.
 */
export function formatJson(report: LintReport): string {
  const counts = countBySeverity(report.diagnostics);
  const carried = new Set(report.prompts.flatMap((p) => p.diagnostics.map(identity)));
  const diagnostics = report.diagnostics.filter((d) => !carried.has(identity(d)));
  const whole = {
    prompts: report.prompts,
    diagnostics,
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
  };
  return `${JSON.stringify(whole, null, 2)}\n`;
}

function identity(d: Diagnostic): string {
  return JSON.stringify([d.file, d.line, d.column, d.code, d.message]);
}
