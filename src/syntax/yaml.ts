import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Parser,
  visit,
  type CST,
  type Document,
  type Node,
} from 'yaml';
import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../util/text.js';

/**
 * Parsed YAML that remembers where every value came from, so schema errors
 * can point at the offending key or value in the file the user edits.
 */
export interface YamlSource {
  value: unknown;
  /** Location of the value (or, with `'key'`, of the key) at a data path. */
  locate(path: readonly PropertyKey[], part?: 'key' | 'value'): SourceLocation;
}

export type YamlResult = { ok: true; yaml: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

export interface YamlPlacement {
  file: string;
  /** 1-based line of the file on which `text` starts (2 for front matter after `---`). */
  firstLine?: number;
}

/** Keys that could reach an object's prototype if data ever flowed into a plain assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Aliases allowed per document: enough for real reuse, far too few for a billion laughs. */
const MAX_ALIAS_COUNT = 50;

/**
 * Deepest nesting of lists and mappings accepted. A spec needs five or six
 * levels; the yaml library composes nested collections recursively and only
 * stops at a stack overflow, reported once per level (thousands of errors
 * for a 5,000-deep `[[[[`), so depth is checked first, on the flat token tree.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Largest YAML document read, in characters. The yaml library is far from
 * linear on large input (its duplicate-key check compares every key with
 * every other: 38 s for 512 KiB of distinct keys); a wave spec is under
 * 10 KiB, so 64 KiB leaves room and keeps every parse under a second.
 */
export const MAX_YAML_CHARS = 64 * 1024;

/**
 * Parses one YAML document strictly. The yaml library reports some real
 * mistakes as warnings (an unresolved `!!js/function` tag, for instance);
 * here they are errors, because a spec that does not mean what it says must
 * not compile.
 */
export function parseYaml(text: string, placement: YamlPlacement): YamlResult {
  const firstLine = placement.firstLine ?? 1;
  const index = new LineIndex(text);
  const at = (offset: number): SourceLocation => {
    const p = index.position(offset);
    return { file: placement.file, line: p.line + firstLine - 1, column: p.column };
  };

  if (text.length > MAX_YAML_CHARS) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'yaml-too-large',
          'error',
          `YAML is ${text.length} characters long; wavec reads YAML documents of up to ${MAX_YAML_CHARS} characters`,
          at(0),
        ),
      ],
    };
  }

  let documents: Document.Parsed[];
  try {
    const tokens = [...new Parser().parse(text)];
    const tooDeep = firstTooDeep(tokens);
    if (tooDeep !== undefined) {
      return {
        ok: false,
        diagnostics: [
          diagnostic(
            'yaml-too-deep',
            'error',
            `lists and mappings are nested more than ${MAX_YAML_DEPTH} levels deep`,
            at(tooDeep),
          ),
        ],
      };
    }
    // resolveKnownTags: false keeps YAML 1.1 types (!!binary, !!timestamp, !!set) out: they are unresolved tags, hence
    // errors.
    const composer = new Composer({
      version: '1.2',
      schema: 'core',
      resolveKnownTags: false,
      uniqueKeys: true,
      strict: true,
    });
    documents = [...composer.compose(tokens)];
  } catch (error) {
    // Kept as a last line of defence: the depth limit should make a stack overflow impossible.
    return {
      ok: false,
      diagnostics: [diagnostic('yaml-syntax', 'error', `YAML could not be parsed: ${describe(error)}`, at(0))],
    };
  }

  const diagnostics: Diagnostic[] = [];
  if (documents.length > 1) {
    const second = documents[1]!;
    diagnostics.push(
      diagnostic(
        'yaml-multiple-documents',
        'error',
        'expected one YAML document, found a second one',
        at(second.range[0]),
      ),
    );
  }
  const doc = documents[0];
  for (const problem of [...(doc?.errors ?? []), ...(doc?.warnings ?? [])]) {
    diagnostics.push(
      diagnostic('yaml-syntax', 'error', `${yamlMessage(problem.message)} (${problem.code})`, at(problem.pos[0])),
    );
  }
  if (doc)
    diagnostics.push(...forbiddenKeys(doc, at), ...selfReferences(doc, at), ...commentsCuttingValues(doc, text, at));
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  let value: unknown = null;
  if (doc) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      return {
        ok: false,
        diagnostics: [diagnostic('yaml-syntax', 'error', `YAML could not be read: ${describe(error)}`, at(0))],
      };
    }
  }

  const locate = (path: readonly PropertyKey[], part: 'key' | 'value' = 'value'): SourceLocation => {
    const node = doc ? findNode(doc.contents as Node | null, path, part) : undefined;
    return at(node?.range?.[0] ?? 0);
  };
  return { ok: true, yaml: { value, locate } };
}

