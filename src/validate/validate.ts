import { z } from 'zod';
import { diagnostic, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../syntax/yaml.js';
import { closestMatch } from '../util/similar.js';

export type Validation<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Validates parsed YAML against a zod schema and turns every issue into a
 * diagnostic at the key or value it concerns. All issues are reported, not
 * only the first.
 */
export function validate<S extends z.ZodType>(schema: S, yaml: YamlSource, code: Code): Validation<z.output<S>> {
  const result = schema.safeParse(yaml.value ?? {});
  if (result.success) return { ok: true, value: result.data };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues.flatMap(expandUnion)) {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const suggestion = closestMatch(key, known);
        diagnostics.push(
          diagnostic(
            code,
            'error',
            `${formatPath(path)}: unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
            yaml.locate(path, 'key'),
          ),
        );
      }
      continue;
    }
    const missing = issue.code === 'custom' ? undefined : missingKey(yaml.value ?? {}, issue.path);
    if (missing !== undefined) {
      const parent = issue.path.slice(0, -1);
      const where = parent.length === 0 ? '' : `${formatPath(parent)}: `;
      diagnostics.push(diagnostic(code, 'error', `${where}missing required key "${missing}"`, yaml.locate(parent)));
      continue;
    }
    diagnostics.push(diagnostic(code, 'error', `${formatPath(issue.path)}: ${issue.message}`, yaml.locate(issue.path)));
  }
  return { ok: false, diagnostics };
}

/**
 * zod reports a value that matches no branch of a union as one vague
 * "Invalid input". When the value is plainly trying to be one branch (a
 * mapping where the union takes a string or a mapping), that branch's own
 * issues are what the user needs: the misspelt key, the missing field.
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const branches = issue.errors.map((branch) =>
    branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue),
  );
  const wrongType = (branch: z.core.$ZodIssue[]) =>
    branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === issue.path.length;
  const tried = branches.filter((branch) => !wrongType(branch));
  if (tried.length >= 1) {
    const best = tried.reduce((a, b) => (b.length < a.length ? b : a));
    return best.flatMap(expandUnion);
  }
  const expected = [
    ...new Set(branches.map((branch) => (branch[0] as { expected?: string }).expected).filter(Boolean)),
  ];
  const received = /received (\w+)$/.exec(branches[0]![0]!.message)?.[1];
  const message = `Invalid input: expected ${expected.join(' or ')}${received ? `, received ${received}` : ''}`;
  return [{ ...issue, message }];
}

/** The key a data path ends in, when the mapping that should hold it exists but lacks it. */
function missingKey(value: unknown, path: readonly PropertyKey[]): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  let parent: unknown = value;
  for (const segment of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return undefined;
    parent = (parent as Record<PropertyKey, unknown>)[segment];
  }
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  return Object.hasOwn(parent, key) ? undefined : key;
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
    if (current instanceof z.ZodObject && typeof segment === 'string')
      current = current.shape[segment] as z.ZodType | undefined;
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
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    // A schema that fills in defaults after parsing: its keys are those of what it parses.
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else break;
  }
  return current;
}
