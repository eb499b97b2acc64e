import { CODES, type Code, type RuleCode } from './codes.js';
import type { RuleSetting, RuleSeverity } from './config.js';

export type { RuleCode } from './codes.js';

/**
 * The code of every rule (the prompt rules of check/rules/ and the phase-wide checks of check/phase.ts), read off the
 * one code table. It lives below the loader, which refuses a `rules:` key that names none of them before any rule is
 * loaded; a test holds it equal to the registry.
 */
export const RULE_CODES: readonly RuleCode[] = (Object.keys(CODES) as Code[]).filter((code): code is RuleCode => {
  const group: string = CODES[code].group;
  return group === 'prompt-rule' || group === 'phase-rule';
});

/** The severity a rule runs at: its config setting, or its own default. */
export function severityOf(setting: RuleSetting | undefined, fallback: Exclude<RuleSeverity, 'off'>): RuleSeverity {
  if (setting === undefined) return fallback;
  return typeof setting === 'string' ? setting : setting.severity;
}
