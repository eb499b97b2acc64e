import { existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { WavecConfig } from '../schema/config.js';
import { agentTable } from '../schema/agents.js';
import { closestMatch } from '../util/similar.js';
import { CONFIG_FILE } from './config-file.js';
import { isInsidePath } from '../util/inside.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { outputNameProblem } from './output-path.js';
import { validate } from '../validate/validate.js';
import { readSource, type SourceFile } from './read-source.js';
import { parseYaml, type YamlSource } from '../syntax/yaml.js';

export { CONFIG_FILE };

export type ConfigResult =
  | { ok: true; config: WavecConfig; file: SourceFile | undefined; yaml: YamlSource | undefined }
  | { ok: false; diagnostics: Diagnostic[] };

/** Reads `wavec.config.yaml`; a workspace without one gets every default. */
export async function loadConfig(root: string): Promise<ConfigResult> {
  if (!existsSync(path.join(root, CONFIG_FILE)))
    return { ok: true, config: WavecConfig.parse({}), file: undefined, yaml: undefined };
  const read = await readSource(root, CONFIG_FILE);
  if (!read.ok) return read;
  const key = `${read.file.absolutePath}\0${read.file.hash}`;
  return parsedConfigs.get(key) ?? parsedConfigs.set(key, parseConfig(read.file));
}

/**
 * Parsed by file and content, shared between loads (never mutated): a reload parses the config only when it
 * changed.
 */
const parsedConfigs = new BoundedCache<string, ConfigResult>(100);

function parseConfig(file: SourceFile): ConfigResult {
  const parsed = parseYaml(file.text, { file: file.path });
  if (!parsed.ok) return parsed;
  const checked = validate(WavecConfig, parsed.yaml, 'config-invalid');
  if (!checked.ok) return checked;
  const outside = [
    ...unknownAgent(checked.value, parsed.yaml),
    ...outputNameProblems(checked.value, parsed.yaml),
    ...pathsOutside(checked.value, parsed.yaml),
  ];
  if (outside.length > 0) return { ok: false, diagnostics: outside };
  return { ok: true, config: checked.value, file: file, yaml: parsed.yaml };
}

/**
 * Where a top-level key of the config is written (its value), for a diagnostic about the setting; the config file's
 * start when the key is not written (its default applies), or wavec.config.yaml's when there is no file.
 */
export function configKeyAt(
  config: { configFile: SourceFile | undefined; configYaml: YamlSource | undefined },
  key: keyof WavecConfig,
): SourceLocation {
  const { configFile, configYaml } = config;
  const written = configYaml?.value !== null && typeof configYaml?.value === 'object' && key in configYaml.value;
  return written ? configYaml.locate([key]) : fileStart(configFile?.path ?? CONFIG_FILE);
}

/** `agent` names a shipped agent or one of the config's `agents`. */
function unknownAgent(config: WavecConfig, yaml: YamlSource): Diagnostic[] {
  const problem = unknownAgentProblem(config.agent, config.agents);
  return problem ? [diagnostic('config-invalid', 'error', `agent: ${problem}`, yaml.locate(['agent']))] : [];
}

/** Why `id` names no agent of the workspace (with a did-you-mean and the known ones), or undefined when it does. */
export function unknownAgentProblem(id: string, userAgents: WavecConfig['agents']): string | undefined {
  const known = Object.keys(agentTable(userAgents));
  if (known.includes(id)) return undefined;
  const suggestion = closestMatch(id, known);
  return (
    `unknown agent "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} ` +
    `(known: ${known.join(', ')}; define your own under \`agents\` in ${CONFIG_FILE})`
  );
}

/**
 * `output_name` as a whole: its placeholders, and that the prompts it names
 * cannot land on an input (a fragment, a spec) whatever the wave.
 */
function outputNameProblems(config: WavecConfig, yaml: YamlSource): Diagnostic[] {
  const problem = outputNameProblem(config.output_name);
  if (problem) return [diagnostic('config-invalid', 'error', `output_name: ${problem}`, yaml.locate(['output_name']))];
  const inside = (folder: string, parent: string) =>
    isInsidePath(
      path.posix.normalize(parent.replaceAll('\\', '/')),
      path.posix.normalize(folder.replaceAll('\\', '/')),
      path.posix,
    );
  const outputFolder = path.posix.dirname(path.posix.join(config.output_dir, config.output_name));
  for (const key of ['templates_dir', 'waves_dir'] as const) {
    if (inside(outputFolder, config[key])) {
      const at = inside(config.output_dir, config[key]) ? 'output_dir' : 'output_name';
      return [
        diagnostic(
          'output-location',
          'error',
          `prompts would be written into ${key} (${config[key]}), where wavec reads its inputs`,
          yaml.locate([at]),
        ),
      ];
    }
  }
  return [];
}

/** Config keys that name a place in the workspace. */
const PATH_KEYS = ['templates_dir', 'waves_dir', 'output_dir', 'charter'] as const;

/**
 * Paths in the config are relative to the workspace and stay inside it.
 * Checked here on the text, where the key can be pointed at; links that
 * lead out are caught again on real paths when the files are read or written.
 */
function pathsOutside(config: WavecConfig, yaml: YamlSource): Diagnostic[] {
  const escapes = (value: string) =>
    path.isAbsolute(value) ||
    path.win32.isAbsolute(value) ||
    path.posix.normalize(value.replaceAll('\\', '/')).split('/')[0] === '..';
  const found: Diagnostic[] = [];
  for (const key of PATH_KEYS) {
    if (escapes(config[key])) {
      found.push(
        diagnostic(
          'path-outside-workspace',
          'error',
          `${key} "${config[key]}" is outside the workspace: ` +
            `paths in ${CONFIG_FILE} are relative to it and stay inside`,
          yaml.locate([key]),
        ),
      );
    }
  }
  if (!escapes(config.output_dir) && escapes(path.posix.join(config.output_dir, config.output_name))) {
    found.push(
      diagnostic(
        'path-outside-workspace',
        'error',
        `output_name "${config.output_name}" leads out of output_dir`,
        yaml.locate(['output_name']),
      ),
    );
  }
  return found;
}
