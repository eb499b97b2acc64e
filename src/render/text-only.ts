/**
 * Every `{{expression}}` of a template prints text: a string or a number. A list or a mapping would print
 * `[object Object]` or `a,b` into the prompt, a boolean `true`; each is a render error at the expression instead. The
 * check is a helper wrapped around every mustache of a compiled copy of the template, so it sees the value whatever
 * produced it: a field, `this`, `@root.x`, or a helper such as `lookup`.
 */

/** A helper name no template can write: the template check accepts only wavec's own helpers. */
export const TEXT_HELPER = 'wavec:text';

type Node = { type?: string; [key: string]: unknown };
type Location = { start: { line: number; column: number } };

/** The value as text, or an error located at the expression (as Handlebars locates its own). */
export function textOnly(value: unknown, options: { loc?: Location }): unknown {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number') return value;
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  const error = new NotTextError(
    `this expression is ${what}, not text: it would print ${JSON.stringify(shown(value))} into the prompt`,
  );
  const at = options.loc?.start;
  throw at ? Object.assign(error, { lineNumber: at.line, column: at.column }) : error;
}

/** A value that is not text where text is printed. */
export class NotTextError extends TypeError {}

function shown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[object Object]';
  }
}

/**
 * A copy of `ast` whose every mustache passes its value through {@link TEXT_HELPER}; `helpers` are the names a bare
 * `{{name}}` calls rather than looks up.
 */
export function withTextCheck<T extends object>(ast: T, helpers: ReadonlySet<string>): T {
  const copy = structuredClone(ast);
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const statement = node as Node;
    for (const child of Object.values(statement)) visit(child);
    if (statement.type === 'MustacheStatement') wrap(statement, helpers);
  };
  visit(copy);
  return copy;
}

function wrap(mustache: Node, helpers: ReadonlySet<string>): void {
  const path = mustache.path as Node & { original?: unknown; loc?: unknown };
  if (path.type !== 'PathExpression') return;
  const params = (mustache.params as Node[] | undefined) ?? [];
  const isCall =
    params.length > 0 ||
    mustache.hash !== undefined ||
    (typeof path.original === 'string' && helpers.has(path.original));
  const value: Node = isCall
    ? { type: 'SubExpression', path, params, hash: mustache.hash, loc: mustache.loc }
    : // A field as a helper's argument is looked up leniently; as the mustache it was, strictly.
      { ...path, strict: true };
  mustache.path = {
    type: 'PathExpression',
    data: false,
    depth: 0,
    parts: [TEXT_HELPER],
    original: TEXT_HELPER,
    loc: path.loc,
  };
  mustache.params = [value];
  mustache.hash = undefined;
}
