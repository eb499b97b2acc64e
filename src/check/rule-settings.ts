import { diagnostic, fileStart, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/read-source.js';
import { parseYaml } from '../load/yaml.js';
import type { RuleSetting } from '../schema/config.js';
import { closestMatch } from '../util/similar.js';
import { PHASE_RULES } from './phase.js';
import { RULES } from './rules/index.js';

/** The severity a rule runs at: its config setting, or its own default. */
export function severityOf(setting: RuleSetting | undefined, fallback: Severity): Severity | 'off' {
  if (setting === undefined) return fallback;
  return typeof setting === 'string' ? setting : setting.severity;
}

/**
 * Codes under `rules:` that name no rule. The config schema cannot know the
 * registry (rules import the schema), so the check is made here, where both
 * are known, and located at the key in wavec.config.yaml.
 */
export function ruleSettingProblems(
  settings: Readonly<Record<string, RuleSetting>>,
  configFile: SourceFile | undefined,
): Diagnostic[] {
  const known: readonly string[] = [...RULES, ...PHASE_RULES].map((rule) => rule.code);
  const unknown = Object.keys(settings).filter((code) => !known.includes(code));
  if (unknown.length === 0) return [];
  const parsed = configFile ? parseYaml(configFile.text, { file: configFile.path }) : undefined;
  return unknown.map((code) => {
    const suggestion = closestMatch(code, known);
    const at = parsed?.ok
      ? parsed.yaml.locate(['rules', code], 'key')
      : fileStart(configFile?.path ?? 'wavec.config.yaml');
    return diagnostic(
      'config-invalid',
      'error',
      `rules.${code}: unknown rule "${code}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      at,
    );
  });
}

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
