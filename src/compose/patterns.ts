import { diagnostic, fileStart, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import { MODULE_LIFECYCLES, type Module, type ModuleKind, type ModuleLifecycle } from '../schema/spec.js';
import { closestMatch } from '../util/similar.js';

export interface ResolvedPattern {
  fragment: Fragment;
  /** Constraint ids implied by this pattern and every pattern it extends, base first. */
  constraints: string[];
  /** Restore steps of the base patterns first, then this one's. */
  restoreSteps: string[];
  /** This pattern's id and those of every pattern it extends, this one first. */
  lineage: string[];
  /** The module kinds the pattern describes: its own `kinds`, else those of the nearest pattern it extends. */
  kinds: readonly ModuleKind[];
}

/**
 * Resolves a pattern id through its `extends` chain. A postgres-with-pgvector
 * pattern extends the postgres one, so it implies the pg_dump gate as well
 * as the pgvector verification.
 */
export function resolvePattern(
  fragments: FragmentLibrary,
  id: string,
  at: SourceLocation,
): { ok: true; pattern: ResolvedPattern } | { ok: false; diagnostics: Diagnostic[] } {
  const chain: Fragment[] = [];
  const seen = new Set<string>();
  let currentId: string | undefined = id;
  let referencedAt = at;
  while (currentId !== undefined) {
    const fragment = fragments.get(currentId);
    if (!fragment || fragment.meta.kind !== 'pattern') {
      const patterns = [...fragments.values()].filter((f) => f.meta.kind === 'pattern').map((f) => f.id);
      const suggestion = closestMatch(currentId, patterns);
      const what = fragment
        ? `"${currentId}" is a ${fragment.meta.kind} fragment, not a pattern`
        : `unknown pattern "${currentId}"`;
      return {
        ok: false,
        diagnostics: [
          diagnostic(
            'pattern-unknown',
            'error',
            `${what}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
            referencedAt,
          ),
        ],
      };
    }
    if (seen.has(currentId)) {
      const cycle = [...chain.map((f) => f.id), currentId].join(' → ');
      return {
        ok: false,
        diagnostics: [diagnostic('pattern-extends-cycle', 'error', `pattern extends itself: ${cycle}`, referencedAt)],
      };
    }
    seen.add(currentId);
    chain.push(fragment);
    currentId = fragment.meta.extends;
    referencedAt = { ...fileStart(fragment.file.path), line: 2 };
  }
  const baseFirst = [...chain].reverse();
  return {
    ok: true,
    pattern: {
      fragment: chain[0]!,
      constraints: unique(baseFirst.flatMap((f) => f.meta.implies.constraints)),
      restoreSteps: baseFirst.flatMap((f) => f.meta.implies.restore_steps),
      lineage: chain.map((f) => f.id),
      kinds: chain.find((f) => f.meta.kinds !== undefined)?.meta.kinds ?? [],
    },
  };
}

/**
 * The lifecycles a pattern's text is true for: its front matter's `lifecycles`, else those of the pattern it
 * extends (its text builds on that one's), else all of them.
 */
export function patternLifecycles(fragments: FragmentLibrary, fragment: Fragment): readonly ModuleLifecycle[] {
  const seen = new Set<string>();
  for (let at: Fragment | undefined = fragment; at && !seen.has(at.id);) {
    if (at.meta.lifecycles) return at.meta.lifecycles;
    seen.add(at.id);
    at = at.meta.extends === undefined ? undefined : fragments.get(at.meta.extends);
  }
  return MODULE_LIFECYCLES;
}

/**
 * Whether a module may use a pattern: the one place a pattern's front matter is checked against the module that
 * names it, first its kinds, then its lifecycles. `at` holds the module's `pattern` entry and the place its lifecycle
 * is set (its `pattern` entry when the default stands nowhere in the file); `library` offers the patterns that would
 * fit instead.
 */
export function patternFitsModule(
  pattern: ResolvedPattern,
  module: Pick<Module, 'id' | 'kind' | 'lifecycle'>,
  at: { pattern: SourceLocation; lifecycle: SourceLocation },
  library: FragmentLibrary,
): Diagnostic[] {
  if (!pattern.kinds.includes(module.kind)) return [kindMismatch(pattern, module, at.pattern, library)];
  const accepts = patternLifecycles(library, pattern.fragment);
  if (accepts.includes(module.lifecycle)) return [];
  return [lifecycleMismatch(pattern.fragment, module.lifecycle, accepts, at.lifecycle, library)];
}

function kindMismatch(
  pattern: ResolvedPattern,
  module: Pick<Module, 'id' | 'kind'>,
  at: SourceLocation,
  library: FragmentLibrary,
): Diagnostic {
  const fitting = [...library.values()]
    .filter((f) => f.meta.kind === 'pattern' && f.meta.kinds?.includes(module.kind))
    .map((f) => f.id)
    .sort();
  return diagnostic(
    'pattern-kind-mismatch',
    'error',
    `pattern "${pattern.fragment.id}" fits modules of kind ${pattern.kinds.join(', ')}, ` +
      `and module "${module.id}" is kind ${module.kind}`,
    at,
    {
      hint:
        `change the module's kind, or use a pattern for ${module.kind} modules` +
        (fitting.length > 0 ? ` (${fitting.join(', ')})` : ''),
    },
  );
}

function lifecycleMismatch(
  pattern: Fragment,
  lifecycle: ModuleLifecycle,
  accepts: readonly ModuleLifecycle[],
  at: SourceLocation,
  library: FragmentLibrary,
): Diagnostic {
  const such = `${lifecycle === 'existing' ? 'an' : 'a'} ${lifecycle} module`;
  const fitting = [...library.values()]
    .filter((f) => f.meta.kind === 'pattern' && patternLifecycles(library, f).includes(lifecycle))
    .map((f) => f.id)
    .sort();
  return diagnostic(
    'pattern-does-not-fit',
    'error',
    `pattern "${pattern.id}" does not fit ${such}: it fits lifecycles ${accepts.join(', ')}; ` +
      (fitting.length > 0
        ? `patterns that fit ${such}: ${fitting.join(', ')}`
        : `no pattern of the library fits ${such}`),
    at,
    {
      // wavec's own fragment is not the user's to edit: they eject a copy and change that.
      hint:
        (pattern.layer === 'base'
          ? `run \`wavec eject ${pattern.id}\` and list ${lifecycle} under \`lifecycles:\` in the copy`
          : `list ${lifecycle} under \`lifecycles:\` in the front matter of ${pattern.file.path}`) +
        ' if its text is true for such a module, or use another pattern',
    },
  );
}
function unique(items: string[]): string[] {
  return [...new Set(items)];
}
