import { diagnostic, fileStart, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import type { Module, ModuleKind } from '../schema/spec.js';
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
 * Whether a module may use a pattern: the one place a pattern's front matter is checked against the module that
 * names it (its kinds; a later field of the pattern adds its check here). `at` is the module's `pattern` entry;
 * `library` offers the patterns that would fit instead.
 */
export function patternFitsModule(
  pattern: ResolvedPattern,
  module: Pick<Module, 'id' | 'kind'>,
  at: SourceLocation,
  library: FragmentLibrary,
): Diagnostic[] {
  if (pattern.kinds.includes(module.kind)) return [];
  const fitting = [...library.values()]
    .filter((f) => f.meta.kind === 'pattern' && f.meta.kinds?.includes(module.kind))
    .map((f) => f.id)
    .sort();
  return [
    diagnostic(
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
    ),
  ];
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
