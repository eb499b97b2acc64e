import {
  dedupeDiagnostics,
  diagnostic,
  fileStart,
  type Diagnostic,
  type SourceLocation,
} from '../diagnostics/diagnostic.js';
import type { FragmentLibrary } from '../load/fragments.js';
import type { LoadedSpec } from '../load/specs.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { sha256 } from '../util/hash.js';
import { closestMatch } from '../util/similar.js';
import { resolvePattern } from './patterns.js';
import { constraintKey, diffBy } from './wave-diff.js';

/** Where a constraint came from: the wave that brought it in, and the pattern when one implied it. */
export type ConstraintOrigin =
  | { kind: 'spec'; phase: number; wave: number }
  | { kind: 'pattern'; phase: number; wave: number; pattern: string; module: string };

export interface ResolvedConstraint {
  id: string;
  /** Inline text from a spec; undefined when a constraint fragment provides it. */
  text: string | undefined;
  /** The constraint fragment's id when the text comes from one. */
  fragment: string | undefined;
  /** The wave that first brought this constraint in. */
  origin: ConstraintOrigin;
}

export interface ConstraintSet {
  /** In the order they were introduced: oldest wave first. */
  all: ResolvedConstraint[];
  /** Also in force in the predecessor wave. */
  inherited: ResolvedConstraint[];
  /** Not in force in the predecessor wave ("additional vs wave N-1"): the `wavec diff` of the two sets. */
  additional: ResolvedConstraint[];
  dropped: { id: string; reason: string; wave: number }[];
  /**
   * Pattern-implied constraints of the predecessor that no module of this
   * wave implies any more: they lapse with their reason (shown as lapsed,
   * never silently gone).
   */
  lapsed: { id: string; pattern: string; wave: number }[];
}

/**
 * Resolves the hard constraints of the last wave in `chain` (oldest first):
 * each wave inherits its predecessor's set (unless `inherit: false`), drops
 * what it names with a reason, adds its own, and adds what its modules'
 * patterns imply. Unknown ids are reported where they are written.
 */
export function resolveConstraints(
  chain: readonly LoadedSpec[],
  fragments: FragmentLibrary,
): { constraints: ConstraintSet; diagnostics: Diagnostic[] } {
  let state = startOf(fragments);
  let previous = state;
  for (const loaded of chain) {
    previous = state;
    state = stepOf(state, loaded, fragments);
  }
  const current = state.constraints;
  const all = [...current.values()];
  const { added, kept } = diffBy([...previous.constraints.values()], all, constraintKey);
  const diagnostics = [...state.diagnostics];
  const last = chain[chain.length - 1];
  if (last) diagnostics.push(...missingModuleContext(all, last, fragments));
  return {
    constraints: {
      all,
      inherited: kept,
      additional: added,
      dropped: state.dropped,
      lapsed: state.lapsed.filter((l) => !current.has(l.id)),
    },
    diagnostics: dedupeDiagnostics(diagnostics),
  };
}

/**
 * The constraints in force after one wave of a chain, with what that wave dropped and let lapse and every problem
 * found along the chain so far. Never mutated: a state is shared by every chain that passes through it.
 */
interface ChainState {
  constraints: ReadonlyMap<string, ResolvedConstraint>;
  dropped: ConstraintSet['dropped'];
  lapsed: ConstraintSet['lapsed'];
  diagnostics: readonly Diagnostic[];
  /** What its module patterns implied: a constraint lapsing after it is named by the pattern that last did. */
  implied: ReadonlyMap<string, { pattern: string; module: string }>;
  /** The state after each next wave, by that wave's loaded spec. */
  next: WeakMap<LoadedSpec, ChainState>;
}

/**
 * What each predecessor contributes is computed once per process: a state after a wave is keyed by the state before
 * it and that wave's loaded spec (one object per spec text, see load/specs.ts), starting from one state per fragment
 * library (by the hash of what of it constraints depend on). Compiling every wave of a chain, or the last wave
 * again after an edit, walks the chain without resolving it again.
 */
const starts = new BoundedCache<string, ChainState>(16);
const libraryKeys = new WeakMap<FragmentLibrary, string>();

function startOf(fragments: FragmentLibrary): ChainState {
  let key = libraryKeys.get(fragments);
  if (key === undefined) {
    // What a chain's constraints depend on: every fragment's id and kind (an id is checked to name a constraint),
    // and the patterns' and constraints' own files. Editing a section's wording keeps every state.
    const files = [...fragments.values()]
      .map((f) =>
        [
          f.id,
          f.meta.kind,
          f.file.path,
          f.meta.kind === 'pattern' || f.meta.kind === 'constraint' ? f.file.hash : '',
        ].join('\0'),
      )
      .sort();
    libraryKeys.set(fragments, (key = sha256(files.join('\n'))));
  }
  return (
    starts.get(key) ??
    starts.set(key, {
      constraints: new Map(),
      dropped: [],
      lapsed: [],
      diagnostics: [],
      implied: new Map(),
      next: new WeakMap(),
    })
  );
}

