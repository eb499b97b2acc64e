import { outputPath } from './output-path.js';
import type { WaveRef } from './specs.js';
import type { Workspace } from './workspace.js';

/**
 * The wave whose compile is written at `promptPath` (workspace-relative), computed from the specs and the config, never
 * from what a sidecar claims: a prompt copied to another wave's path belongs to that wave all the same.
 */
export async function waveWritingTo(workspace: Workspace, promptPath: string): Promise<WaveRef | undefined> {
  const waves = await workspace.specs.waves();
  return waves.find((ref) => outputPath(workspace.config, ref) === promptPath);
}
