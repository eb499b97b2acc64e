/**
 * The placeholders of wavec's name patterns (`output_name`, a PR title):
 * `{name}`, or `{name:NN}`, which zero-pads the value to NN digits (never
 * truncating a wider one). One reader and one expander serve every pattern;
 * each caller decides which names it takes.
 */

/** One `{name}` or `{name:NN}` in a pattern. */
export interface Placeholder {
  /** As written: `{phase:02}`. */
  whole: string;
  name: string;
  /** The padding width, when one is written. */
  width: number | undefined;
}

const PLACEHOLDER = /\{(\w+)(?::(\d+))?\}/g;

/** The placeholder `text` is, as a whole, or undefined when it is not one. */
export function parsePlaceholder(text: string): Placeholder | undefined {
  const match = /^\{(\w+)(?::(\d+))?\}$/.exec(text);
  return match ? placeholderOf(match) : undefined;
}

/** Every placeholder of a pattern, in order. */
export function placeholdersIn(pattern: string): Placeholder[] {
  return [...pattern.matchAll(PLACEHOLDER)].map(placeholderOf);
}

/**
 * Replaces each placeholder of `pattern` by its value, padded as it asks.
 * Values are inserted as written, never expanded again. A placeholder
 * `values` lacks is given to `unknown`, whose answer stands in its place
 * (by default the placeholder as written).
 */
export function expandPlaceholders(
  pattern: string,
  values: Readonly<Record<string, string | number>>,
  unknown: (placeholder: Placeholder) => string = (placeholder) => placeholder.whole,
): string {
  return pattern.replace(PLACEHOLDER, (whole: string, name: string, width: string | undefined) => {
    const placeholder = { whole, name, width: width === undefined ? undefined : Number(width) };
    if (!Object.hasOwn(values, placeholder.name)) return unknown(placeholder);
    const value = String(values[placeholder.name]);
    return placeholder.width === undefined ? value : value.padStart(placeholder.width, '0');
  });
}

function placeholderOf(match: RegExpMatchArray): Placeholder {
  return { whole: match[0]!, name: match[1]!, width: match[2] === undefined ? undefined : Number(match[2]) };
}
