import Handlebars from 'handlebars';
import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import { LatestBySlot } from '../util/bounded-cache.js';
import { closestMatch } from '../util/similar.js';
import { KNOWN_HELPERS } from './helpers.js';
import { LineIndex } from '../util/text.js';

type HbsNode = hbs.AST.Node & Record<string, unknown>;

export interface CheckedTemplate {
  fragment: Fragment;
  ast: hbs.AST.Program;
  /** Fragment ids this template includes as partials, in order of appearance. */
  partials: string[];
}

/**
 * Parses a fragment body and checks it against what wavec allows in a
 * template: known helpers only, no decorators, partials by static name only.
 * Templates come from the fragment library, which agents edit too, so
 * anything that could pick code or files at render time is refused here,
 * before a line is rendered.
 */
export function checkTemplate(
  fragment: Fragment,
  fragments: FragmentLibrary,
): { template?: CheckedTemplate; diagnostics: Diagnostic[] } {
  const at = (loc: hbs.AST.SourceLocation | undefined): SourceLocation => ({
    file: fragment.file.path,
    line: (loc?.start.line ?? 1) + fragment.bodyFirstLine - 1,
    column: (loc?.start.column ?? 0) + 1,
  });

  const parsed = parseTemplate(fragment.file.absolutePath, fragment.body);
  if ('tooComplex' in parsed) {
    const tooComplex = parsed.tooComplex;
    const position = new LineIndex(fragment.body).position(tooComplex.offset);
    return {
      diagnostics: [
        diagnostic('template-too-complex', 'error', tooComplex.message, {
          file: fragment.file.path,
          line: position.line + fragment.bodyFirstLine - 1,
          column: position.column,
        }),
      ],
    };
  }

  if ('error' in parsed) return { diagnostics: [parseErrorDiagnostic(fragment, parsed.error)] };
  const ast = parsed.ast;

  const diagnostics: Diagnostic[] = [];
  const partials: string[] = [];
  const helperCall = (name: string, node: HbsNode) => {
    if (KNOWN_HELPERS.has(name)) return;
    const suggestion = closestMatch(name, KNOWN_HELPERS);
    diagnostics.push(
      diagnostic(
        'template-unknown-helper',
        'error',
        `unknown helper "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} ` +
          `(helpers: ${[...KNOWN_HELPERS].sort().join(', ')})`,
        at(node.loc),
      ),
    );
  };

  const visit = (node: HbsNode | undefined | null): void => {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'Decorator':
      case 'DecoratorBlock':
        diagnostics.push(
          diagnostic(
            'template-decorator',
            'error',
            'decorators ({{* ...}}) are not allowed in fragments',
            at(node.loc),
          ),
        );
        return;
      case 'PartialBlockStatement':
        diagnostics.push(
          diagnostic(
            'template-partial-block',
            'error',
            'partial blocks ({{#> ...}}) are not allowed; include sections with {{> id}}',
            at(node.loc),
          ),
        );
        return;
      case 'PartialStatement': {
        // A partial's context and hash are expressions like any other: `{{> mission (jion x)}}` calls an unknown
        // helper.
        ((node.params as HbsNode[]) ?? []).forEach(visit);
        (node.hash as { pairs: { value: HbsNode }[] } | undefined)?.pairs.forEach((pair) => visit(pair.value));
        const name = node.name as HbsNode;
        if (name.type !== 'PathExpression' && name.type !== 'StringLiteral') {
          diagnostics.push(
            diagnostic(
              'template-dynamic-partial',
              'error',
              'dynamic partials ({{> (expr)}}) are not allowed: name the fragment id',
              at(node.loc),
            ),
          );
          return;
        }
        // `{{> "mission"}}` is the same static include as `{{> mission}}`.
        const id = String(
          name.type === 'StringLiteral'
            ? (name as unknown as hbs.AST.StringLiteral).value
            : (name as unknown as hbs.AST.PathExpression).original,
        );
        const target = fragments.get(id);
        if (!target || target.meta.kind === 'layout') {
          const candidates = [...fragments.values()].filter((f) => f.meta.kind !== 'layout').map((f) => f.id);
          const suggestion = closestMatch(id, candidates);
          diagnostics.push(
            diagnostic(
              'template-unknown-partial',
              'error',
              `unknown partial "${id}"${target ? ' (a layout cannot be included)' : ''}` +
                `${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
              at(node.loc),
            ),
          );
        } else partials.push(id);
        return;
      }
      case 'MustacheStatement':
      case 'SubExpression':
      case 'BlockStatement': {
        const path = node.path as HbsNode;
        const params = (node.params as HbsNode[]) ?? [];
        const hash = node.hash as { pairs: { value: HbsNode }[] } | undefined;
        const isCall = node.type !== 'MustacheStatement' || params.length > 0 || (hash?.pairs.length ?? 0) > 0;
        if (path.type !== 'PathExpression') {
          // `{{"name" x}}` names a helper by a string: Handlebars would look it up at render time, past this check.
          const literal = JSON.stringify((path as unknown as { value: unknown }).value ?? null);
          diagnostics.push(
            diagnostic(
              'template-literal-name',
              'error',
              `a literal (${literal}) cannot name a field or a helper: write the name without quotes`,
              at(node.loc),
            ),
          );
        } else if (isCall) {
          const p = path as unknown as hbs.AST.PathExpression;
          if (p.parts.length === 1 && p.depth === 0 && !p.data) helperCall(p.original, node);
          else
            diagnostics.push(
              diagnostic(
                'template-unknown-helper',
                'error',
                `"${p.original}" cannot be called as a helper`,
                at(node.loc),
              ),
            );
        }
        visit(path);
        params.forEach(visit);
        hash?.pairs.forEach((pair) => visit(pair.value));
        visit(node.program as HbsNode);
        visit(node.inverse as HbsNode);
        return;
      }
      case 'Program':
        (node.body as HbsNode[]).forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(ast as unknown as HbsNode);
  if (diagnostics.length > 0) return { diagnostics };
  return { template: { fragment, ast, partials }, diagnostics };
}

/**
 * Deepest nesting of blocks (`{{#if}}` in `{{#each}}` …) and of
 * subexpressions (`(join (x))`) a template may have. Handlebars parses and
 * renders them recursively: 2,000 nested `{{#if}}` overflow the stack while
 * rendering, 10,000 take a minute to parse. Templates need four or five.
 */
export const MAX_TEMPLATE_NESTING = 32;

/**
 * Most `{{…}}` tags in one fragment: compiling 40,000 takes Handlebars five seconds; the largest fragment has about
 * sixty.
 */
export const MAX_TEMPLATE_TAGS = 2000;

const TAG = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])?([^}]*)\}\}/g;

/**
 * The first place a template is too deep or too large for Handlebars to handle quickly, found with one pass over its
 * tags.
 */
type ParsedTemplate =
  { ast: hbs.AST.Program } | { error: unknown } | { tooComplex: { offset: number; message: string } };

/**
 * Parses each fragment file's body once while it stays the same: a warm compile re-checks an unchanged fragment
 * without parsing it again, and an edit replaces the file's entry (the AST of every earlier text is not kept).
 */
const parsedTemplates = new LatestBySlot<ParsedTemplate>(2000);

function parseTemplate(file: string, body: string): ParsedTemplate {
  const cached = parsedTemplates.get(file, body);
  if (cached) return cached;
  const tooComplex = templateTooComplex(body);
  if (tooComplex) return parsedTemplates.set(file, body, { tooComplex });
  try {
    return parsedTemplates.set(file, body, { ast: Handlebars.parse(body) });
  } catch (error) {
    return parsedTemplates.set(file, body, { error });
  }
}

function templateTooComplex(body: string): { offset: number; message: string } | undefined {
  let blocks = 0;
  let tags = 0;
  for (const tag of body.matchAll(TAG)) {
    if (++tags > MAX_TEMPLATE_TAGS)
      return { offset: tag.index, message: `more than ${MAX_TEMPLATE_TAGS} {{…}} tags in one fragment` };
    const [, kind, inside] = tag;
    if (inside === undefined) continue; // a comment
    if (kind === '#' || (kind === '^' && inside.trim() !== '')) {
      if (++blocks > MAX_TEMPLATE_NESTING)
        return {
          offset: tag.index,
          message: `blocks ({{#…}}) are nested more than ${MAX_TEMPLATE_NESTING} levels deep`,
        };
    } else if (kind === '/') blocks = Math.max(0, blocks - 1);
    let parens = 0;
    for (let i = 0; i < inside.length; i++) {
      if (inside[i] === '(' && ++parens > MAX_TEMPLATE_NESTING) {
        return {
          offset: tag.index,
          message: `subexpressions ((…)) are nested more than ${MAX_TEMPLATE_NESTING} levels deep`,
        };
      }
      if (inside[i] === ')') parens = Math.max(0, parens - 1);
    }
  }
  return undefined;
}

/**
 * Finds partial cycles (a → b → a) before rendering, where Handlebars would
 * only overflow its stack. Reported once per cycle, at the include that
 * closes it, with the whole path.
 */
export function findPartialCycles(templates: ReadonlyMap<string, CheckedTemplate>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();

  const walk = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of templates.get(id)?.partials ?? []) {
      if (state.get(next) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          const fragment = templates.get(id)!.fragment;
          diagnostics.push(
            diagnostic('template-partial-cycle', 'error', `partials include each other: ${cycle.join(' → ')}`, {
              file: fragment.file.path,
              line: lineOfPartial(fragment, next),
              column: 1,
            }),
          );
        }
      } else if (!state.has(next)) walk(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...templates.keys()].sort()) if (!state.has(id)) walk(id);
  return diagnostics;
}

function lineOfPartial(fragment: Fragment, id: string): number {
  const lines = fragment.body.split('\n');
  const index = lines.findIndex((line) => new RegExp(`\\{\\{~?>\\s*${id.replace(/[-]/g, '\\-')}(?![\\w-])`).test(line));
  return (index === -1 ? 0 : index) + fragment.bodyFirstLine;
}

function parseErrorDiagnostic(fragment: Fragment, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /on line (\d+)/.exec(message);
  const bodyLine = lineMatch ? Number(lineMatch[1]) : 1;
  const expecting = /Expecting (.*), got '([^']+)'/.exec(message);
  const detail = expecting
    ? `unexpected ${expecting[2] === 'EOF' ? 'end of template' : `'${expecting[2]}'`}`
    : message.split('\n')[0]!;
  // Handlebars gives no column; the last unclosed `{{` on that line is where the reader should look.
  const text = fragment.body.split('\n')[bodyLine - 1] ?? '';
  const open = text.lastIndexOf('{{');
  return diagnostic('template-syntax', 'error', `Handlebars syntax error: ${detail}`, {
    file: fragment.file.path,
    line: bodyLine + fragment.bodyFirstLine - 1,
    column: open === -1 ? 1 : open + 1,
  });
}
