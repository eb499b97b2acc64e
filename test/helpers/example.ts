import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/**
 * The live example workspace's waves, discovered (every
 * `waves/phase-NN/wave-N.yaml`), never listed: a wave or a phase the
 * operator adds is golden-checked like the others. Only the example's own
 * golden checks use this; every other test owns a fixture workspace.
 */
export interface ExampleWave {
  phase: number;
  wave: number;
  /** Repository-relative path of the spec. */
  spec: string;
}

/** `root`: the live example by default; a copy of it for the test that grows one. */
export function exampleWaves(root = REPO_ROOT): ExampleWave[] {
  const found: ExampleWave[] = [];
  const waves = path.join(root, 'waves');
  for (const dir of readdirSync(waves)) {
    const phase = /^phase-(\d+)$/.exec(dir);
    if (!phase) continue;
    for (const file of readdirSync(path.join(waves, dir))) {
      const wave = /^wave-(\d+)\.ya?ml$/.exec(file);
      if (wave) found.push({ phase: Number(phase[1]), wave: Number(wave[1]), spec: `waves/${dir}/${file}` });
    }
  }
  return found.sort((a, b) => a.phase - b.phase || a.wave - b.wave);
}

export async function exampleSpecs(): Promise<string[]> {
  return exampleWaves().map((w) => w.spec);
}
