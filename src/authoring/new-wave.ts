import path from 'node:path';
import { diagnostic, fileStart, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import { outputPath } from '../load/output-path.js';
import { trackOpenItems } from '../handback/open-items.js';
import {
  listWaves,
  loadSpec,
  phaseDirName,
  waveArgument as waveArgumentOf,
  waveName,
  type WaveRef,
} from '../load/specs.js';
import type { FragmentLibrary } from '../load/fragments.js';
import type { Workspace } from '../load/workspace.js';
import { parseYaml } from '../syntax/yaml.js';
import { WaveSpec } from '../schema/spec.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-error.js';
import { checkReplaceable } from '../emit/replaceable.js';
import { validate } from '../validate/validate.js';
import { scaffoldSpec } from './scaffold.js';
import { assertWaveNumber, useWorkspace } from './workspace-arg.js';

export interface NewWaveRequest {
  /** The wave to create. */
  wave: number;
  /**
   * The wave to scaffold from and inherit from: a wave number of the new
   * wave's phase, or `{phase, wave}` for a wave of another (earlier) phase;
   * default: the highest earlier wave of the phase.
   */
  from?: number | { phase: number; wave: number };
  /** Default: the phase of `from`, or the only phase there is. */
  phase?: number;
  /** Write the spec (default false: like the rest of the library API, it writes only when asked). */
  write?: boolean;
}

export interface NewWaveResult {
  /** Workspace-relative path of the new spec ('' when it could not be determined). */
  path: string;
  /** The scaffold ('' on failure). */
  text: string;
  /** How a command names the new wave: `5`, or `2 --phase 3` when another phase has a wave 2 ('' on failure). */
  waveArgument: string;
  /**
   * The wave it was scaffolded from; `name` as prose calls it from the new wave (`wave 4`, `phase 02 wave 4`). Null on
   * failure.
   */
  from: { phase: number; wave: number; name: string } | null;
  written: boolean;
  diagnostics: Diagnostic[];
}

const SCHEMA_FILE = 'schemas/wave-spec.schema.json';

/**
 * Scaffolds `waves/phase-NN/wave-<wave>.yaml` from its predecessor (see
 * scaffoldSpec for what is inherited and what is left as TODO). Never
 * overwrites a spec. Content problems come back as diagnostics.
 */
export async function newWave(workspaceOrRoot: Workspace | string, request: NewWaveRequest): Promise<NewWaveResult> {
  assertWaveNumber(request.wave, 'wave');
  if (typeof request.from === 'number') assertWaveNumber(request.from, 'from');
  else if (request.from !== undefined) {
    assertWaveNumber(request.from.wave, 'from.wave');
    assertWaveNumber(request.from.phase, 'from.phase');
  }
  if (request.phase !== undefined) assertWaveNumber(request.phase, 'phase');
  const failed = (diagnostics: Diagnostic[], target = ''): NewWaveResult => ({
    path: target,
    text: '',
    waveArgument: '',
    from: null,
    written: false,
    diagnostics,
  });

  const { workspace, diagnostics: loadProblems } = await useWorkspace(workspaceOrRoot);
  if (!workspace) return failed(loadProblems);
  const { root, config } = workspace;
  const refuse = (code: Code, message: string, target = '', extra: { hint?: string; file?: string } = {}) =>
    failed(
      [
        diagnostic(
          code,
          'error',
          message,
          fileStart(extra.file ?? config.waves_dir),
          extra.hint ? { hint: extra.hint } : {},
        ),
      ],
      target,
    );

  if (request.from === request.wave)
    return refuse('new-no-predecessor', `wave ${request.wave} cannot be its own predecessor`);
  const waves = await listWaves(root, config);
  const phase = choosePhase(waves, request);
  if (typeof phase === 'string') return refuse('new-no-predecessor', phase);
  const fromPhase = typeof request.from === 'object' ? request.from.phase : phase;
  const fromWave = typeof request.from === 'object' ? request.from.wave : request.from;
  if (fromWave === request.wave && fromPhase === phase)
    return refuse('new-no-predecessor', `wave ${request.wave} cannot be its own predecessor`);
  if (fromPhase > phase)
    return refuse(
      'new-no-predecessor',
      `${phaseDirName(fromPhase)} wave ${fromWave} comes after ${phaseDirName(phase)}; ` +
        'a wave inherits from an earlier phase only',
    );
  const target = `${config.waves_dir}/${phaseDirName(phase)}/wave-${request.wave}.yaml`.replace(/^\.\//, '');
  const inPhase = waves.filter((ref) => ref.phase === phase);

  const existing = inPhase.find((ref) => ref.wave === request.wave);
  if (existing) {
    return refuse('new-exists', `${existing.path} already exists; wavec new never overwrites a spec`, existing.path, {
      hint: 'edit it, or pick another wave number',
      file: existing.path,
    });
  }
  const from = fromWave ?? Math.max(0, ...inPhase.filter((ref) => ref.wave < request.wave).map((ref) => ref.wave));
  if (from === 0)
    return refuse(
      'new-no-predecessor',
      `no wave before wave ${request.wave} in ${config.waves_dir}/${phaseDirName(phase)}/ to scaffold from; ` +
        'name one with --from',
      target,
      {
        hint:
          'a wave of an earlier phase is named <phase>:<wave> (API: from: {phase, wave}); ' +
          'the new wave then inherits across phases',
      },
    );
  const source = waves.find((ref) => ref.phase === fromPhase && ref.wave === from);
  if (!source)
    return refuse(
      'spec-not-found',
      `no spec for wave ${from} under ${config.waves_dir}/${phaseDirName(fromPhase)}/ to scaffold from`,
      target,
    );

  const loaded = await loadSpec(root, config, source);
  if (!loaded.ok) return failed(loaded.diagnostics, target);
  const predecessor = loaded.loaded.spec;
  // The open items of the recorded hand-backs along the chain that no later wave of it took up.
  const chain = await workspace.specs.chain(source);
  const specs = chain.ok ? chain.chain.map((link) => link.spec) : [predecessor];
  const openItems = trackOpenItems(root, config, specs, (spec) => specs.slice(specs.indexOf(spec) + 1))
    .filter((item) => item.carried !== 'taken-up')
    .map((item) => ({ ...item, fromName: waveName(item.from, phase) }));
  const waveArgument = waveArgumentOf(waves, { phase, wave: request.wave });
  const scaffoldedFrom = { phase: fromPhase, wave: from, name: waveName({ phase: fromPhase, wave: from }, phase) };
  const text = scaffoldSpec({
    waveArgument,
    predecessorText: loaded.loaded.file.text,
    predecessor,
    wave: request.wave,
    phase,
    schemaRef: schemaRefOf(loaded.loaded.file.text) ?? path.posix.relative(path.posix.dirname(target), SCHEMA_FILE),
    predecessorOutput: outputPath(config, { phase: fromPhase, wave: from }),
    output: outputPath(config, { phase, wave: request.wave }),
    placeholderPattern: placeholderPattern(workspace.fragments) ?? predecessor.modules[0]!.pattern,
    openItems,
  });

  // The scaffold must be a valid spec: only its placeholders may stand between it and a prompt.
  const parsed = parseYaml(text, { file: target });
  const checked = parsed.ok ? validate(WaveSpec, parsed.yaml, 'new-invalid') : parsed;
  if (!checked.ok) return failed(checked.diagnostics, target);
  if (request.write !== true)
    return { path: target, text, waveArgument, from: scaffoldedFrom, written: false, diagnostics: [] };

  // The phase folder may be a link: where the spec would land is checked by real path before anything is written.
  const place = await checkReplaceable(root, [target], 0);
  if (!place.ok) return failed(place.diagnostics, target);
  try {
    // Exclusive: a spec created meanwhile is not overwritten.
    await writeFileAtomic(place.targets[0]!.absolute, text, { exclusive: true });
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it was created meanwhile' : describeFsError(error);
    return refuse('new-exists', `${target} was not written: ${reason}`, target, { file: target });
  }
  return { path: target, text, waveArgument, from: scaffoldedFrom, written: true, diagnostics: [] };
}

/** The phase named, the phase of `from`, or the only phase there is; a message when that is not one. */
function choosePhase(waves: readonly WaveRef[], request: NewWaveRequest): number | string {
  if (request.phase !== undefined) return request.phase;
  if (typeof request.from === 'object') return request.from.phase;
  const phases = [
    ...new Set(
      (request.from === undefined ? waves : waves.filter((ref) => ref.wave === request.from)).map((ref) => ref.phase),
    ),
  ];
  if (phases.length === 1) return phases[0]!;
  // A workspace that grew a second phase: wave N goes after wave N-1, when
  // exactly one phase has it and none has wave N yet (`new 5` after 02/wave-4).
  if (request.from === undefined) {
    // Wave N in exactly one phase already: that is the one meant, and it
    // exists (new-exists says so, rather than a question about phases).
    const taken = [...new Set(waves.filter((ref) => ref.wave === request.wave).map((ref) => ref.phase))];
    if (taken.length === 1) return taken[0]!;
    const before = [...new Set(waves.filter((ref) => ref.wave === request.wave - 1).map((ref) => ref.phase))];
    if (taken.length === 0 && before.length === 1) return before[0]!;
  }
  if (phases.length > 1)
    return (
      `${request.from === undefined ? 'waves exist' : `wave ${request.from} exists`} in phases ${phases.join(', ')}; ` +
      'say which with --phase'
    );
  return request.from === undefined
    ? 'no wave spec to scaffold from; write the first one by hand (wavec init lays one out)'
    : `no spec for wave ${request.from} to scaffold from`;
}

/**
 * The placeholder module's pattern: the first (by id) that extends nothing
 * and implies no constraint, so the scaffold compiles without carrying the
 * old wave's constraints; the author picks the real one.
 */
function placeholderPattern(fragments: FragmentLibrary): string | undefined {
  return [...fragments.values()]
    .filter((f) => f.meta.kind === 'pattern' && f.meta.extends === undefined && f.meta.implies.constraints.length === 0)
    .map((f) => f.id)
    .sort()[0];
}

/** Keeps the predecessor's editor schema reference, which already fits the folder depth. */
function schemaRefOf(text: string): string | undefined {
  return /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(text)?.[1];
}
