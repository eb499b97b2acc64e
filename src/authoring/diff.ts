import { findProblemDiagnostic } from '../load/spec-store.js';
import { impliedBy, resolveConstraints, type ResolvedConstraint } from '../compose/constraints.js';
import { constraintKey, diffBy, newPatternFragments, patternsUsed, type PatternUse } from '../compose/wave-diff.js';
import { resolvePattern } from '../compose/patterns.js';
import { dedupeDiagnostics, fileStart, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import type { Module } from '../schema/spec.js';
import { assertWaveNumber, useWorkspace } from './workspace-arg.js';

/** A wave number, or a wave of a named phase (to compare waves of different phases). */
export type WaveSelector = number | { phase: number; wave: number };

export interface DiffRequest {
  /** The earlier wave (the left side). */
  from: WaveSelector;
  /** The later wave (the right side). */
  to: WaveSelector;
  /** The phase of a side given as a plain number; needed only when that wave number exists in several phases. */
  phase?: number;
}

export interface Changes<T> {
  added: T[];
  removed: T[];
}

export interface WaveDiff {
  from: { phase: number; wave: number; path: string };
  to: { phase: number; wave: number; path: string };
  modules: Changes<{ id: string; pattern: string; kind: Module['kind'] }>;
  /**
   * Pattern fragments named by the modules of each wave, and `first_used`:
   * those the second wave uses that no wave of its own predecessor chain did,
   * which is what its prompt lists under "New patterns vs wave N-1".
   */
  patterns: Changes<PatternUse> & { first_used: PatternUse[] };
  /** Hard constraints in force in each wave, resolved along each predecessor chain. */
  constraints: Changes<{ id: string; fragment: string | undefined; text: string | undefined }> & {
    /**
     * The removed ones a pattern of the first wave implied and no module of the second wave's pattern does: they lapsed
     * with their reason.
     */
    lapsed: { id: string; pattern: string }[];
  };
  charter_refs: Changes<{ section: number; title: string }>;
}

/**
 * What changed between two waves: modules, patterns, resolved hard
 * constraints and charter references, added and removed. The compiled
 * prompt's "Additional vs wave N-1" and "New patterns vs wave N-1" parts
 * come from the same comparison (compose/wave-diff.ts).
 */
export async function diffWaves(
  workspaceOrRoot: Workspace | string,
  request: DiffRequest,
): Promise<{ diff?: WaveDiff; diagnostics: Diagnostic[] }> {
  for (const side of ['from', 'to'] as const) {
    const selector = request[side];
    if (typeof selector === 'number') assertWaveNumber(selector, side);
    else {
      assertWaveNumber(selector.wave, `${side}.wave`);
      assertWaveNumber(selector.phase, `${side}.phase`);
    }
  }
  const { workspace, diagnostics } = await useWorkspace(workspaceOrRoot);
  if (!workspace) return { diagnostics };

  const chains: LoadedSpec[][] = [];
  for (const selector of [request.from, request.to]) {
    const found =
      typeof selector === 'number'
        ? await workspace.specs.find(selector, request.phase)
        : await workspace.specs.find(selector.wave, selector.phase);
    if (!found.ok) {
      diagnostics.push(findProblemDiagnostic(found));
      continue;
    }
    const chain = await workspace.specs.chain(found.ref);
    if (chain.ok) chains.push(chain.chain);
    else diagnostics.push(...chain.diagnostics);
  }
  const [before, after] = chains;
  if (!before || !after) return { diagnostics: sortDiagnostics(diagnostics) };

  const a = before[before.length - 1]!;
  const b = after[after.length - 1]!;
  const constraintsOf = (chain: LoadedSpec[]): ResolvedConstraint[] => {
    const resolved = resolveConstraints(chain, workspace.fragments);
    diagnostics.push(...resolved.diagnostics);
    return resolved.constraints.all;
  };
  const constraints = diffBy(constraintsOf(before), constraintsOf(after), constraintKey);
  const impliedByB = new Set(
    b.spec.modules.flatMap((module) => {
      const resolved = resolvePattern(workspace.fragments, module.pattern, fileStart(''));
      return resolved.ok ? resolved.pattern.constraints : [];
    }),
  );
  // Named by the pattern of the first wave's module that implies it, not the one that first brought it in.
  const impliedByA = impliedBy(a.spec.modules, workspace.fragments);
  const lapsed = constraints.removed.flatMap((c) =>
    c.origin.kind === 'pattern' && !impliedByB.has(c.id)
      ? [{ id: c.id, pattern: impliedByA.get(c.id)?.pattern ?? c.origin.pattern }]
      : [],
  );
  const moduleView = (m: Module) => ({ id: m.id, pattern: m.pattern, kind: m.kind });
  const modules = diffBy(a.spec.modules.map(moduleView), b.spec.modules.map(moduleView), (m) => m.id);
  const patterns = diffBy(
    patternsUsed([a.spec], workspace.fragments),
    patternsUsed([b.spec], workspace.fragments),
    (p) => p.id,
  );
  const charterView = (ref: { section: number }) => ({
    section: ref.section,
    title: workspace.charter.sections.get(ref.section)?.title ?? '',
  });
  const charter = diffBy(a.spec.charter_refs.map(charterView), b.spec.charter_refs.map(charterView), (ref) =>
    String(ref.section),
  );
  const constraintView = (c: ResolvedConstraint) => ({ id: c.id, fragment: c.fragment, text: c.text });

  return {
    diff: {
      from: { phase: a.spec.phase, wave: a.spec.wave, path: a.file.path },
      to: { phase: b.spec.phase, wave: b.spec.wave, path: b.file.path },
      modules: { added: modules.added, removed: modules.removed },
      patterns: {
        added: patterns.added,
        removed: patterns.removed,
        first_used: newPatternFragments(
          after.map((loaded) => loaded.spec),
          workspace.fragments,
        ),
      },
      constraints: {
        added: constraints.added.map(constraintView),
        removed: constraints.removed.map(constraintView),
        lapsed,
      },
      charter_refs: { added: charter.added, removed: charter.removed },
    },
    diagnostics: sortDiagnostics(dedupeDiagnostics(diagnostics)),
  };
}
