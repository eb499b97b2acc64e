import type { WavecConfig } from '../schema/config.js';

/**
 * Expands `output_name`: `{phase}`, `{wave}`, and `{phase:02}`-style widths
 * that zero-pad. Unknown placeholders are an API misuse caught by the config
 * schema's callers, so they throw.
 */
export function outputName(pattern: string, values: { phase: number; wave: number }): string {
  return pattern.replace(/\{(\w+)(?::(\d+))?\}/g, (whole, key: string, width: string | undefined) => {
    if (key !== 'phase' && key !== 'wave') throw new Error(`unknown placeholder ${whole} in output_name "${pattern}"`);
    const value = String(values[key]);
    return width ? value.padStart(Number(width), '0') : value;
  });
}

export function outputPath(config: WavecConfig, values: { phase: number; wave: number }): string {
  return `${config.output_dir.replace(/\/+$/, '')}/${outputName(config.output_name, values)}`;
}

/** The provenance sidecar lives next to its prompt: `phase-02-wave-4.md` → `phase-02-wave-4.provenance.json`. */
export function provenancePath(promptPath: string): string {
  return `${promptPath.replace(/\.md$/, '')}.provenance.json`;
}
