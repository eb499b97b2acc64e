import { fileStart, diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { WavecConfig } from '../schema/config.js';
import { resolveWaveAddress } from '../schema/spec.js';
import { RealPaths } from './read-source.js';
import {
  listWaves,
  loadSpec,
  phaseDirName,
  type LoadedSpec,
  type ParsedSpecIndex,
  type SpecResult,
  type WaveRef,
} from './specs.js';

/**
 * Why a wave could not be found, with the code and the place to report it:
 * the first of the files that compete (`spec-ambiguous`, `spec-duplicate-file`),
 * or the waves folder when there is none (`spec-not-found`).
 */
export type FindProblem = {
  code: 'spec-not-found' | 'spec-ambiguous' | 'spec-duplicate-file';
  message: string;
  at: SourceLocation;
  /** For a wave that does not exist: the waves that do, and how to make this one. */
  hint?: string;
};

/** A problem of {@link SpecStore.find} as the diagnostic every command reports. */
export function findProblemDiagnostic(problem: FindProblem): Diagnostic {
  return diagnostic(problem.code, 'error', problem.message, problem.at, problem.hint ? { hint: problem.hint } : {});
}
export type FindResult = { ok: true; ref: WaveRef } | ({ ok: false } & FindProblem);

export type ChainResult = { ok: true; chain: LoadedSpec[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The wave specs of one workspace, as one run sees them: the waves folder is
 * listed once and each spec read once, however many stages ask (compile, its
 * output-location check, the phase-wide checks, lint, the PR). A run that
 * must see edits made meanwhile loads the workspace again.
 */
export class SpecStore {
  private listing: Promise<WaveRef[]> | undefined;
  /** The listing by wave number: a chain walk finds each link without scanning every wave. */
  private byNumber: Promise<Map<number, WaveRef[]>> | undefined;
  private readonly loads = new Map<string, Promise<SpecResult>>();
  /** Chains already walked, by spec path: a later wave's walk stops at the first link whose chain is known. */
  private readonly chains = new Map<string, LoadedSpec[]>();

  private paths: RealPaths | undefined;
  private listed: readonly WaveRef[] | undefined;
  private readonly hashes = new Map<string, string>();

  constructor(
    readonly root: string,
    readonly config: WavecConfig,
    private readonly index?: ParsedSpecIndex,
  ) {}

  /** Real paths of the workspace's files, each folder resolved once for this snapshot. */
  realPaths(): RealPaths {
    return (this.paths ??= new RealPaths(this.root));
  }

  /** Every wave spec in the workspace, ordered by phase then wave. */
  waves(): Promise<readonly WaveRef[]> {
    return (this.listing ??= listWaves(this.root, this.config).then((listed) => (this.listed = listed)));
  }

  /** One spec, read and parsed on first use. */
  load(ref: WaveRef): Promise<SpecResult> {
    let loaded = this.loads.get(ref.path);
    if (!loaded) {
      loaded = loadSpec(this.root, this.config, ref, this.realPaths(), this.index).then((result) => {
        if (result.ok) this.hashes.set(ref.path, result.loaded.file.hash);
        return result;
      });
      this.loads.set(ref.path, loaded);
    }
    return loaded;
  }

  /**
   * What this store has seen so far: the listing of the waves folder, once listed, and the hash of each spec it read,
   * by path. A result made from this store was made from exactly these; a cache entry records them rather than
   * reading the files again.
   */
  seen(): { listed: readonly WaveRef[] | undefined; hashes: ReadonlyMap<string, string> } {
    return { listed: this.listed, hashes: this.hashes };
  }

  /**
   * Finds the spec of a wave. Without a phase, the wave number must be unique
   * across phases: guessing "the latest phase" would compile the wrong prompt
   * silently the day a second phase reuses wave numbers.
   */
  async find(wave: number, phase?: number): Promise<FindResult> {
    const { config } = this;
    const byNumber = await (this.byNumber ??= this.waves().then(indexByNumber));
    const matches = (byNumber.get(wave) ?? []).filter((ref) => phase === undefined || ref.phase === phase);
    if (matches.length === 1) return { ok: true, ref: matches[0]! };
    if (matches.length === 0) {
      const waves = await this.waves();
      const where = phase === undefined ? config.waves_dir : `${config.waves_dir}/${phaseDirName(phase)}`;
      // Located at the folder the spec would be in (the phase's, when it exists); the hint names what exists.
      const phaseFolder = phase === undefined ? undefined : waves.find((ref) => ref.phase === phase);
      return {
        ok: false,
        code: 'spec-not-found',
        at: fileStart(phaseFolder ? `${config.waves_dir}/${phaseDirName(phase!)}` : config.waves_dir),
        hint: existingWaves(waves, wave, phase),
        message:
          `no spec for wave ${wave} under ${where}/ ` +
          `(expected ${where === config.waves_dir ? `${where}/phase-NN` : where}/wave-${wave}.yaml)`,
      };
    }
    // Two files for one wave of one phase (`wave-4.yaml` and `wave-4.yml`): no --phase can choose, so name them.
    const twin = matches.find((ref, i) => matches.some((other, j) => j !== i && other.phase === ref.phase));
    if (twin) {
      const files = matches.filter((ref) => ref.phase === twin.phase).map((ref) => ref.path);
      return {
        ok: false,
        code: 'spec-duplicate-file',
        at: fileStart(files[0]!),
        message: `wave ${wave} of phase ${twin.phase} has ${files.length} spec files: ${files.join(' and ')}; keep one`,
      };
    }
    const phases = matches.map((ref) => ref.phase).join(', ');
    return {
      ok: false,
      code: 'spec-ambiguous',
      at: fileStart(matches[0]!.path),
      message:
        `wave ${wave} exists in phases ${phases} (${matches.map((ref) => ref.path).join(', ')}); ` +
        'say which with --phase',
    };
  }

  /**
   * Loads a wave and its predecessors, oldest first. A missing predecessor or
   * a cycle is reported at the `predecessor` value that leads there.
   */
  async chain(ref: WaveRef): Promise<ChainResult> {
    // Newest first while walking, reversed at the end.
    const walked: LoadedSpec[] = [];
    const seen = new Set<string>();
    const key = (r: { phase: number; wave: number }) => `${r.phase}:${r.wave}`;
    let leftPhase = false;
    let current: WaveRef | undefined = ref;
    while (current) {
      // A known chain has no cycle, so none of the waves walked so far is in it (they lead to it).
      const known = this.chains.get(current.path);
      if (known) return this.remember(ref, [...known, ...walked.reverse()]);
      const loaded = await this.load(current);
      if (!loaded.ok) return loaded;
      walked.push(loaded.loaded);
      seen.add(key(current));
      leftPhase ||= loaded.loaded.spec.phase !== ref.phase;
      if (loaded.loaded.spec.predecessor === null) break;
      const predecessor = resolveWaveAddress(loaded.loaded.spec.predecessor, current.phase);
      // Located only for a diagnostic: a spec from the parsed-spec index is not parsed to walk past it.
      const at = () => loaded.loaded.yaml.locate(['predecessor']);
      // Within one phase, waves are named by number alone, as the specs write them.
      const crossPhase = predecessor.phase !== ref.phase || leftPhase;
      const name = (r: { phase: number; wave: number }) =>
        crossPhase ? `${phaseDirName(r.phase)} wave ${r.wave}` : String(r.wave);
      if (seen.has(key(predecessor))) {
        const cycle = [...walked.map((s) => name(s.spec)), name(predecessor)].join(' → ');
        return {
          ok: false,
          diagnostics: [
            diagnostic(
              'spec-predecessor-cycle',
              'error',
              `predecessor chain loops: ${crossPhase ? '' : 'wave '}${cycle}`,
              at(),
            ),
          ],
        };
      }
      const found = await this.find(predecessor.wave, predecessor.phase);
      if (!found.ok) {
        const named =
          predecessor.phase === current.phase
            ? `wave ${predecessor.wave}`
            : `${phaseDirName(predecessor.phase)} wave ${predecessor.wave}`;
        return {
          ok: false,
          diagnostics: [
            diagnostic(
              'spec-predecessor-missing',
              'error',
              found.code === 'spec-not-found'
                ? `predecessor ${named} has no spec (expected ${this.config.waves_dir}/` +
                    `${phaseDirName(predecessor.phase)}/wave-${predecessor.wave}.yaml)`
                : `predecessor ${named}: ${found.message}`,
              at(),
            ),
          ],
        };
      }
      current = found.ref;
    }
    return this.remember(ref, walked.reverse());
  }

  private remember(ref: WaveRef, chain: LoadedSpec[]): ChainResult {
    this.chains.set(ref.path, chain);
    return { ok: true, chain: [...chain] };
  }
}

/** `the waves there are: 2, 3, 4 (phase 02), 1 (phase 03); wavec new 9 scaffolds wave 9` (or that there is none). */
function existingWaves(waves: readonly WaveRef[], wave: number, phase: number | undefined): string {
  const make = `wavec new ${wave}${phase === undefined ? '' : ` --phase ${phase}`} scaffolds it`;
  if (waves.length === 0) return `there is no wave spec yet; wavec init lays out a first one`;
  const phases = [...new Set(waves.map((ref) => ref.phase))];
  const listed = phases.map(
    (p) =>
      `${waves
        .filter((ref) => ref.phase === p)
        .map((ref) => ref.wave)
        .join(', ')} (${phaseDirName(p)})`,
  );
  return `the waves there are: ${listed.join('; ')}; ${make}`;
}

function indexByNumber(waves: readonly WaveRef[]): Map<number, WaveRef[]> {
  const index = new Map<number, WaveRef[]>();
  for (const ref of waves) {
    const same = index.get(ref.wave);
    if (same) same.push(ref);
    else index.set(ref.wave, [ref]);
  }
  return index;
}