/**
 * An alias inside the node its anchor names (`x: &a [*a]`) makes a value that contains itself: every reader of it
 * would recurse without end. Refused at the alias.
 */
function selfReferences(doc: Document.Parsed, at: (offset: number) => SourceLocation): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Alias(_, alias, ancestors) {
      const target = alias.resolve(doc);
      if (target === undefined || !ancestors.includes(target as never)) return;
      found.push(
        diagnostic(
          'yaml-syntax',
          'error',
          `the alias *${alias.source} stands for the value it is written in (&${alias.source}): a value cannot ` +
            'contain itself',
          at(alias.range?.[0] ?? 0),
        ),
      );
    },
  });
  return found;
}

function forbiddenKeys(doc: Document.Parsed, at: (offset: number) => SourceLocation): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (pair.key === null || pair.key === undefined) return;
      const written = pair.key as Node;
      // An alias key (`*name :`) is the anchored node: check what it stands for.
      const key = isAlias(written) ? written.resolve(doc) : written;
      const offset = written.range?.[0] ?? 0;
      if (isScalar(key) && typeof key.value === 'string' && FORBIDDEN_KEYS.has(key.value)) {
        found.push(
          diagnostic(
            'yaml-forbidden-key',
            'error',
            `the key "${key.value}" is not allowed (it names an object prototype)`,
            at(offset),
          ),
        );
      } else if (key !== undefined && !isScalar(key)) {
        // The yaml library would stringify it and print a process warning.
        found.push(
          diagnostic(
            'yaml-complex-key',
            'error',
            'a mapping key must be a plain value, not a list or a mapping',
            at(offset),
          ),
        );
      }
    },
  });
  return found;
}

/**
 * `similar_to: n8n-worker (PR #29)` is `n8n-worker (PR` plus a comment: YAML
 * starts a comment at any ` #`. People write comments as `# note`, with a
 * space, so a comment glued to its `#` right after a plain value on the same
 * line (`#29)`, `#honcho`) is almost always part of the value that YAML cut
 * off. Refused, because the spec would silently not say what it says.
 */
function commentsCuttingValues(
  doc: Document.Parsed,
  text: string,
  at: (offset: number) => SourceLocation,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Scalar(_, scalar) {
      if (scalar.type !== 'PLAIN' || !scalar.comment || /^\s/.test(scalar.comment) || !scalar.range) return;
      const hash = text.indexOf('#', scalar.range[1]);
      if (hash === -1 || text.slice(scalar.range[1], hash).includes('\n')) return;
      const comment = `#${scalar.comment.split('\n')[0]}`;
      found.push(
        diagnostic(
          'yaml-comment-in-value',
          'error',
          `"${comment}" starts a YAML comment, so this value ends at "${String(scalar.value)}"`,
          at(hash),
          {
            hint:
              `quote the whole value ("${String(scalar.value)} ${comment}") if it belongs to it, ` +
              `or write the comment as "# ${comment.slice(1)}"`,
          },
        ),
      );
    },
  });
  return found;
}

/**
 * Offset of the first collection nested deeper than {@link MAX_YAML_DEPTH},
 * found by walking the concrete syntax tree with an explicit stack (the
 * parser that builds it is not recursive, so this cannot overflow either).
 */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const pending: { token: CST.Token | null | undefined; depth: number }[] = [];
  for (const token of tokens) if (token.type === 'document') pending.push({ token: token.value, depth: 0 });
  let first: number | undefined;
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!token || (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection'))
      continue;
    if (depth + 1 > MAX_YAML_DEPTH) {
      first = Math.min(first ?? token.offset, token.offset);
      continue;
    }
    for (const item of token.items) {
      pending.push({ token: item.key, depth: depth + 1 });
      pending.push({ token: item.value, depth: depth + 1 });
    }
  }
  return first;
}

/** Follows a data path through the YAML AST; stops at the deepest node that exists. */
function findNode(root: Node | null, path: readonly PropertyKey[], part: 'key' | 'value'): Node | undefined {
  let node: Node | null | undefined = root;
  let last: Node | undefined = root ?? undefined;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i];
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair: unknown = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!isPair(pair)) return last;
      if (isLast && part === 'key') return pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
    } else {
      return last;
    }
    if (node) last = node;
  }
  return last;
}

function yamlMessage(message: string): string {
  // The library appends "at line L, column C" and a code excerpt; we print our own position.
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
