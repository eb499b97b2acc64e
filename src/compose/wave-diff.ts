import type { FragmentLibrary } from '../load/fragments.js';
import type { WaveSpec } from '../schema/spec.js';

/**
 * The one set comparison behind `wavec diff` and the prompt's "Additional
 * vs wave N-1" and "New patterns vs wave N-1" parts: because both use this
 * code, the prompt can never disagree with the diff of the specs.
 */
export interface SetDiff<T> {
  /** In `after`, not in `before`; in `after`'s order. */
  added: T[];
  /** In `before`, not in `after`; in `before`'s order. */
  removed: T[];
  /** In both; the `after` item, in `after`'s order. */
  kept: T[];
}

export function diffBy<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): SetDiff<T> {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((item) => !beforeKeys.has(key(item))),
    removed: before.filter((item) => !afterKeys.has(key(item))),
    kept: after.filter((item) => beforeKeys.has(key(item))),
  };
}

/**
 * A constraint is the same one only with the same id and the same text: an
 * inline constraint dropped and added back with new wording is additional.
 */
export function constraintKey(constraint: { id: string; text: string | undefined }): string {
  return `${constraint.id}\n${constraint.text ?? ''}`;
}

export interface PatternUse {
  id: string;
  /** The fragment's title; the id when the library has no such pattern. */
  title: string;
  /** Ids of the modules that name it, in spec order. */
  modules: string[];
}

/** Pattern fragments named by the modules of `specs`, in order of first use. */
export function patternsUsed(specs: readonly Pick<WaveSpec, 'modules'>[], fragments: FragmentLibrary): PatternUse[] {
  const uses = new Map<string, PatternUse & { named: Set<string> }>();
  for (const spec of specs) {
    for (const module of spec.modules) {
      let use = uses.get(module.pattern);
      if (!use)
        uses.set(
          module.pattern,
          (use = {
            id: module.pattern,
            title: fragments.get(module.pattern)?.meta.title ?? module.pattern,
            modules: [],
            named: new Set(),
          }),
        );
      if (use.named.has(module.id)) continue;
      use.named.add(module.id);
      use.modules.push(module.id);
    }
  }
  return [...uses.values()].map(({ id, title, modules }) => ({ id, title, modules }));
}

/**
 * Pattern fragments the last spec of `chain` (oldest first) uses that none
 * of its predecessors did. A first wave has nothing to be new against.
 */
export function newPatternFragments(
  chain: readonly Pick<WaveSpec, 'modules'>[],
  fragments: FragmentLibrary,
): PatternUse[] {
  if (chain.length < 2) return [];
  // Only whether a predecessor named a pattern matters here, not which of its modules did.
  const before = new Set(chain.slice(0, -1).flatMap((spec) => spec.modules.map((module) => module.pattern)));
  return patternsUsed(chain.slice(-1), fragments).filter((use) => !before.has(use.id));
}