function stepOf(state: ChainState, loaded: LoadedSpec, fragments: FragmentLibrary): ChainState {
  let after = state.next.get(loaded);
  if (!after) state.next.set(loaded, (after = step(state, loaded, fragments)));
  return after;
}

function step(state: ChainState, { spec, yaml }: LoadedSpec, fragments: FragmentLibrary): ChainState {
  const diagnostics: Diagnostic[] = [];
  const next = spec.hard_constraints.inherit ? new Map(state.constraints) : new Map<string, ResolvedConstraint>();
  const dropped: ConstraintSet['dropped'] = [];
  const lapsed: ConstraintSet['lapsed'] = [];
  const implied = impliedBy(spec.modules, fragments);
  spec.hard_constraints.drop.forEach((drop, i) => {
    const implication = implied.get(drop.id);
    if (implication) {
      // Dropping it here would only let the pattern add it back, and the
      // prompt would list it as both in force and no longer in force.
      diagnostics.push(
        diagnostic(
          'constraint-implied-conflict',
          'error',
          `cannot drop "${drop.id}": pattern "${implication.pattern}" of module "${implication.module}" implies it`,
          yaml.locate(['hard_constraints', 'drop', i, 'id']),
          {
            hint:
              "change the module's pattern, or the pattern's implies list, " +
              'if the constraint really no longer applies',
          },
        ),
      );
      return;
    }
    if (!next.delete(drop.id)) {
      const suggestion = closestMatch(drop.id, next.keys());
      diagnostics.push(
        diagnostic(
          'constraint-unknown',
          'error',
          `cannot drop "${drop.id}": no inherited constraint has that id` +
            `${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          yaml.locate(['hard_constraints', 'drop', i, 'id']),
        ),
      );
    } else dropped.push({ ...drop, wave: spec.wave });
  });

  // A constraint a pattern implied is in force for that pattern's modules: without one here, its reason is gone.
  for (const [id, constraint] of next) {
    if (constraint.origin.kind !== 'pattern' || implied.has(id)) continue;
    next.delete(id);
    // The pattern of the predecessor's module that last implied it, not the one that first brought it in.
    lapsed.push({ id, pattern: state.implied.get(id)?.pattern ?? constraint.origin.pattern, wave: spec.wave });
  }

  spec.hard_constraints.add.forEach((ref, i) => {
    // Located only for a diagnostic: a predecessor from the parsed-spec index is not parsed to step past it.
    const at = () => yaml.locate(['hard_constraints', 'add', i]);
    const id = typeof ref === 'string' ? ref : ref.id;
    const dropAt = spec.hard_constraints.drop.findIndex((drop) => drop.id === id);
    if (dropAt !== -1) {
      // Both would reach the prompt: the constraint in force and under "No longer in force".
      diagnostics.push(
        diagnostic(
          'constraint-dropped-and-added',
          'error',
          `constraint "${id}" is dropped (hard_constraints.drop[${dropAt}]) and added back in the same wave`,
          yaml.locate(['hard_constraints', 'add', i, ...(typeof ref === 'string' ? [] : ['id'])]),
          {
            related: { ...yaml.locate(['hard_constraints', 'drop', dropAt, 'id']), message: 'where it is dropped' },
            hint:
              'keep one: remove the drop to keep it in force, or the add to let it go; ' +
              'a reworded inline constraint takes a new id',
          },
        ),
      );
      return;
    }
    if (next.has(id)) {
      diagnostics.push(
        diagnostic(
          'constraint-duplicate',
          'warning',
          `constraint "${id}" is already in force (inherited); this entry is ignored`,
          at(),
        ),
      );
      return;
    }
    const implication = implied.get(id);
    if (typeof ref !== 'string' && implication) {
      diagnostics.push(
        diagnostic(
          'constraint-implied-conflict',
          'error',
          `"${id}" is implied by pattern "${implication.pattern}" of module "${implication.module}"; ` +
            "inline text here would replace the pattern's wording",
          yaml.locate(['hard_constraints', 'add', i, 'id']),
          {
            hint: 'give the inline constraint its own id, or remove it',
          },
        ),
      );
      return;
    }
    if (typeof ref === 'string') {
      if (!checkConstraintFragment(fragments, id, at, diagnostics)) return;
      next.set(id, {
        id,
        text: undefined,
        fragment: id,
        origin: { kind: 'spec', phase: spec.phase, wave: spec.wave },
      });
    } else {
      next.set(id, {
        id,
        text: ref.text,
        fragment: undefined,
        origin: { kind: 'spec', phase: spec.phase, wave: spec.wave },
      });
    }
  });

  spec.modules.forEach((module) => {
    // Its problems are reported by the module resolution in compose, at the module's pattern.
    const resolved = resolvePattern(fragments, module.pattern, fileStart(''));
    if (!resolved.ok) return;
    for (const id of resolved.pattern.constraints) {
      if (next.has(id)) continue;
      const at = () => ({ ...fileStart(resolved.pattern.fragment.file.path), line: 2 });
      if (!checkConstraintFragment(fragments, id, at, diagnostics)) continue;
      next.set(id, {
        id,
        text: undefined,
        fragment: id,
        origin: { kind: 'pattern', phase: spec.phase, wave: spec.wave, pattern: module.pattern, module: module.id },
      });
    }
  });
  return {
    constraints: next,
    dropped,
    lapsed,
    // Shared with the state before when this wave adds no problem: a long chain keeps one array, not one per wave.
    diagnostics: diagnostics.length === 0 ? state.diagnostics : [...state.diagnostics, ...diagnostics],
    implied,
    next: new WeakMap(),
  };
}

/**
 * A constraint whose text speaks of the wave's modules of one pattern
 * (`requires_pattern`) in a wave without such a module would print a
 * sentence with a hole: an error where the constraint came into this wave
 * (its `add` entry, or the `predecessor` it is inherited through).
 */
function missingModuleContext(
  constraints: readonly ResolvedConstraint[],
  { spec, yaml }: LoadedSpec,
  fragments: FragmentLibrary,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const lineages = spec.modules.map((module) => {
    const resolved = resolvePattern(fragments, module.pattern, fileStart(''));
    return resolved.ok ? resolved.pattern.lineage : [];
  });
  for (const constraint of constraints) {
    const fragment = constraint.fragment === undefined ? undefined : fragments.get(constraint.fragment);
    const needed = fragment?.meta.requires_pattern;
    if (fragment === undefined || needed === undefined || lineages.some((lineage) => lineage.includes(needed)))
      continue;
    if (fragments.get(needed)?.meta.kind !== 'pattern') {
      const patterns = [...fragments.values()].filter((f) => f.meta.kind === 'pattern').map((f) => f.id);
      const suggestion = closestMatch(needed, patterns);
      const line = fragment.file.text.split('\n').findIndex((text) => /^requires_pattern\s*:/.test(text)) + 1;
      found.push(
        diagnostic(
          'pattern-unknown',
          'error',
          `requires_pattern names unknown pattern "${needed}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          {
            file: fragment.file.path,
            line: line || 1,
            column: 1,
          },
        ),
      );
      continue;
    }
    const addedHere =
      constraint.origin.kind === 'spec' &&
      constraint.origin.wave === spec.wave &&
      constraint.origin.phase === spec.phase;
    const index = spec.hard_constraints.add.findIndex(
      (ref) => (typeof ref === 'string' ? ref : ref.id) === constraint.id,
    );
    const at =
      addedHere && index !== -1 ? yaml.locate(['hard_constraints', 'add', index]) : yaml.locate(['predecessor']);
    found.push(
      diagnostic(
        'constraint-needs-module',
        'error',
        `constraint "${constraint.id}" speaks of this wave's modules of pattern "${needed}", ` +
          `and wave ${spec.wave} has none: its text would have a hole`,
        at,
        {
          hint: addedHere
            ? `remove it, or add a module of pattern "${needed}"`
            : `drop it here (hard_constraints.drop: [{id: ${constraint.id}, reason: …}]), ` +
              `or add a module of pattern "${needed}"`,
        },
      ),
    );
  }
  return found;
}

