/**
 * The helpers fragments may call. Anything else is rejected when the
 * template is checked, so what a template can do is exactly this list plus
 * Handlebars' block built-ins.
 */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;
export const WAVEC_HELPERS = ['join', 'inc', 'eq', 'pattern', 'constraint', 'charter'] as const;

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

/**
 * `{{lookup object key}}`, strict like every other lookup: only an own data
 * property of the object is found; anything else (a misspelt key, a name
 * from the prototype such as `toString`) is an error, not an empty string.
 */
export function strictLookup(object: unknown, key: unknown): unknown {
  if (typeof key !== 'string' && typeof key !== 'number')
    throw new TypeError('lookup expects a field name or an index as its second argument');
  if (object === null || typeof object !== 'object' || !Object.hasOwn(object, key)) throw new LookupError(String(key));
  return (object as Record<string, unknown>)[key];
}

export class LookupError extends Error {
  constructor(readonly field: string) {
    super(`"${field}" not defined in the lookup`);
  }
}

/**
 * The render context as templates see it: the same data, in which only own
 * properties are "there". Handlebars' strict mode asks `name in object`,
 * which finds `toString` or `__proto__` on every object's prototype and then
 * renders them as empty strings; here they are missing fields, errors.
 */
export function ownDataOnly<T>(value: T, originals?: WeakMap<object, object>): T {
  if (value === null || typeof value !== 'object') return value;
  const copy: unknown = Array.isArray(value)
    ? value.map((item: unknown) => ownDataOnly(item, originals))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, ownDataOnly(item, originals)]));
  const proxy = new Proxy(copy as object, OWN_ONLY);
  // `originals` maps each copy back to the object it was made from, for errors that name where a value came from.
  originals?.set(proxy, value);
  return proxy as T;
}

const OWN_ONLY: ProxyHandler<object> = { has: (target, key) => Object.hasOwn(target, key) };

/** The charter sections by role, as the render context carries them (`charter_roles`). */
export type CharterRoles = Record<string, { section: number; title: string }>;

/**
 * `{{charter "secrets"}}`: `§4`, the section the config maps the role to; `{{charter "honesty" "title"}}`: that
 * section's title as the charter writes it, so a heading can carry the user's own words.
 */
export function charterSection(roles: CharterRoles, role: unknown, part: unknown = 'section'): string {
  if (typeof role !== 'string') throw new TypeError('charter expects a role name, such as "secrets"');
  if (part !== 'section' && part !== 'title')
    throw new TypeError('charter takes a role and, optionally, "title": {{charter "honesty" "title"}}');
  if (!Object.hasOwn(roles, role)) throw new CharterRoleError(role);
  return part === 'title' ? roles[role]!.title : `§${roles[role]!.section}`;
}

export class CharterRoleError extends Error {
  constructor(readonly role: string) {
    super(`charter role "${role}" is not mapped`);
  }
}
