import Handlebars from 'handlebars';
import { diagnostic, fileStart, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Composition, ModuleView } from '../compose/context.js';
import type { ResolvedConstraint } from '../compose/constraints.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import { attributeLines, closeMarker, MARKER_PATTERN, openMarker } from './attribution.js';
import {
  charterSection,
  CharterRoleError,
  eq,
  inc,
  join,
  KNOWN_HELPERS,
  LookupError,
  ownDataOnly,
  strictLookup,
} from './helpers.js';
import { charterRoleDiagnostic } from './charter-role.js';
import { LatestBySlot } from '../util/bounded-cache.js';
import { LineIndex, normalizeNewlines } from '../util/text.js';
import { normalizeLines } from './normalize.js';
import { RenderBudget, RenderBudgetExceeded } from './render-budget.js';
import { checkTemplate, findPartialCycles, type CheckedTemplate } from './template-check.js';
import { constraintText, inlineConstraintText } from './constraint-text.js';
import { NotTextError, TEXT_HELPER, textOnly, ValueMissingError, withTextCheck } from './text-only.js';
import { valueMissingDiagnostic } from './value-missing.js';

export interface RenderedPrompt {
  /** The prompt, LF-terminated. */
  text: string;
  /** Fragment id that produced each line (index i is line i + 1). */
  lineOwners: string[];
  /** Every fragment whose output reached the prompt, in first-use order. */
  used: Fragment[];
  /**
   * The text of every hard constraint in force, by constraint id, as this render wrote it: what the
   * `constraint-implied` rule looks for in a prompt. A constraint the layout does not print is rendered on its own,
   * outside the prompt, so it has a text all the same; one whose fragment fails to render there has none.
   */
  constraintTexts: Map<string, string>;
}

export type RenderResult = { ok: true; rendered: RenderedPrompt } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Markdown, not HTML: nothing is escaped. Strict: a missing field throws
 * instead of rendering as an empty string, which is how prompts silently
 * lose a section. Only wavec's helpers are known.
 */
const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  noEscape: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries([...KNOWN_HELPERS, TEXT_HELPER].map((name) => [name, true])),
};

/**
 * One Handlebars environment for the process, without the `log` and
 * `blockHelperMissing` helpers; wavec's helpers and the fragments (as
 * partials) are passed to each render, because they carry that render's state.
 */
const env = Handlebars.create();
env.unregisterHelper('log');
env.unregisterHelper('blockHelperMissing');
/** Handlebars' own `each`, wrapped per render to count its iterations. */
const eachHelper = env.helpers.each as Handlebars.HelperDelegate;

/**
 * Compiled templates by fragment file, for the body it has now. A compiled template depends on nothing but its body
 * and the fixed options, so a warm compile, or a recompile after one fragment changed, compiles only what changed;
 * an edit replaces the file's entry, so a long session keeps no template of an earlier text.
 */
const compiledTemplates = new LatestBySlot<HandlebarsTemplateDelegate>(2000);

function compiledTemplate(checked: CheckedTemplate): HandlebarsTemplateDelegate {
  const { body, file } = checked.fragment;
  return (
    compiledTemplates.get(file.absolutePath, body) ??
    compiledTemplates.set(
      file.absolutePath,
      body,
      env.compile(withTextCheck(checked.ast, KNOWN_HELPERS), COMPILE_OPTIONS),
    )
  );
}

/**
 * Checks every template (not only the ones a wave reaches), so a broken
 * fragment is found the day it is written rather than the day it is used.
 * Needs no spec: a compile that stops earlier still reports these.
 */
export function checkTemplates(fragments: FragmentLibrary): {
  checked: Map<string, CheckedTemplate>;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const checked = new Map<string, CheckedTemplate>();
  for (const fragment of [...fragments.values()]) {
    const marker = MARKER_PATTERN.exec(fragment.body);
    if (marker) {
      const position = new LineIndex(fragment.body).position(marker.index);
      diagnostics.push(
        diagnostic('template-private-use', 'error', 'fragment contains U+E000/U+E001, which wavec reserves', {
          file: fragment.file.path,
          line: position.line + fragment.bodyFirstLine - 1,
          column: position.column,
        }),
      );
      continue;
    }
    const result = checkTemplate(fragment, fragments);
    diagnostics.push(...result.diagnostics);
    if (result.template) checked.set(fragment.id, result.template);
  }
  diagnostics.push(...findPartialCycles(checked));
  return { checked, diagnostics };
}

