import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { RuleContext } from './rule.js';
import { severityOf } from '../schema/rules.js';
import { RULES } from './rules/index.js';

/**
 * Runs every rule that applies: spec-dependent rules only when the prompt
 * was compiled, and each at the severity the config's `rules` gives it
 * (`off` skips it). A code under `rules` that names no rule never gets
 * here: the workspace loader refuses it.
 */
export function checkPrompt(context: RuleContext): Diagnostic[] {
  const config = context.config ?? context.compiled?.workspace.config;
  const settings = config?.rules ?? {};
  const withConfig: RuleContext = config ? { ...context, config } : context;
  const findings = RULES.filter((rule) => context.compiled !== undefined || !rule.needsSpec).flatMap((rule) => {
    const severity = severityOf(settings[rule.code], rule.severity);
    if (severity === 'off') return [];
    const found = rule.check(withConfig);
    return severity === rule.severity ? found : found.map((d) => ({ ...d, severity: severity as Severity }));
  });
  return findings;
}
