import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleSetting } from '../schema/config.js';
import { RULE_CODES } from '../schema/rules.js';
import { parseYaml } from '../syntax/yaml.js';
import { closestMatch } from '../util/similar.js';
import type { SourceFile } from './read-source.js';

/**
 * Codes under `rules:` that name no rule, located at the key in wavec.config.yaml. The config schema takes any key
 * (so the message can suggest the code meant); this check is the loader's, against the list of codes in schema/.
 */
export function ruleSettingProblems(
  settings: Readonly<Record<string, RuleSetting>>,
  configFile: SourceFile | undefined,
): Diagnostic[] {
  const known: readonly string[] = RULE_CODES;
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
