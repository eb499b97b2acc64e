import { chainDigests } from '../load/chain-digest.js';
import type { Fragment } from '../load/fragments.js';
import type { LoadedSpec } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import type { WavecConfig } from '../schema/config.js';
import type { Provenance } from '../schema/provenance.js';
import { sha256 } from '../util/hash.js';
import { stableJson } from '../util/stable-json.js';
import { VERSION } from '../version.js';

export function buildProvenance(
  workspace: Workspace,
  chain: readonly LoadedSpec[],
  used: readonly Fragment[],
  prompt: { path: string; text: string },
): Provenance {
  const current = chain[chain.length - 1]!;
  const digests = chainDigests(chain);
  const previous = chain.length > 1 ? chain[chain.length - 2]! : undefined;
  return {
    generator: 'wavec',
    version: VERSION,
    phase: current.spec.phase,
    wave: current.spec.wave,
    prompt: { path: prompt.path, hash: sha256(prompt.text) },
    spec: { path: current.file.path, hash: current.file.hash },
    predecessor: previous
      ? { path: previous.file.path, hash: previous.file.hash, chain: digests[digests.length - 2]! }
      : null,
    chain: digests[digests.length - 1]!,
    config: workspace.configFile
      ? { path: workspace.configFile.path, hash: compileSettingsHash(workspace.config) }
      : null,
    charter: { path: workspace.charter.file.path, hash: workspace.charter.file.hash },
    fragments: [...used]
      .map((f) => ({ id: f.id, path: f.file.path, hash: f.file.hash, layer: f.layer }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    encoding: workspace.config.encoding,
  };
}

/** Settings that decide whether a prompt passes, not what it says. */
const CHECK_ONLY_SETTINGS = new Set(['rules', 'required_sections', 'max_file_bytes']);

export function compileSettingsHash(config: WavecConfig): string {
  const shaping = Object.fromEntries(Object.entries(config).filter(([key]) => !CHECK_ONLY_SETTINGS.has(key)));
  return sha256(stableJson(shaping));
}
