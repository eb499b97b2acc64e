import type { Severity } from '../diagnostics/diagnostic.js';
import type { RuleSetting } from '../schema/config.js';
import { severityOf } from '../schema/rules.js';
import { PHASE_RULES } from './phase.js';
import { RULES } from './rules/index.js';

/** Every rule, prompt and phase-wide, with the severity it runs at under these settings: for SARIF and docs. */
export function ruleDescriptors(
  settings: Readonly<Record<string, RuleSetting>>,
): { code: string; description: string; severity: Severity | 'off' }[] {
  return [...RULES, ...PHASE_RULES].map((rule) => ({
    code: rule.code,
    description: rule.description,
    severity: severityOf(settings[rule.code], rule.severity),
  }));
}
