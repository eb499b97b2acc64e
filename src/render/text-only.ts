/**
 * Every `{{expression}}` of a template prints text: a string or a number. A list or a mapping would print
 * `[object Object]` or `a,b` into the prompt, a boolean `true`; each is a render error at the expression instead. The
 * check is a helper wrapped around every mustache of a compiled copy of the template, so it sees the value whatever
 * produced it: a field, `this`, `@root.x`, or a helper such as `lookup`.
 *
 * Nothing is not text either: a field that is missing or null would leave a hole (`backup_priority: `) in the prompt.
 * A printed field also passes the object that holds it and its name, so the error can say which value of the spec is
 * missing. A condition (`{{#if x}}`) is a block, not a mustache: reading a missing value there stays fine.
 */

/** A helper name no template can write: the template check accepts only wavec's own helpers. */
export const TEXT_HELPER = 'wavec:text';

type Node = { type?: string; [key: string]: unknown };
type Location = { start: { line: number; column: number } };

/**
 * The value as text, or an error located at the expression (as Handlebars locates its own). Called as
 * `(value, options)` for a helper's result, `(value, holder, field, expression, options)` for a printed field.
 */
export function textOnly(value: unknown, ...rest: unknown[]): unknown {
  const options = rest[rest.length - 1] as { loc?: Location };
  const located = <E extends Error>(error: E): E => {
    const at = options.loc?.start;
    return at ? Object.assign(error, { lineNumber: at.line, column: at.column }) : error;
  };
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value === undefined || value === null) {
    const field = rest.length === 4 && typeof rest[1] === 'string' ? rest[1] : undefined;
    const expression = field === undefined ? undefined : String(rest[2]);
    throw located(new ValueMissingError(value, field === undefined ? undefined : rest[0], field, expression));
  }
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  throw located(
    new NotTextError(
      `this expression is ${what}, not text: it would print ${JSON.stringify(shown(value))} into the prompt`,
    ),
  );
}

/** A value that is not text where text is printed. */
export class NotTextError extends TypeError {}

/**
 * A printed value that is missing or null. `holder` is the object the field was read from (as the template saw it)
 * and `field` its name, when the expression was a field; a helper's empty result has neither.
 */
export class ValueMissingError extends TypeError {
  constructor(
    readonly value: null | undefined,
    readonly holder: unknown,
    readonly field: string | undefined,
    /** The field as the template writes it (`why.caution`), for a guard the author can paste. */
    readonly expression?: string,
  ) {
    super(`${field === undefined ? 'this expression' : `"${field}"`} is ${value === null ? 'null' : 'missing'}`);
  }
}

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
  mustache.path = {
    type: 'PathExpression',
    data: false,
    depth: 0,
    parts: [TEXT_HELPER],
    original: TEXT_HELPER,
    loc: path.loc,
  };
  const hash = mustache.hash;
  mustache.hash = undefined;
  if (isCall) {
    mustache.params = [{ type: 'SubExpression', path, params, hash, loc: mustache.loc }];
    return;
  }
  // A field as a helper's argument is looked up leniently; as the mustache it was, strictly.
  mustache.params = [{ ...path, strict: true }, ...holderAndField(path)];
}

/**
 * For `a.b.c`: the expression `a.b` (resolved by Handlebars at the same depth, so `../x` and `@root.x` work too) and
 * `"c"`. Nothing for `this` or a lone `@data` variable, which have no holder a template can name.
 */
function holderAndField(path: Node & { original?: unknown; loc?: unknown }): Node[] {
  const parts = (path.parts as unknown[] | undefined) ?? [];
  const field = parts[parts.length - 1];
  if (typeof field !== 'string' || (path.data === true && parts.length === 1)) return [];
  const holderParts = parts.slice(0, -1);
  const prefix = `${path.data === true ? '@' : ''}${'../'.repeat(Number(path.depth ?? 0))}`;
  const holder: Node = {
    type: 'PathExpression',
    data: path.data,
    depth: path.depth,
    parts: holderParts,
    original: holderParts.length === 0 ? `${prefix}this` : `${prefix}${holderParts.join('.')}`,
    loc: path.loc,
  };
  const written = typeof path.original === 'string' ? path.original : field;
  return [
    holder,
    { type: 'StringLiteral', value: field, original: field, loc: path.loc },
    { type: 'StringLiteral', value: written, original: written, loc: path.loc },
  ];
}
