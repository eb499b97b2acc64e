import { realpathSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { configKeyAt } from '../load/config.js';
import type { LoadedSpec, WaveRef } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import { outputPath } from '../load/output-path.js';

/**
 * Where a compiled prompt goes must be its own: not an input file (the
 * config, the charter, a fragment, a spec), not the prompt of another wave,
 * and, when the workspace has several phases, named by its phase as well as
 * its wave. Checked before anything is written, at the config's
 * `output_name` (or `output_dir`), where the location is decided.
 */
export async function outputLocationProblems(
  workspace: Workspace,
  chain: readonly LoadedSpec[],
  promptPath: string,
): Promise<Diagnostic[]> {
  const { config } = workspace;
  const at = configKeyAt(workspace, 'output_name');
  const waves = await workspace.specs.waves();
  const phases = [...new Set(waves.map((ref) => ref.phase))];
  if (phases.length > 1 && !/\{phase(?::\d+)?\}/.test(config.output_name)) {
    return [
      diagnostic(
        'output-location',
        'error',
        `output_name "${config.output_name}" has no {phase}, ` +
          `but ${config.waves_dir} has phases ${phases.join(', ')}: their waves would write the same prompts`,
        at,
      ),
    ];
  }
  const current = chain[chain.length - 1]!.spec;
  const own = path.posix.normalize(promptPath);
  const index = locationIndex(workspace, waves);
  const other = index.writers.get(own)?.find((ref) => ref.phase !== current.phase || ref.wave !== current.wave);
  if (other)
    return [
      diagnostic(
        'output-location',
        'error',
        `phase ${current.phase} wave ${current.wave} and phase ${other.phase} wave ${other.wave} ` +
          `would both write ${own}`,
        at,
      ),
    ];
  const target = realTarget(workspace.root, own);
  const input = index.inputs.get(target);
  if (input !== undefined)
    return [
      diagnostic(
        'output-location',
        'error',
        `the prompt's path ${own} is an input file (${input}); compiling would replace it`,
        at,
      ),
    ];
  return [];
}

interface LocationIndex {
  waves: readonly WaveRef[];
  /** Each prompt path some wave writes, and the waves that write it. */
  writers: Map<string, WaveRef[]>;
  /** Each input file's real path and what it is, the first named when two are one file. */
  inputs: Map<string, string>;
}

/** Built once per workspace snapshot: every compile of a run checks its path against every wave and every input. */
const indexes = new WeakMap<Workspace, LocationIndex>();

function locationIndex(workspace: Workspace, waves: readonly WaveRef[]): LocationIndex {
  const known = indexes.get(workspace);
  if (known && known.waves === waves) return known;
  const writers = new Map<string, WaveRef[]>();
  for (const ref of waves) {
    const written = path.posix.normalize(outputPath(workspace.config, ref));
    const same = writers.get(written);
    if (same) same.push(ref);
    else writers.set(written, [ref]);
  }
  const inputs = new Map<string, string>();
  const add = (file: string, label: string) => {
    if (!inputs.has(file)) inputs.set(file, label);
  };
  if (workspace.configFile) add(workspace.configFile.absolutePath, 'the config');
  add(workspace.charter.file.absolutePath, 'the charter');
  for (const f of workspace.fragments.values()) add(f.file.absolutePath, `fragment "${f.id}"`);
  for (const ref of waves)
    add(
      workspace.specs.realPaths().real(ref.path) ?? path.resolve(workspace.root, ref.path),
      `the spec of phase ${ref.phase} wave ${ref.wave}`,
    );
  const index = { waves, writers, inputs };
  indexes.set(workspace, index);
  return index;
}

/**
 * The real path a workspace-relative file has or would have: its folder resolved through links, when the folder
 * exists.
 */
function realTarget(root: string, relative: string): string {
  const absolute = path.resolve(root, relative);
  try {
    return realpathSync.native(absolute);
  } catch {
    try {
      return path.join(realpathSync.native(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}