/**
 * Renders the layout `layoutId` with the composition's context. `layoutAt` is
 * where that id was written (the spec's `layout:` or the config's), for the
 * error when no such layout exists.
 */
export function renderPrompt(
  fragments: FragmentLibrary,
  layoutId: string,
  composition: Composition,
  layoutAt: SourceLocation = fileStart('wavec.config.yaml'),
  /** Where the config maps charter roles: what the user edits when wavec's own fragment cites an unmapped role. */
  charterRolesAt?: SourceLocation,
): RenderResult {
  const { checked, diagnostics } = checkTemplates(fragments);
  const layout = fragments.get(layoutId);
  if (!layout || layout.meta.kind !== 'layout') {
    diagnostics.push(diagnostic('layout-unknown', 'error', `no layout fragment with id "${layoutId}"`, layoutAt));
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const order = [...checked.keys()].sort();
  const indexOf = new Map(order.map((id, i) => [id, i]));
  const used = new Set<string>();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const partials: Record<string, HandlebarsTemplateDelegate> = {};
  // A failing fragment renders as nothing and rendering goes on, so that one
  // run reports the problems of every fragment, not only the first one hit.
  const failures = new Map<string, Diagnostic>();
  const originals = new WeakMap<object, object>();
  const budget = new RenderBudget();
  /** What the `constraint` helper returned for each constraint of a fragment, the first time (markers included). */
  const constraintOutput = new Map<string, string>();
  const renderFragment = (id: string, context: unknown, data: unknown, trim = false): string => {
    const template = compiled.get(id)!;
    used.add(id);
    let body: string;
    try {
      budget.step();
      body = budget.charge(template(context, { data: data as Record<string, unknown>, helpers, partials }));
    } catch (error) {
      // Over budget, rendering stops everywhere: reported once, at the innermost fragment that was running.
      if (error instanceof RenderBudgetExceeded) {
        if (!failures.has('budget')) failures.set('budget', budgetDiagnostic(checked.get(id)!, error));
        throw error;
      }
      const found =
        error instanceof CharterRoleError
          ? charterRoleDiagnostic(checked.get(id)!, error.role, composition.context, charterRolesAt)
          : error instanceof ValueMissingError
            ? valueMissingDiagnostic(checked.get(id)!.fragment, error, (holder, field) => {
                const original = originals.get(holder);
                return original === undefined ? undefined : composition.locateValue(original, field);
              })
            : runtimeDiagnostic(checked.get(id)!, error);
      failures.set(`${found.file}:${found.line}:${found.column}:${found.message}`, found);
      return '';
    }
    return openMarker(indexOf.get(id)!) + (trim ? body.trim() : body) + closeMarker();
  };

  for (const id of order) {
    compiled.set(id, compiledTemplate(checked.get(id)!));
    if (checked.get(id)!.fragment.meta.kind !== 'layout') {
      partials[id] = ((context: unknown, options: { data?: unknown }) =>
        renderFragment(id, context, options?.data)) as unknown as HandlebarsTemplateDelegate;
    }
  }
  const helpers: Record<string, Handlebars.HelperDelegate> = namedErrors({
    lookup: strictLookup,
    [TEXT_HELPER]: textOnly,
    each(this: unknown, context: unknown, options: Handlebars.HelperOptions) {
      const iterate = options.fn;
      const counted = ((item: unknown, frame: unknown) => {
        budget.step();
        return budget.charge(iterate(item, frame as Handlebars.RuntimeOptions));
      }) as Handlebars.TemplateDelegate;
      return eachHelper.call(this, context, { ...options, fn: counted });
    },
    join,
    inc,
    eq,
    charter(role: unknown, ...rest: unknown[]) {
      const options = rest.at(-1) as Handlebars.HelperOptions;
      const part = rest.length > 1 ? rest[0] : 'section';
      return charterSection((options.data.root as Composition['context']).charter_roles, role, part);
    },
    pattern(module: ModuleView, options: Handlebars.HelperOptions) {
      if (!module?.pattern?.id) throw new TypeError('pattern expects a module');
      return renderFragment(module.pattern.id, module, options.data);
    },
    constraint(constraint: ResolvedConstraint, options: Handlebars.HelperOptions) {
      if (!constraint?.id) throw new TypeError('constraint expects a constraint');
      // Inline text comes from a spec: it is data, printed as is, never compiled.
      if (constraint.fragment === undefined) return constraint.text ?? '';
      // Trimmed: a constraint is one list item, its fragment's final newline would split the list.
      const output = renderFragment(constraint.fragment, options.data.root, options.data, true);
      if (!constraintOutput.has(constraint.id)) constraintOutput.set(constraint.id, output);
      return output;
    },
  });

  const data = ownDataOnly(composition.context, originals);
  let marked: string;
  try {
    marked = renderFragment(layoutId, data, { root: data });
  } catch (error) {
    if (error instanceof RenderBudgetExceeded) return { ok: false, diagnostics: [failures.get('budget')!] };
    throw error;
  }
  if (failures.size > 0) return { ok: false, diagnostics: [...failures.values()] };

  const { lines, owners } = normalizeLines(attributeLines(normalizeNewlines(marked), indexOf.get(layoutId)!));
  const usedFragments = order.filter((id) => used.has(id)).map((id) => checked.get(id)!.fragment);

  // The constraints the layout did not print, rendered alone as the helper renders them; not part of the prompt, so
  // neither their fragments (provenance) nor their failures (the compile's) count.
  const constraintTexts = new Map<string, string>();
  for (const constraint of composition.constraints.all) {
    if (constraint.fragment === undefined) {
      constraintTexts.set(constraint.id, inlineConstraintText(constraint.text ?? ''));
      continue;
    }
    const index = indexOf.get(constraint.fragment);
    if (index === undefined) continue;
    let output = constraintOutput.get(constraint.id);
    if (output === undefined) {
      const before = failures.size;
      try {
        output = renderFragment(constraint.fragment, data, { root: data }, true);
      } catch (error) {
        if (!(error instanceof RenderBudgetExceeded)) throw error;
      }
      if (failures.size > before) output = undefined;
    }
    if (output !== undefined) constraintTexts.set(constraint.id, constraintText(output, index));
  }
  return {
    ok: true,
    rendered: {
      text: lines.length === 0 ? '' : `${lines.join('\n')}\n`,
      lineOwners: owners.map((i) => order[i]!),
      used: usedFragments,
      constraintTexts,
    },
  };
}

/**
 * The over-budget error, at the fragment's most deeply nesting `{{#each}}` (where the multiplying starts), else its
 * first line.
 */
function budgetDiagnostic(checked: CheckedTemplate, error: RenderBudgetExceeded): Diagnostic {
  const { fragment } = checked;
  let deepest: { depth: number; loc: hbs.AST.SourceLocation } | undefined;
  const eachDepth = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 0;
    let inner = 0;
    for (const child of Object.values(node))
      inner = Math.max(inner, Array.isArray(child) ? Math.max(0, ...child.map(eachDepth)) : eachDepth(child));
    const block = node as Partial<hbs.AST.BlockStatement>;
    if (block.type !== 'BlockStatement' || (block.path as hbs.AST.PathExpression | undefined)?.original !== 'each')
      return inner;
    const depth = inner + 1;
    if (!deepest || depth >= deepest.depth) deepest = { depth, loc: block.loc! };
    return depth;
  };
  eachDepth(checked.ast);
  return diagnostic(
    'template-too-costly',
    'error',
    error.what,
    {
      file: fragment.file.path,
      line: (deepest?.loc.start.line ?? 1) + fragment.bodyFirstLine - 1,
      column: (deepest?.loc.start.column ?? 0) + 1,
    },
    { hint: 'flatten the nested loops: iterate over the list once and let a pattern fragment render each item' },
  );
}

