import type { WavecConfig } from '../schema/config.js';
import { expandPlaceholders, parsePlaceholder, placeholdersIn } from '../util/placeholders.js';

/** What `output_name` may name. */
const OUTPUT_PLACEHOLDERS = new Set(['phase', 'wave']);

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
    const placeholder = parsePlaceholder(whole);
    if (!placeholder || !OUTPUT_PLACEHOLDERS.has(placeholder.name)) {
      if (!whole.endsWith('}')) return `"${whole}" opens a placeholder that is never closed; write {phase} or {wave}`;
      return `unknown placeholder ${whole}; output_name takes {phase} and {wave}, optionally padded as {phase:02}`;
    }
    const width = placeholder.width;
    if (width !== undefined && (width < 1 || width > MAX_PAD_WIDTH))
      return `${whole} pads to ${whole.slice(whole.indexOf(':') + 1, -1)} digits; the width is 1 to ${MAX_PAD_WIDTH}`;
  }
  if (pattern.replace(/\{[^{}]*\}/g, '').includes('}')) return 'a "}" without its "{"';
  if (!placeholdersIn(pattern).some((placeholder) => placeholder.name === 'wave'))
    return 'must contain {wave}: without it every wave writes the same file';
  if (!pattern.endsWith('.md')) return 'must end in ".md": lint finds prompts by it, and the sidecar is named after it';
  return undefined;
}

/**
 * Expands `output_name`: `{phase}`, `{wave}`, and `{phase:02}`-style widths
 * that zero-pad. The config loader refuses any other pattern
 * ({@link outputNameProblem}), so anything else here is API misuse and throws.
 */
export function outputName(pattern: string, values: { phase: number; wave: number }): string {
  return expandPlaceholders(pattern, values, ({ whole }) => {
    throw new Error(`unknown placeholder ${whole} in output_name "${pattern}"`);
  });
}

export function outputPath(config: WavecConfig, values: { phase: number; wave: number }): string {
  return `${config.output_dir.replace(/\/+$/, '')}/${outputName(config.output_name, values)}`;
}

/** The provenance sidecar lives next to its prompt: `phase-02-wave-4.md` → `phase-02-wave-4.provenance.json`. */
export function provenancePath(promptPath: string): string {
  return `${promptPath.replace(/\.md$/, '')}.provenance.json`;
}
