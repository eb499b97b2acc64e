import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { WavecConfig } from '../schema/config.js';
import { validate } from '../validate/validate.js';
import { readSource, type SourceFile } from './read-source.js';
import { parseYaml } from './yaml.js';

export const CONFIG_FILE = 'wavec.config.yaml';

export type ConfigResult =
  | { ok: true; config: WavecConfig; file: SourceFile | undefined }
  | { ok: false; diagnostics: Diagnostic[] };

/** Reads `wavec.config.yaml`; a workspace without one gets every default. */
export async function loadConfig(root: string): Promise<ConfigResult> {
  try {
    await access(path.join(root, CONFIG_FILE));
  } catch {
    return { ok: true, config: WavecConfig.parse({}), file: undefined };
  }
  const read = await readSource(root, CONFIG_FILE);
  if (!read.ok) return read;
  const parsed = parseYaml(read.file.text, { file: read.file.path });
  if (!parsed.ok) return parsed;
  const checked = validate(WavecConfig, parsed.yaml, 'config-invalid');
  if (!checked.ok) return checked;
  return { ok: true, config: checked.value, file: read.file };
}
