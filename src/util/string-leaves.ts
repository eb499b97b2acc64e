/**
 * Every string in a parsed YAML value with its path (`['modules', 1, 'notes', 0]`),
 * in document order: the spec text that reaches a prompt, for the checks that
 * look at each value (inert text, attributing prompt text to its value).
 */
export function stringLeaves(
  value: unknown,
  path: (string | number)[] = [],
  out: { path: (string | number)[]; value: string }[] = [],
): { path: (string | number)[]; value: string }[] {
  if (typeof value === 'string') out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((item, i) => stringLeaves(item, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) stringLeaves(item, [...path, key], out);
  return out;
}
