import { readdirSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { BoundedCache } from '../util/bounded-cache.js';
import type { WavecConfig } from '../schema/config.js';
import { WaveSpec } from '../schema/spec.js';
import { inertTextDiagnostics } from '../validate/inert-text.js';
import { validate } from '../validate/validate.js';
import { readSource, toDisplayPath, type RealPaths, type SourceFile } from './read-source.js';
import { hiddenCharacterDiagnostics, REPORTED_AT_SPEC_VALUES } from './source-checks.js';
import { parseYaml, type YamlSource } from '../syntax/yaml.js';

export interface LoadedSpec {
  spec: WaveSpec;
  file: SourceFile;
  /** Kept so later stages can point at a value inside the spec. */
  yaml: YamlSource;
}

/**
 * Specs parsed and validated by an earlier run, by place and text hash: a long programme's cold compile reads each
 * predecessor's validated spec instead of parsing its YAML again. Held outside the library (the CLI keeps one in its
 * cache folder); a spec taken from it is parsed only if a later stage asks where one of its values stands.
 */
export interface ParsedSpecIndex {
  /** The spec the text with `hash` at `ref` was validated to, if recorded. */
  get(ref: WaveRef, hash: string): WaveSpec | undefined;
  /** Records a spec that parsed and validated without a finding. */
  set(ref: WaveRef, hash: string, spec: WaveSpec): void;
}

export interface WaveRef {
  phase: number;
  wave: number;
  /** Workspace-relative path of the spec. */
  path: string;
}

const PHASE_DIR = /^phase-(\d+)$/;
const WAVE_FILE = /^wave-(\d+)\.ya?ml$/;

export function phaseDirName(phase: number): string {
  return `phase-${padPhase(phase)}`;
}

/** `02`: how prompts, folders and branches write a phase number. */
export function padPhase(phase: number): string {
  return String(phase).padStart(2, '0');
}

/** How prose names a wave seen from `fromPhase`: `wave 4`, or `phase 02 wave 4` in another phase. */
export function waveName(at: { phase: number; wave: number }, fromPhase: number): string {
  return at.phase === fromPhase ? `wave ${at.wave}` : `phase ${padPhase(at.phase)} wave ${at.wave}`;
}

/** How a command names a wave: `4`, or `1 --phase 3` when another phase has a wave of that number. */
export function waveArgument(waves: readonly WaveRef[], at: { phase: number; wave: number }): string {
  return waves.some((ref) => ref.wave === at.wave && ref.phase !== at.phase)
    ? `${at.wave} --phase ${at.phase}`
    : String(at.wave);
}

/** Every wave spec in the workspace, ordered by phase then wave. */
export async function listWaves(root: string, config: WavecConfig): Promise<WaveRef[]> {
  const found: WaveRef[] = [];
  let phaseDirs: string[];
  try {
    phaseDirs = readdirSync(path.join(root, config.waves_dir));
  } catch {
    return found;
  }
  for (const dir of phaseDirs) {
    const phaseMatch = PHASE_DIR.exec(dir);
    if (!phaseMatch) continue;
    let files: string[];
    try {
      files = readdirSync(path.join(root, config.waves_dir, dir));
    } catch {
      continue;
    }
    for (const file of files) {
      const waveMatch = WAVE_FILE.exec(file);
      if (!waveMatch) continue;
      found.push({
        phase: Number(phaseMatch[1]),
        wave: Number(waveMatch[1]),
        path: toDisplayPath(path.join(config.waves_dir, dir, file)),
      });
    }
  }
  return found.sort((a, b) => a.phase - b.phase || a.wave - b.wave || (a.path < b.path ? -1 : 1));
}

export type SpecResult = { ok: true; loaded: LoadedSpec } | { ok: false; diagnostics: Diagnostic[] };

export async function loadSpec(
  root: string,
  config: WavecConfig,
  ref: WaveRef,
  paths?: RealPaths,
  index?: ParsedSpecIndex,
): Promise<SpecResult> {
  const keyOf = (absolutePath: string, display: string) =>
    `${ref.phase}\0${ref.wave}\0${absolutePath}\0${display}\0${config.max_file_bytes}`;
  // A spec unchanged on disk since it was parsed (same stamp: see RealPaths.stamp) is not read again: a reload of a
  // long programme reads only the specs that changed.
  const stamp = paths?.stamp(ref.path);
  if (stamp !== undefined) {
    const cached = parsedSpecs.get(keyOf(paths!.real(ref.path)!, toDisplayPath(ref.path)));
    if (cached?.stamp === stamp) return cached.result;
  }
  const read = await readSource(root, ref.path, { maxFileBytes: config.max_file_bytes }, paths);
  if (!read.ok) return read;
  const file = read.file;
  // Parsing and validating depend on the file's place and text only: a recompile re-parses only a spec that changed.
  // One entry per place, holding its latest text's result: the cache holds what is live, however often specs change.
  const key = keyOf(file.absolutePath, file.path);
  const cached = parsedSpecs.get(key);
  const result = cached?.hash === file.hash ? cached.result : indexedOrParsed(file, ref, index);
  parsedSpecs.set(key, { hash: file.hash, stamp, result, bytes: file.text.length });
  return result;
}

/**
 * Results are shared between loads: never mutated. Bounded by the spec text held (a parsed spec weighs a small
 * multiple of its text), far above a programme of thousands of waves, so no compile re-parses its own chain.
 */
const parsedSpecs = new BoundedCache<
  string,
  { hash: string; stamp: string | undefined; result: SpecResult; bytes: number }
>(64 * 1024 * 1024, (key, entry) => 2 * (key.length + entry.bytes) + 256);

function indexedOrParsed(file: SourceFile, ref: WaveRef, index: ParsedSpecIndex | undefined): SpecResult {
  const indexed = index?.get(ref, file.hash);
  if (indexed) return { ok: true, loaded: { spec: indexed, file, yaml: parsedOnDemand(file) } };
  const result = parseSpec(file, ref);
  if (result.ok) index?.set(ref, file.hash, result.loaded.spec);
  return result;
}

/**
 * The YAML of a spec that validated without a finding, parsed again the first time a stage asks for its values or the
 * place of one (the compiled wave's own spec, or a diagnostic's location). A long chain's predecessors are seldom
 * asked: not keeping every parsed document saves the collector more than the odd second parse costs. The text is the
 * one that validated, so it parses as it did.
 */
function parsedOnDemand(file: SourceFile): YamlSource {
  let parsed: YamlSource | undefined;
  const yaml = (): YamlSource => {
    if (parsed) return parsed;
    const result = parseYaml(file.text, { file: file.path });
    if (!result.ok) throw new Error(`${file.path} no longer parses as it did when it was validated`);
    return (parsed = result.yaml);
  };
  return {
    get value() {
      return yaml().value;
    },
    locate: (path, part) => yaml().locate(path, part),
  };
}

function parseSpec(file: SourceFile, ref: WaveRef): SpecResult {
  if (file.text.trim() === '') {
    return { ok: false, diagnostics: [diagnostic('spec-empty', 'error', `${ref.path} is empty`, fileStart(ref.path))] };
  }
  // Reported with any other problem of the file: they do not depend on each other.
  const hidden = hiddenCharacterDiagnostics(file.path, file.text, REPORTED_AT_SPEC_VALUES);
  const parsed = parseYaml(file.text, { file: file.path });
  if (!parsed.ok) return { ok: false, diagnostics: [...hidden, ...parsed.diagnostics] };
  if (parsed.yaml.value === null) {
    return {
      ok: false,
      diagnostics: [
        ...hidden,
        diagnostic(
          'spec-empty',
          'error',
          `${ref.path} has no content (only comments or blank lines)`,
          fileStart(ref.path),
        ),
      ],
    };
  }
  const checked = validate(WaveSpec, parsed.yaml, 'spec-invalid');
  // Every string of the spec reaches the prompt as data: none may create structure or carry controls.
  const inert = inertTextDiagnostics(parsed.yaml, file.text);
  if (!checked.ok) return { ok: false, diagnostics: [...hidden, ...checked.diagnostics, ...inert] };
  const spec = checked.value;
  const diagnostics: Diagnostic[] = [...hidden, ...inert];
  if (spec.phase !== ref.phase)
    diagnostics.push(
      diagnostic(
        'spec-identity',
        'error',
        `phase is ${spec.phase} but the file lives in ${phaseDirName(ref.phase)}/`,
        parsed.yaml.locate(['phase']),
      ),
    );
  if (spec.wave !== ref.wave)
    diagnostics.push(
      diagnostic(
        'spec-identity',
        'error',
        `wave is ${spec.wave} but the file is named wave-${ref.wave}`,
        parsed.yaml.locate(['wave']),
      ),
    );
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, loaded: { spec, file: file, yaml: parsedOnDemand(file) } };
}