/**
 * Helpers whose errors say which helper threw: Handlebars locates only its own errors, and a helper's is then found by
 * name in the template.
 */
function namedErrors(helpers: Record<string, Handlebars.HelperDelegate>): Record<string, Handlebars.HelperDelegate> {
  return Object.fromEntries(
    Object.entries(helpers).map(([name, helper]) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        try {
          return (helper as (...values: unknown[]) => unknown).apply(this, args);
        } catch (error) {
          if (error instanceof Error && !(error instanceof RenderBudgetExceeded) && !('helper' in error))
            Object.assign(error, { helper: name });
          throw error;
        }
      },
    ]),
  );
}

type AstNode = {
  type?: string;
  loc?: hbs.AST.SourceLocation;
  path?: { original?: unknown };
  params?: { type?: string; value?: unknown }[];
  parts?: unknown[];
};

/** The first node of a template (in source order) that `matches`, for errors Handlebars does not locate itself. */
function firstNode(ast: hbs.AST.Program, matches: (node: AstNode) => boolean): hbs.AST.SourceLocation | undefined {
  let found: hbs.AST.SourceLocation | undefined;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const candidate = node as AstNode;
    if (candidate.loc && candidate.type && matches(candidate)) {
      const at = candidate.loc.start;
      if (!found || at.line < found.start.line || (at.line === found.start.line && at.column < found.start.column))
        found = candidate.loc;
    }
    for (const child of Object.values(node)) (Array.isArray(child) ? child : [child]).forEach(visit);
  };
  visit(ast);
  return found;
}

