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
import { listWaves, loadSpec, phaseDirName, type LoadedSpec } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';

/** The phase-wide checks, described like rules so docs and config can list them. */
export interface PhaseRule {
  code: string;
  severity: Severity;
  description: string;
}

export const PHASE_MODULE_UNIQUE: PhaseRule = {
  code: 'phase-module-unique',
  severity: 'error',
  description: 'Across the waves of a phase, each module id belongs to exactly one wave.',
};

export const PHASE_PREDECESSOR_CHAIN: PhaseRule = {
  code: 'phase-predecessor-chain',
  severity: 'error',
  description: "The waves of a phase form one predecessor chain, each wave's predecessor the wave numbered just before it: no gap, no cycle.",
};

export const PHASE_RULES: readonly PhaseRule[] = [PHASE_MODULE_UNIQUE, PHASE_PREDECESSOR_CHAIN];

export async function checkPhase(workspace: Workspace, phase: number): Promise<Diagnostic[]> {
  if (!Number.isInteger(phase) || phase < 1) throw new TypeError(`phase must be a positive integer, got ${phase}`);
  const refs = (await listWaves(workspace.root, workspace.config)).filter((ref) => ref.phase === phase);
  const specs: LoadedSpec[] = [];
  const unloadable = new Set<number>();
  const found: Diagnostic[] = [];
  for (const ref of refs) {
    const loaded = await loadSpec(workspace.root, workspace.config, ref);
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
    const setting = settings[rule.code];
    // Read here rather than through check/rule-settings, which may list these codes and so import this file.
    const severity = setting === undefined ? rule.severity : typeof setting === 'string' ? setting : setting.severity;
    if (severity === 'off') continue;
    found.push(...check(specs, phase, unloadable).map((d) => ({ ...d, severity })));
  }
  return sortDiagnostics(found);
}

/** {@link checkPhase} for every phase that has a spec under `waves_dir`. */
export async function checkAllPhases(workspace: Workspace): Promise<Diagnostic[]> {
  const phases = [...new Set((await listWaves(workspace.root, workspace.config)).map((ref) => ref.phase))];
  const found: Diagnostic[] = [];
  for (const phase of phases) found.push(...(await checkPhase(workspace, phase)));
  return sortDiagnostics(found);
}

/** `specs` in wave order; duplicates within one wave are the compile's `spec-duplicate-id`. */
function moduleUnique(specs: readonly LoadedSpec[]): Diagnostic[] {
  const first = new Map<string, { loaded: LoadedSpec; index: number }>();
  const found: Diagnostic[] = [];
  for (const loaded of specs) {
    loaded.spec.modules.forEach((module, index) => {
      const earlier = first.get(module.id);
      if (!earlier) {
        first.set(module.id, { loaded, index });
        return;
      }
      if (earlier.loaded === loaded) return;
      found.push(
        diagnostic(
          PHASE_MODULE_UNIQUE.code,
          PHASE_MODULE_UNIQUE.severity,
          `module "${module.id}" is already in wave ${earlier.loaded.spec.wave}; a module belongs to exactly one wave of a phase`,
          loaded.yaml.locate(['modules', index, 'id']),
          { related: { message: `wave ${earlier.loaded.spec.wave} declares it here`, ...earlier.loaded.yaml.locate(['modules', earlier.index, 'id']) } },
        ),
      );
    });
  }
  return found;
}

/** `unloadable`: waves whose spec exists but did not load; already reported, so not "missing" here. */
function predecessorChain(specs: readonly LoadedSpec[], phase: number, unloadable: ReadonlySet<number>): Diagnostic[] {
  const byWave = new Map(specs.map((loaded) => [loaded.spec.wave, loaded]));
  const waves = [...byWave.keys()].sort((a, b) => a - b);
  const found: Diagnostic[] = [];
  const report = (loaded: LoadedSpec, message: string, extra: Parameters<typeof diagnostic>[4] = {}) =>
    found.push(diagnostic(PHASE_PREDECESSOR_CHAIN.code, PHASE_PREDECESSOR_CHAIN.severity, message, loaded.yaml.locate(['predecessor']), extra));

  const inCycle = new Set<number>();
  for (const start of waves) {
    const path: number[] = [];
    let wave: number | null | undefined = start;
    while (wave !== null && wave !== undefined && byWave.has(wave) && !path.includes(wave) && !inCycle.has(wave)) {
      path.push(wave);
      wave = byWave.get(wave)!.spec.predecessor;
    }
    if (wave === null || wave === undefined || !path.includes(wave)) continue;
    const cycle = path.slice(path.indexOf(wave));
    for (const w of cycle) inCycle.add(w);
    const lowest = Math.min(...cycle);
    const order = [...cycle.slice(cycle.indexOf(lowest)), ...cycle.slice(0, cycle.indexOf(lowest)), lowest];
    report(byWave.get(lowest)!, `predecessor chain loops: wave ${order.join(' → ')}`);
  }

  const first = waves[0];
  for (const wave of waves) {
    if (inCycle.has(wave)) continue;
    const loaded = byWave.get(wave)!;
    const predecessor = loaded.spec.predecessor;
    const previous = waves[waves.indexOf(wave) - 1];
    if (predecessor === null) {
      if (wave !== first) {
        report(loaded, `wave ${wave} starts a second chain (predecessor: null), but wave ${first} comes before it in ${phaseDirName(phase)}; its predecessor should be wave ${previous}`);
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
