/**
 * Checks across all wave specs of a phase: what no single prompt can see.
 *
 * - `phase-module-unique`: each module id belongs to exactly one wave of the
 *   phase (a module manifested twice gets two competing PRs).
 * - `phase-predecessor-chain`: the waves form one chain, each wave's
 *   `predecessor` being the wave numbered just before it: no gap (a
 *   predecessor without a spec, a skipped wave number, a second chain
 *   start) and no cycle.
 *
 * How to call it (the lint engine, `wavec lint`, CI):
 *
 *   import { checkPhase, checkAllPhases } from './check/phase.js';
 *   const diagnostics = await checkPhase(workspace, 2);   // one phase
 *   const all = await checkAllPhases(workspace);          // every phase under waves_dir
 *
 * Diagnostics point at spec values (`modules[i].id`, `predecessor`), sorted.
 * A spec that does not load is reported with its own load diagnostics and
 * left out of the cross-checks. Severities follow the config's `rules`
 * setting for these codes, like any rule (`off` skips the check).
 */
import { diagnostic, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { phaseDirName, type LoadedSpec } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import { severityOf, type RuleCode } from '../schema/rules.js';
import { resolveWaveAddress } from '../schema/spec.js';

/** The phase-wide checks, described like rules so docs and config can list them. */
export interface PhaseRule {
  code: RuleCode;
  severity: Severity;
  description: string;
}

export const PHASE_MODULE_UNIQUE: PhaseRule = {
  code: 'phase-module-unique',
  severity: 'error',
  description:
    'Across the waves of a phase, each module id belongs to exactly one wave, ' +
    'unless a later wave declares that it revisits it (`revisits: W`).',
};

export const PHASE_PREDECESSOR_CHAIN: PhaseRule = {
  code: 'phase-predecessor-chain',
  severity: 'error',
  description:
    "The waves of a phase form one predecessor chain, each wave's predecessor the wave numbered just before it: " +
    'no gap, no cycle. Only the first wave may inherit from another (earlier) phase, as ' +
    '`predecessor: {phase, wave}`, and that wave is the last of its phase ' +
    'unless `predecessor_skip_reason` says why not.',
};

export const PHASE_RULES: readonly PhaseRule[] = [PHASE_MODULE_UNIQUE, PHASE_PREDECESSOR_CHAIN];

/**
 * A loaded workspace is a snapshot of its specs, so a phase's findings are computed once per workspace: compiling
 * every wave of a phase (`compile --all`, lint of a folder) checks the phase once, not once per wave.
 */
const checkedPhases = new WeakMap<Workspace, Map<number, Promise<Diagnostic[]>>>();

export async function checkPhase(workspace: Workspace, phase: number): Promise<Diagnostic[]> {
  if (!Number.isInteger(phase) || phase < 1) throw new TypeError(`phase must be a positive integer, got ${phase}`);
  let phases = checkedPhases.get(workspace);
  if (!phases) checkedPhases.set(workspace, (phases = new Map()));
  let checked = phases.get(phase);
  if (!checked) phases.set(phase, (checked = checkPhaseOnce(workspace, phase)));
  return [...(await checked)];
}

async function checkPhaseOnce(workspace: Workspace, phase: number): Promise<Diagnostic[]> {
  const everyWave = await workspace.specs.waves();
  const refs = everyWave.filter((ref) => ref.phase === phase);
  // Waves of other phases, which a cross-phase predecessor or revisit names; their own problems are their phase's.
  const elsewhere = async (at: { phase: number; wave: number }): Promise<LoadedSpec | 'unloadable' | undefined> => {
    const ref = everyWave.find((r) => r.phase === at.phase && r.wave === at.wave);
    if (!ref) return undefined;
    const loaded = await workspace.specs.load(ref);
    return loaded.ok ? loaded.loaded : 'unloadable';
  };
  const lastWave: LastWave = async (of) => {
    const waves = everyWave.filter((r) => r.phase === of).map((r) => r.wave);
    return waves.length === 0 ? undefined : Math.max(...waves);
  };
  const specs: LoadedSpec[] = [];
  const unloadable = new Set<number>();
  const found: Diagnostic[] = [];
  for (const ref of refs) {
    const loaded = await workspace.specs.load(ref);
    if (loaded.ok) specs.push(loaded.loaded);
    else {
      found.push(...loaded.diagnostics);
      unloadable.add(ref.wave);
    }
  }
  const settings = workspace.config.rules ?? {};
  for (const [rule, check] of [
    [PHASE_MODULE_UNIQUE, moduleUnique],
    [PHASE_PREDECESSOR_CHAIN, predecessorChain],
  ] as const) {
    const severity = severityOf(settings[rule.code], rule.severity);
    if (severity === 'off') continue;
    found.push(...(await check(specs, phase, unloadable, elsewhere, lastWave)).map((d) => ({ ...d, severity })));
  }
  return sortDiagnostics(found);
}

/** {@link checkPhase} for every phase that has a spec under `waves_dir`. */
export async function checkAllPhases(workspace: Workspace): Promise<Diagnostic[]> {
  const phases = [...new Set((await workspace.specs.waves()).map((ref) => ref.phase))];
  const found: Diagnostic[] = [];
  for (const phase of phases) found.push(...(await checkPhase(workspace, phase)));
  return sortDiagnostics(found);
}

type Elsewhere = (at: { phase: number; wave: number }) => Promise<LoadedSpec | 'unloadable' | undefined>;
/** The highest wave number with a spec in a phase; undefined when it has none. */
type LastWave = (phase: number) => Promise<number | undefined>;

/**
 * `specs` in wave order; duplicates within one wave are the compile's
 * `spec-duplicate-id`. A module that declares `revisits: W` may appear again
 * when wave W (of this phase or, as `{phase, wave}`, of an earlier one)
 * declares it: the wave revises that manifest.
 */
async function moduleUnique(
  specs: readonly LoadedSpec[],
  phase: number,
  _unloadable: ReadonlySet<number>,
  elsewhere: Elsewhere,
): Promise<Diagnostic[]> {
  const first = new Map<string, { loaded: LoadedSpec; index: number }>();
  // Modules of the earlier phases this phase inherits from (its first wave's cross-phase chain) count as declared.
  for (const loaded of await inheritedAcrossPhases(specs[0], phase, elsewhere)) {
    loaded.spec.modules.forEach((module, index) => {
      if (!first.has(module.id)) first.set(module.id, { loaded, index });
    });
  }
  const found: Diagnostic[] = [];
  const report = (
    loaded: LoadedSpec,
    path: (string | number)[],
    message: string,
    extra: Parameters<typeof diagnostic>[4] = {},
  ) =>
    found.push(
      diagnostic(PHASE_MODULE_UNIQUE.code, PHASE_MODULE_UNIQUE.severity, message, loaded.yaml.locate(path), extra),
    );
  for (const loaded of specs) {
    for (const [index, module] of loaded.spec.modules.entries()) {
      const earlier = first.get(module.id);
      if (module.revisits !== undefined) {
        const target = resolveWaveAddress(module.revisits, phase);
        const at = ['modules', index, 'revisits'];
        const named =
          target.phase === phase ? `wave ${target.wave}` : `${phaseDirName(target.phase)} wave ${target.wave}`;
        if (target.phase > phase || (target.phase === phase && target.wave >= loaded.spec.wave)) {
          report(
            loaded,
            at,
            `module "${module.id}" revisits ${named}, which does not come before wave ${loaded.spec.wave}`,
          );
          continue;
        }
        const source =
          target.phase === phase ? specs.find((s) => s.spec.wave === target.wave) : await elsewhere(target);
        if (source === 'unloadable' || (source === undefined && _unloadable.has(target.wave) && target.phase === phase))
          continue;
        if (source === undefined) {
          report(loaded, at, `module "${module.id}" revisits ${named}, which has no spec`);
          continue;
        }
        const there = source.spec.modules.findIndex((m) => m.id === module.id);
        if (there === -1) {
          report(
            loaded,
            at,
            `module "${module.id}" revisits ${named}, but that wave declares no module "${module.id}"`,
          );
          continue;
        }
        if (!earlier) first.set(module.id, { loaded, index });
        continue;
      }
      if (!earlier) {
        first.set(module.id, { loaded, index });
        continue;
      }
      if (earlier.loaded === loaded) continue;
      const there = earlier.loaded.spec;
      if (there.phase !== phase) {
        const named = `${phaseDirName(there.phase)} wave ${there.wave}`;
        report(
          loaded,
          ['modules', index, 'id'],
          `module "${module.id}" is already in ${named}, which this phase inherits from; ` +
            'a module is manifested once along the predecessor chain',
          {
            related: {
              message: `${named} declares it here`,
              ...earlier.loaded.yaml.locate(['modules', earlier.index, 'id']),
            },
            hint: `if this wave revises that manifest, say so: revisits: {phase: ${there.phase}, wave: ${there.wave}}`,
          },
        );
        continue;
      }
      report(
        loaded,
        ['modules', index, 'id'],
        `module "${module.id}" is already in wave ${earlier.loaded.spec.wave}; ` +
          'a module belongs to exactly one wave of a phase',
        {
          related: {
            message: `wave ${earlier.loaded.spec.wave} declares it here`,
            ...earlier.loaded.yaml.locate(['modules', earlier.index, 'id']),
          },
          hint: `if this wave revises that manifest, say so: revisits: ${earlier.loaded.spec.wave}`,
        },
      );
    }
  }
  return found;
}

/** The specs of earlier phases along the cross-phase predecessor chain of a phase's first wave, oldest first. */
async function inheritedAcrossPhases(
  firstWave: LoadedSpec | undefined,
  phase: number,
  elsewhere: Elsewhere,
): Promise<LoadedSpec[]> {
  const found: LoadedSpec[] = [];
  const seen = new Set<string>();
  let current = firstWave;
  while (current && current.spec.predecessor !== null) {
    const target = resolveWaveAddress(current.spec.predecessor, current.spec.phase);
    if (target.phase === phase || seen.has(`${target.phase}:${target.wave}`)) break;
    seen.add(`${target.phase}:${target.wave}`);
    const loaded = await elsewhere(target);
    if (loaded === undefined || loaded === 'unloadable') break;
    found.unshift(loaded);
    current = loaded;
  }
  return found;
}

/**
 * `unloadable`: waves whose spec exists but did not load; already reported,
 * so not "missing" here. A predecessor in another phase starts the phase's
 * chain: it must be the phase's first wave and name an earlier phase's wave
 * that has a spec.
 */
async function predecessorChain(
  specs: readonly LoadedSpec[],
  phase: number,
  unloadable: ReadonlySet<number>,
  elsewhere: Elsewhere,
  lastWave: LastWave,
): Promise<Diagnostic[]> {
  const byWave = new Map(specs.map((loaded) => [loaded.spec.wave, loaded]));
  const waves = [...byWave.keys()].sort((a, b) => a - b);
  const found: Diagnostic[] = [];
  const report = (loaded: LoadedSpec, message: string, extra: Parameters<typeof diagnostic>[4] = {}) =>
    found.push(
      diagnostic(
        PHASE_PREDECESSOR_CHAIN.code,
        PHASE_PREDECESSOR_CHAIN.severity,
        message,
        loaded.yaml.locate(['predecessor']),
        extra,
      ),
    );
  /** The predecessor within this phase; null for a chain start (none, or one in another phase). */
  const inPhase = (loaded: LoadedSpec): number | null => {
    if (loaded.spec.predecessor === null) return null;
    const target = resolveWaveAddress(loaded.spec.predecessor, phase);
    return target.phase === phase ? target.wave : null;
  };

  // Each wave is walked once: a walk stops at a wave an earlier walk finished (its cycle, if any, already found).
  const inCycle = new Set<number>();
  const finished = new Set<number>();
  for (const start of waves) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let wave: number | null | undefined = start;
    while (wave !== null && wave !== undefined && byWave.has(wave) && !onPath.has(wave) && !finished.has(wave)) {
      onPath.set(wave, path.length);
      path.push(wave);
      wave = inPhase(byWave.get(wave)!);
    }
    for (const w of path) finished.add(w);
    if (wave === null || wave === undefined || !onPath.has(wave)) continue;
    const cycle = path.slice(onPath.get(wave));
    for (const w of cycle) inCycle.add(w);
    const lowest = Math.min(...cycle);
    const order = [...cycle.slice(cycle.indexOf(lowest)), ...cycle.slice(0, cycle.indexOf(lowest)), lowest];
    report(byWave.get(lowest)!, `predecessor chain loops: wave ${order.join(' → ')}`);
  }

  const first = waves[0];
  for (const [index, wave] of waves.entries()) {
    if (inCycle.has(wave)) continue;
    const loaded = byWave.get(wave)!;
    const previous = waves[index - 1];
    const written = loaded.spec.predecessor;
    const target = written === null ? null : resolveWaveAddress(written, phase);
    if (target !== null && target.phase !== phase) {
      const named = `${phaseDirName(target.phase)} wave ${target.wave}`;
      if (target.phase > phase) report(loaded, `predecessor ${named} does not come before ${phaseDirName(phase)}`);
      else if (wave !== first)
        report(
          loaded,
          `wave ${wave}'s predecessor is ${named}, in another phase, ` +
            `but wave ${first} comes before it in ${phaseDirName(phase)}; ` +
            `only a phase's first wave inherits across phases (its predecessor should be wave ${previous})`,
        );
      else if ((await elsewhere(target)) === undefined)
        report(loaded, `predecessor ${named} has no spec: the chain has a gap`);
      else if (loaded.spec.predecessor_skip_reason === undefined) {
        const later = await lastWave(target.phase);
        if (later !== undefined && later > target.wave)
          report(
            loaded,
            `predecessor ${named} is not the last wave of ${phaseDirName(target.phase)}: ` +
              (later === target.wave + 1
                ? `wave ${later} would be skipped, and the hard constraints it added`
                : `waves ${target.wave + 1}–${later} would be skipped, and the hard constraints they added`) +
              ' would not be inherited',
            {
              hint:
                `name {phase: ${target.phase}, wave: ${later}} as the predecessor, ` +
                'or say why in predecessor_skip_reason',
            },
          );
      }
      continue;
    }
    const predecessor = target?.wave ?? null;
    if (predecessor === null) {
      if (wave !== first) {
        report(
          loaded,
          `wave ${wave} starts a second chain (predecessor: null), ` +
            `but wave ${first} comes before it in ${phaseDirName(phase)}; its predecessor should be wave ${previous}`,
        );
      }
      continue;
    }
    if (unloadable.has(predecessor)) continue;
    if (!byWave.has(predecessor)) {
      report(loaded, `predecessor wave ${predecessor} has no spec in ${phaseDirName(phase)}: the chain has a gap`);
    } else if (predecessor >= wave) {
      report(loaded, `predecessor wave ${predecessor} does not come before wave ${wave}`);
    } else if (predecessor !== wave - 1) {
      const skipped = Array.from({ length: wave - predecessor - 1 }, (_, i) => predecessor + 1 + i);
      const which = skipped.length === 1 ? `wave ${skipped[0]}` : `waves ${skipped[0]}–${skipped[skipped.length - 1]}`;
      report(loaded, `wave ${wave}'s predecessor is wave ${predecessor}, skipping ${which}: the chain has a gap`);
    }
  }
  return found;
}
