import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/read-source.js';
import type { RuleContext } from './rule.js';
import { ruleSettingProblems, severityOf } from './rule-settings.js';
import { RULES } from './rules/index.js';

/**
 * Runs every rule that applies: spec-dependent rules only when the prompt
 * was compiled, and each at the severity the config's `rules` gives it
 * (`off` skips it). Unknown codes in `rules` are reported, not ignored: a
 * typo there would otherwise silently keep a rule on.
 */
export function checkPrompt(context: RuleContext, options: { configFile?: SourceFile } = {}): Diagnostic[] {
  const config = context.config ?? context.compiled?.workspace.config;
  const settings = config?.rules ?? {};
  const withConfig: RuleContext = config ? { ...context, config } : context;
  const findings = RULES.filter((rule) => context.compiled !== undefined || !rule.needsSpec).flatMap((rule) => {
    const severity = severityOf(settings[rule.code], rule.severity);
    if (severity === 'off') return [];
    const found = rule.check(withConfig);
    return severity === rule.severity ? found : found.map((d) => ({ ...d, severity: severity as Severity }));
  });
  const configFile = options.configFile ?? context.compiled?.workspace.configFile;
  return [...ruleSettingProblems(settings, configFile), ...findings];
}
