import { diagnostic, fileStart, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import { MODULE_LIFECYCLES, type ModuleLifecycle } from '../schema/spec.js';
import { closestMatch } from '../util/similar.js';

export interface ResolvedPattern {
  fragment: Fragment;
  /** Constraint ids implied by this pattern and every pattern it extends, base first. */
  constraints: string[];
  /** Restore steps of the base patterns first, then this one's. */
  restoreSteps: string[];
  /** This pattern's id and those of every pattern it extends, this one first. */
  lineage: string[];
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
    },
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
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
 * Whether a pattern fits a module: its front matter lists the module's lifecycle. A mismatch is located at `at`
 * (the module's `lifecycle` key) and names the patterns of the library that would fit.
 */
export function patternFits(
  fragments: FragmentLibrary,
  pattern: Fragment,
  module: { lifecycle: ModuleLifecycle },
  at: SourceLocation,
): Diagnostic[] {
  const accepts = patternLifecycles(fragments, pattern);
  if (accepts.includes(module.lifecycle)) return [];
  const such = `${module.lifecycle === 'existing' ? 'an' : 'a'} ${module.lifecycle} module`;
  const fitting = [...fragments.values()]
    .filter((f) => f.meta.kind === 'pattern' && patternLifecycles(fragments, f).includes(module.lifecycle))
    .map((f) => f.id)
    .sort();
  return [
    diagnostic(
      'pattern-does-not-fit',
      'error',
      `pattern "${pattern.id}" does not fit ${such}: it fits lifecycles ${accepts.join(', ')}; ` +
        (fitting.length > 0
          ? `patterns that fit ${such}: ${fitting.join(', ')}`
          : `no pattern of the library fits ${such}`),
      at,
      {
        hint:
          `list ${module.lifecycle} under \`lifecycles:\` in the front matter of ${pattern.file.path} if its text ` +
          `is true for such a module, or use another pattern`,
      },
    ),
  ];
}
