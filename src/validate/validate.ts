import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml.js';
import { closestMatch } from '../util/similar.js';

export type Validation<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Validates parsed YAML against a zod schema and turns every issue into a
 * diagnostic at the key or value it concerns. All issues are reported, not
 * only the first.
 */
export function validate<S extends z.ZodType>(schema: S, yaml: YamlSource, code: string): Validation<z.output<S>> {
  const result = schema.safeParse(yaml.value ?? {});
  if (result.success) return { ok: true, value: result.data };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const suggestion = closestMatch(key, known);
        diagnostics.push(
          diagnostic(code, 'error', `${formatPath(path)}: unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, yaml.locate(path, 'key')),
        );
      }
      continue;
    }
    diagnostics.push(diagnostic(code, 'error', `${formatPath(issue.path)}: ${issue.message}`, yaml.locate(issue.path)));
  }
  return { ok: false, diagnostics };
}

/** `modules[0].backup_priority`, as a user would write the path. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The keys an object schema accepts at a data path, for "did you mean". */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject && typeof segment === 'string') current = current.shape[segment] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray && typeof segment === 'number') current = current.element as z.ZodType;
    else return [];
    if (!current) return [];
  }
  current = unwrap(current);
  if (current instanceof z.ZodObject) return Object.keys(current.shape);
  if (current instanceof z.ZodUnion) {
    return (current.options as z.ZodType[]).flatMap((option) => {
      const inner = unwrap(option);
      return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
    });
  }
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}
