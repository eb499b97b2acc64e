import path from 'node:path';
import { exampleWaves, type ExampleWave } from './example.js';
import { REPO_ROOT } from './paths.js';

/**
 * The second example workspace (README, "A second example"): another team's charter, conventions and output
 * folder. Its committed prompts, sidecars and PR bodies are its goldens, as the root example's are.
 */
export const SECOND_EXAMPLE = path.join(REPO_ROOT, 'examples/parcel-depot');

/** Its waves, discovered as the root example's are: a wave added there is golden-checked too. */
export function secondExampleWaves(): ExampleWave[] {
  return exampleWaves(SECOND_EXAMPLE);
}

/** Where its prompt for a wave is (its config: output_dir agent-prompts, output_name depot-p{phase}-w{wave}.md). */
export function secondExamplePrompt(wave: { phase: number; wave: number }): string {
  return `agent-prompts/depot-p${wave.phase}-w${wave.wave}.md`;
}

/** The CLI's wave arguments for a wave: its number and its phase (wave numbers repeat across phases there). */
export function waveArgs(wave: { phase: number; wave: number }): string[] {
  return [String(wave.wave), '--phase', String(wave.phase)];
}
