import Handlebars from 'handlebars';
import { diagnostic, fileStart, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Composition, ModuleView } from '../compose/context.js';
import type { ResolvedConstraint } from '../compose/constraints.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import { attributeLines, closeMarker, MARKER_PATTERN, openMarker } from './attribution.js';
import { eq, inc, join, KNOWN_HELPERS, LookupError, ownDataOnly, strictLookup } from './helpers.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { LineIndex, normalizeNewlines } from '../util/text.js';
import { normalizeLines } from './normalize.js';
import { checkTemplate, findPartialCycles, type CheckedTemplate } from './template-check.js';

export interface RenderedPrompt {
  /** The prompt, LF-terminated. */
  text: string;
  /** Fragment id that produced each line (index i is line i + 1). */
  lineOwners: string[];
  /** Every fragment whose output reached the prompt, in first-use order. */
  used: Fragment[];
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
  knownHelpers: Object.fromEntries([...KNOWN_HELPERS].map((name) => [name, true])),
};

/**
 * One Handlebars environment for the process, without the `log` and
 * `blockHelperMissing` helpers; wavec's helpers and the fragments (as
 * partials) are passed to each render, because they carry that render's state.
 */
const env = Handlebars.create();
env.unregisterHelper('log');
env.unregisterHelper('blockHelperMissing');

/**
 * Compiled templates by body text. A compiled template depends on nothing
 * but its body and the fixed options, so a warm compile, or a recompile after
 * one fragment changed, compiles only what changed.
 */
const compiledTemplates = new BoundedCache<string, HandlebarsTemplateDelegate>(2000);

function compiledTemplate(checked: CheckedTemplate): HandlebarsTemplateDelegate {
  const body = checked.fragment.body;
  return compiledTemplates.get(body) ?? compiledTemplates.set(body, env.compile(checked.ast, COMPILE_OPTIONS));
}

/**
 * Checks every template (not only the ones a wave reaches), so a broken
 * fragment is found the day it is written rather than the day it is used.
 * Needs no spec: a compile that stops earlier still reports these.
 */
export function checkTemplates(fragments: FragmentLibrary): { checked: Map<string, CheckedTemplate>; diagnostics: Diagnostic[] } {
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
  const renderFragment = (id: string, context: unknown, data: unknown, trim = false): string => {
    const template = compiled.get(id)!;
    const fragment = checked.get(id)!.fragment;
    used.add(id);
    let body: string;
    try {
      body = template(context, { data: data as Record<string, unknown>, helpers, partials });
    } catch (error) {
      const found = runtimeDiagnostic(fragment, error);
      failures.set(`${found.file}:${found.line}:${found.column}:${found.message}`, found);
      return '';
    }
    return openMarker(indexOf.get(id)!) + (trim ? body.trim() : body) + closeMarker();
  };

  for (const id of order) {
    compiled.set(id, compiledTemplate(checked.get(id)!));
    if (checked.get(id)!.fragment.meta.kind !== 'layout') {
      partials[id] = ((context: unknown, options: { data?: unknown }) => renderFragment(id, context, options?.data)) as unknown as HandlebarsTemplateDelegate;
    }
  }
  const helpers: Record<string, Handlebars.HelperDelegate> = {
    lookup: strictLookup,
    join,
    inc,
    eq,
    pattern(module: ModuleView, options: Handlebars.HelperOptions) {
      if (!module?.pattern?.id) throw new TypeError('pattern expects a module');
      return renderFragment(module.pattern.id, module, options.data);
    },
    constraint(constraint: ResolvedConstraint, options: Handlebars.HelperOptions) {
      if (!constraint?.id) throw new TypeError('constraint expects a constraint');
      // Inline text comes from a spec: it is data, printed as is, never compiled.
      if (constraint.fragment === undefined) return constraint.text ?? '';
      // Trimmed: a constraint is one list item, its fragment's final newline would split the list.
      return renderFragment(constraint.fragment, options.data.root, options.data, true);
    },
  };

  const data = ownDataOnly(composition.context);
  const marked = renderFragment(layoutId, data, { root: data });
  if (failures.size > 0) return { ok: false, diagnostics: [...failures.values()] };

  const { lines, owners } = normalizeLines(attributeLines(normalizeNewlines(marked), indexOf.get(layoutId)!));
  return {
    ok: true,
    rendered: {
      text: lines.length === 0 ? '' : `${lines.join('\n')}\n`,
      lineOwners: owners.map((i) => order[i]!),
      used: order.filter((id) => used.has(id)).map((id) => checked.get(id)!.fragment),
    },
  };
}

function runtimeDiagnostic(fragment: Fragment, error: unknown): Diagnostic {
  const raw = error instanceof Error ? error.message : String(error);
  const details = error as { lineNumber?: number; column?: number };
  const missing = error instanceof LookupError ? [raw, error.field] : /^"([^"]+)" not defined in/.exec(raw);
  const onText = /^Cannot use 'in' operator to search for '([^']+)' in/.exec(raw);
  const message = missing
    ? `"${missing[1]}" is not defined in the render context (templates are strict: a missing field is an error)`
    : onText
      ? `"${onText[1]}" is looked up on a value that is not a mapping (templates are strict: a missing field is an error)`
      : raw.replace(/ - \d+:\d+$/, '');
  const isMissing = Boolean(missing || onText);
  return diagnostic(isMissing ? 'template-missing-field' : 'template-render', 'error', message, {
    file: fragment.file.path,
    line: (details.lineNumber ?? 1) + fragment.bodyFirstLine - 1,
    column: (details.column ?? 0) + 1,
  });
}