/**
 * A render error in wavec's words, at the expression that failed: Handlebars
 * gives the position of a strict-mode miss; a helper's error is placed at
 * the first call of that helper (with that field, for `lookup`), a lookup
 * on a missing value at the first path naming the field.
 */
function runtimeDiagnostic(checked: CheckedTemplate, error: unknown): Diagnostic {
  const { fragment } = checked;
  const raw = error instanceof Error ? error.message : String(error);
  const details = error as { lineNumber?: number; column?: number; helper?: string };
  const missing = error instanceof LookupError ? [raw, error.field] : /^"([^"]+)" not defined in/.exec(raw);
  const onText = /^Cannot use 'in' operator to search for '([^']+)' in/.exec(raw);
  const onNothing = /^Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(raw);
  const message = missing
    ? `"${missing[1]}" is not defined in the render context (templates are strict: a missing field is an error)`
    : onText
      ? `"${onText[1]}" is looked up on a value that is not a mapping ` +
        '(templates are strict: a missing field is an error)'
      : onNothing
        ? `"${onNothing[1]}" is looked up on a missing value (templates are strict: a missing field is an error)`
        : raw.replace(/ - \d+:\d+$/, '');
  let line = details.lineNumber;
  let column = details.column;
  if (line === undefined) {
    const field = missing?.[1] ?? onText?.[1] ?? onNothing?.[1];
    const loc =
      (details.helper !== undefined
        ? (firstNode(
            checked.ast,
            (node) =>
              node.path?.original === details.helper &&
              (details.helper !== 'lookup' || field === undefined || node.params?.[1]?.value === field),
          ) ?? firstNode(checked.ast, (node) => node.path?.original === details.helper))
        : undefined) ??
      (field !== undefined
        ? firstNode(checked.ast, (node) => node.type === 'PathExpression' && (node.parts ?? []).includes(field))
        : undefined);
    line = loc?.start.line;
    column = loc?.start.column;
  }
  const isMissing = Boolean(missing || onText || onNothing);
  const code = isMissing
    ? 'template-missing-field'
    : error instanceof NotTextError
      ? 'template-not-text'
      : 'template-render';
  return diagnostic(
    code,
    'error',
    message,
    { file: fragment.file.path, line: (line ?? 1) + fragment.bodyFirstLine - 1, column: (column ?? 0) + 1 },
    code === 'template-not-text'
      ? { hint: 'print one field of it, join a list ({{join items ", "}}), or iterate ({{#each items}}…{{/each}})' }
      : {},
  );
}
