import type { WavecConfig } from '../schema/config.js';

/** Widest zero-padding `{wave:NN}` may ask for: a wave or phase number never needs more. */
const MAX_PAD_WIDTH = 9;

/**
 * What is wrong with an `output_name`, checked as a whole when the config is
 * loaded: only `{phase}` and `{wave}` (optionally `{phase:02}`, padded to at
 * most {@link MAX_PAD_WIDTH}), `{wave}` present (else every wave of a phase
 * writes one file), and a `.md` name (lint finds prompts by it; the sidecar
 * is named after it).
 */
export function outputNameProblem(pattern: string): string | undefined {
  for (const match of pattern.matchAll(/\{([^{}]*)\}?/g)) {
    const whole = match[0];
    const placeholder = /^\{(phase|wave)(?::(\d+))?\}$/.exec(whole);
    if (!placeholder) {
      if (!whole.endsWith('}')) return `"${whole}" opens a placeholder that is never closed; write {phase} or {wave}`;
      return `unknown placeholder ${whole}; output_name takes {phase} and {wave}, optionally padded as {phase:02}`;
    }
    const width = placeholder[2];
    if (width !== undefined && (Number(width) < 1 || Number(width) > MAX_PAD_WIDTH))
      return `${whole} pads to ${width} digits; the width is 1 to ${MAX_PAD_WIDTH}`;
  }
  if (pattern.replace(/\{[^{}]*\}/g, '').includes('}')) return 'a "}" without its "{"';
  if (!/\{wave(?::\d+)?\}/.test(pattern)) return 'must contain {wave}: without it every wave writes the same file';
  if (!pattern.endsWith('.md')) return 'must end in ".md": lint finds prompts by it, and the sidecar is named after it';
  return undefined;
}

/**
 * Expands `output_name`: `{phase}`, `{wave}`, and `{phase:02}`-style widths
 * that zero-pad. The config loader refuses any other pattern
 * ({@link outputNameProblem}), so anything else here is API misuse and throws.
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
