/**
 * JSON whose text depends only on the value, never on the order its keys were
 * added in: object keys sorted (by UTF-16 code units, as `<` compares
 * strings), undefined properties left out, formatted as `JSON.stringify`
 * formats with the same indentation. For what is hashed (the settings a
 * prompt was compiled with) and what is written for people and editors to
 * diff (the JSON Schemas).
 */

export interface StableJsonOptions {
  /** Spaces per level; 0 (the default) writes one line. */
  indent?: number;
  /**
   * Keys whose object value keeps its own key order, where that order means
   * something (a schema's `properties`, listed in the order an author reads
   * them). The keys of such an object are names, not keywords: they are not
   * matched against this list.
   */
  keepOrderUnder?: readonly string[];
}

export function stableJson(value: unknown, options: StableJsonOptions = {}): string {
  const indent = ' '.repeat(options.indent ?? 0);
  const keepOrderUnder = new Set(options.keepOrderUnder ?? []);
  const separator = indent ? ': ' : ':';

  const write = (item: unknown, depth: number, keepOrder: boolean): string => {
    if (item === null || typeof item !== 'object') return JSON.stringify(item) ?? 'null';
    const inner = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const outer = indent ? `\n${indent.repeat(depth)}` : '';
    if (Array.isArray(item)) {
      if (item.length === 0) return '[]';
      return `[${inner}${item.map((element) => write(element, depth + 1, false)).join(`,${inner}`)}${outer}]`;
    }
    const entries = Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return '{}';
    const written = entries.map(
      ([key, v]) => `${JSON.stringify(key)}${separator}${write(v, depth + 1, !keepOrder && keepOrderUnder.has(key))}`,
    );
    return `{${inner}${written.join(`,${inner}`)}${outer}}`;
  };
  return write(value, 0, false);
}
