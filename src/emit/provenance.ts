import type { Fragment } from '../load/fragments.js';
import type { LoadedSpec } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import type { WavecConfig } from '../schema/config.js';
import { sha256 } from '../util/hash.js';
import { stableJson } from '../util/stable-json.js';
import { VERSION } from '../version.js';

export interface HashedFile {
  path: string;
  hash: string;
}

/**
 * What a compiled prompt was made from. It lives in a sidecar file, not in
 * the prompt, so `codex exec < prompt.md` reads nothing but the prompt.
 * With it, a check can tell a stale prompt (an input changed) from a
 * hand-edited one (the prompt's own hash changed).
 */
export interface Provenance {
  generator: 'wavec';
  version: string;
  phase: number;
  wave: number;
  prompt: HashedFile;
  spec: HashedFile;
  /** Predecessor specs whose constraints were inherited, oldest first. */
  predecessors: HashedFile[];
  /**
   * The config file and the hash of what in it shapes the prompt: every
   * setting but those that only check it (`rules`, `required_sections`,
   * `max_file_bytes`), with defaults filled in. Turning a rule down, or a
   * comment, makes no prompt stale.
   */
  config: HashedFile | null;
  charter: HashedFile;
  /** Sorted by path. */
  fragments: (HashedFile & { id: string })[];
  encoding: string;
}

export function buildProvenance(
  workspace: Workspace,
  chain: readonly LoadedSpec[],
  used: readonly Fragment[],
  prompt: { path: string; text: string },
): Provenance {
  const current = chain[chain.length - 1]!;
  return {
    generator: 'wavec',
    version: VERSION,
    phase: current.spec.phase,
    wave: current.spec.wave,
    prompt: { path: prompt.path, hash: sha256(prompt.text) },
    spec: { path: current.file.path, hash: current.file.hash },
    predecessors: chain.slice(0, -1).map((s) => ({ path: s.file.path, hash: s.file.hash })),
    config: workspace.configFile
      ? { path: workspace.configFile.path, hash: compileSettingsHash(workspace.config) }
      : null,
    charter: { path: workspace.charter.file.path, hash: workspace.charter.file.hash },
    fragments: [...used]
      .map((f) => ({ id: f.id, path: f.file.path, hash: f.file.hash }))
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

/** Stable JSON: two-space indent, LF, final newline. Key order is fixed by buildProvenance. */
export function serializeProvenance(provenance: Provenance): string {
  return `${JSON.stringify(provenance, null, 2)}\n`;
}
