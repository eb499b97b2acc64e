import type { RuleSetting, RuleSeverity } from './config.js';

/**
 * The code of every rule: the prompt rules (check/rules/) and the phase-wide checks (check/phase.ts), in the order
 * docs list them. It lives below the loader, which refuses a `rules:` key that names none of them before any rule is
 * loaded; a rule's `code` is typed by it, and a test holds it equal to the registry.
 */
export const RULE_CODES = [
  'budget-tokens',
  'budget-lines',
  'section-required',
  'section-order',
  'section-empty',
  'special-token-text',
  'prompt-drift',
  'charter-section-unknown',
  'charter-required',
  'module-section',
  'pr-reference-unknown',
  'pr-plan-total',
  'constraint-implied',
  'destructive-command',
  'leftover-placeholder',
  'hidden-character',
  'phase-module-unique',
  'phase-predecessor-chain',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/** The severity a rule runs at: its config setting, or its own default. */
export function severityOf(setting: RuleSetting | undefined, fallback: Exclude<RuleSeverity, 'off'>): RuleSeverity {
  if (setting === undefined) return fallback;
  return typeof setting === 'string' ? setting : setting.severity;
}
