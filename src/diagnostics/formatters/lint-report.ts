import type { PromptStats } from '../../schema/stats.js';
import type { Diagnostic, Severity } from '../diagnostic.js';

/** What a lint run produced, in the shape every output format reads. */
export interface LintReport {
  /** One per prompt linted, in path order. */
  prompts: { path: string; ok: boolean; compiled: boolean; stats?: PromptStats; diagnostics: Diagnostic[] }[];
  /** Every diagnostic once (a config problem found while linting each prompt is listed once), sorted. */
  diagnostics: Diagnostic[];
}

/** What the formats that print findings only (human, github, sarif) read of a lint run. */
export interface LintFindings {
  /** How many prompts were linted. */
  count: number;
  /** Every diagnostic once, sorted. */
  diagnostics: readonly Diagnostic[];
}

/** A rule as the SARIF driver lists it: its code, what it checks, and the severity it runs at. */
export interface RuleDescriptor {
  code: string;
  description: string;
  severity: Severity | 'off';
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
