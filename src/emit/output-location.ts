import { realpathSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { configKeyAt } from '../load/config.js';
import type { LoadedSpec } from '../load/specs.js';
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
  for (const ref of waves) {
    if (ref.phase === current.phase && ref.wave === current.wave) continue;
    if (path.posix.normalize(outputPath(config, ref)) === own)
      return [
        diagnostic(
          'output-location',
          'error',
          `phase ${current.phase} wave ${current.wave} and phase ${ref.phase} wave ${ref.wave} would both write ${own}`,
          at,
        ),
      ];
  }
  const target = realTarget(workspace.root, own);
  const inputs: [string, string][] = [
    ...(workspace.configFile ? [[workspace.configFile.absolutePath, 'the config'] as [string, string]] : []),
    [workspace.charter.file.absolutePath, 'the charter'],
    ...[...workspace.fragments.values()].map((f): [string, string] => [f.file.absolutePath, `fragment "${f.id}"`]),
    ...waves.map((ref): [string, string] => [
      workspace.specs.realPaths().real(ref.path) ?? path.resolve(workspace.root, ref.path),
      `the spec of phase ${ref.phase} wave ${ref.wave}`,
    ]),
  ];
  const input = inputs.find(([file]) => file === target);
  if (input)
    return [
      diagnostic(
        'output-location',
        'error',
        `the prompt's path ${own} is an input file (${input[1]}); compiling would replace it`,
        at,
      ),
    ];
  return [];
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