function checkConstraintFragment(
  fragments: FragmentLibrary,
  id: string,
  at: () => SourceLocation,
  diagnostics: Diagnostic[],
): boolean {
  const fragment = fragments.get(id);
  if (fragment?.meta.kind === 'constraint') return true;
  const known = [...fragments.values()].filter((f) => f.meta.kind === 'constraint').map((f) => f.id);
  const suggestion = closestMatch(id, known);
  const what = fragment
    ? `"${id}" is a ${fragment.meta.kind} fragment, not a constraint`
    : `unknown constraint fragment "${id}"`;
  diagnostics.push(
    diagnostic('constraint-unknown', 'error', `${what}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, at()),
  );
  return false;
}

/** Constraint ids the wave's own module patterns imply, with the first module and pattern that do. */
export function impliedBy(
  modules: readonly LoadedSpec['spec']['modules'][number][],
  fragments: FragmentLibrary,
): Map<string, { pattern: string; module: string }> {
  const implied = new Map<string, { pattern: string; module: string }>();
  for (const module of modules) {
    const resolved = resolvePattern(fragments, module.pattern, fileStart(''));
    if (!resolved.ok) continue; // reported where the module is resolved
    for (const id of resolved.pattern.constraints)
      if (!implied.has(id)) implied.set(id, { pattern: module.pattern, module: module.id });
  }
  return implied;
}
