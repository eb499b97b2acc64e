/**
 * The helpers fragments may call. Anything else is rejected when the
 * template is checked, so what a template can do is exactly this list plus
 * Handlebars' block built-ins.
 */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;
export const WAVEC_HELPERS = ['join', 'inc', 'eq', 'pattern', 'constraint'] as const;

export const KNOWN_HELPERS: ReadonlySet<string> = new Set([...BUILTIN_HELPERS, ...WAVEC_HELPERS]);

/** `{{join items ", "}}`: a list on one line. */
export function join(items: unknown, separator: unknown): string {
  if (!Array.isArray(items)) throw new TypeError('join expects a list as its first argument');
  return items.map(String).join(typeof separator === 'string' ? separator : ', ');
}

/** `{{inc @index}}`: 1-based numbering for ordered prose. */
export function inc(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError('inc expects a number');
  return value + 1;
}

/** `{{#if (eq kind "stateful")}}`. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}
