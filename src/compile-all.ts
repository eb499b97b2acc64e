import path from 'node:path';
import { compileWave, type CompileResult } from './compile.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { markUnwritten } from './diagnostics/unwritten.js';
import { compileSettingsHash } from './emit/provenance.js';
import { writePrompt } from './emit/write.js';
import { outputPath } from './load/output-path.js';
import { readSidecar } from './load/provenance.js';
import { chainDigests } from './load/chain-digest.js';
import type { WaveRef } from './load/specs.js';
import type { Workspace } from './load/workspace.js';
import { sha256 } from './util/hash.js';
import { readRegularFile } from './util/regular-file.js';
import { normalizeNewlines } from './util/text.js';
import { VERSION } from './version.js';

/**
 * What became of one wave in a run over many: `written` (new bytes), `unchanged` (prompt and sidecar already
 * these), `stale` (it compiled, but its prompt was edited by hand and is left as it is, out of date), `failing` (its
 * compile has errors: nothing written), `compiled` (it passed; writing was not asked).
 */
export type WaveOutcome = 'written' | 'unchanged' | 'stale' | 'failing' | 'compiled';

export interface WaveRun {
  phase: number;
  wave: number;
  /** Where its prompt goes. */
  path: string;
  outcome: WaveOutcome;
  /** The compile's findings (and the write's, when it was refused), about this run's text. */
  diagnostics: Diagnostic[];
  /** Whether the failure is an input error (exit 2) rather than a check (exit 1). */
  inputError: boolean;
  /** Written, with the prompt's text as it was: only its sidecar changed (an earlier wave's spec did). */
  provenanceOnly: boolean;
  result: CompileResult;
}

export interface CompileManyOptions {
  /** `all`: every wave; `changed`: the waves whose recorded inputs changed since their sidecars (or have none). */
  which: 'all' | 'changed';
  /** Overwrite prompts edited by hand. */
  force?: boolean;
  /** Write nothing (to report what would change). */
  write?: boolean;
  /** Called before each wave compiles: `index` of `total`. */
  progress?: (index: number, total: number, ref: WaveRef) => void;
}

/**
 * Every wave of every phase (or the changed ones), in one process, in chain
 * order (phase, then wave: the order the chain rule requires), each written
 * as `wavec compile` writes one. One loaded workspace serves them all: each
 * spec is read and parsed once, each predecessor's contribution resolved
 * once, each phase checked once.
 */
export async function compileMany(workspace: Workspace, options: CompileManyOptions): Promise<WaveRun[]> {
  const every = await workspace.specs.waves();
  const selected = options.which === 'all' ? every : await changedWaves(workspace, every);
  const runs: WaveRun[] = [];
  for (const [index, ref] of selected.entries()) {
    options.progress?.(index, selected.length, ref);
    runs.push(await compileOne(workspace, ref, options));
  }
  return runs;
}

/** The exit code of a run over many waves, as for one: 2 if any had input errors, 1 if any failed a check, else 0. */
export function exitCodeOf(runs: readonly WaveRun[]): 0 | 1 | 2 {
  if (runs.some((r) => r.inputError)) return 2;
  return runs.some((r) => r.outcome === 'failing' || r.outcome === 'stale') ? 1 : 0;
}

async function compileOne(workspace: Workspace, ref: WaveRef, options: CompileManyOptions): Promise<WaveRun> {
  const at = { phase: ref.phase, wave: ref.wave };
  const result = await compileWave(workspace, at);
  const promptPath = result.prompt?.path ?? outputPath(workspace.config, at);
  const run = (
    outcome: WaveOutcome,
    diagnostics: Diagnostic[],
    inputError = false,
    provenanceOnly = false,
  ): WaveRun => ({
    ...at,
    path: promptPath,
    outcome,
    diagnostics,
    inputError,
    provenanceOnly,
    result,
  });
  if (!result.prompt || !result.provenance) return run('failing', result.diagnostics, true);
  const unwritten = markUnwritten(result.diagnostics, result.prompt.path);
  if (!result.ok) return run('failing', unwritten);
  if (options.write === false) return run('compiled', result.diagnostics);
  const written = await writePrompt(workspace.root, result.prompt, result.provenance, { force: options.force });
  if (!written.ok) {
    const diagnostics = [...unwritten, ...written.diagnostics];
    // As for one wave: a refused write is an input error (exit 2); a prompt edited by hand is left stale.
    const handEdited = written.diagnostics.every((d) => d.code === 'output-hand-edited');
    return run(handEdited ? 'stale' : 'failing', diagnostics, hasErrors(written.diagnostics));
  }
  return run(written.status, result.diagnostics, false, written.status === 'written' && !written.promptChanged);
}

/**
 * The waves whose prompt is missing, or whose sidecar records inputs that are no longer those on disk: the spec,
 * the chain before it (its digest), the settings that shape the prompt, the charter, each fragment used, the
 * encoding and wavec's version. A sidecar that cannot be read counts as changed.
 */
async function changedWaves(workspace: Workspace, every: readonly WaveRef[]): Promise<WaveRef[]> {
  const settings = workspace.configFile ? compileSettingsHash(workspace.config) : null;
  const fragmentHashes = new Map([...workspace.fragments.values()].map((f) => [f.file.path, f.file.hash]));
  const changed: WaveRef[] = [];
  for (const ref of every) {
    const promptPath = outputPath(workspace.config, ref);
    const prompt = readRegularFile(path.join(workspace.root, promptPath), workspace.config.max_file_bytes);
    const sidecar = await readSidecar(workspace.root, promptPath, { maxFileBytes: workspace.config.max_file_bytes });
    if (prompt.kind !== 'ok' || sidecar.kind !== 'ok') {
      changed.push(ref);
      continue;
    }
    const recorded = sidecar.provenance;
    const chain = await workspace.specs.chain(ref);
    const same =
      chain.ok &&
      recorded.version === VERSION &&
      recorded.encoding === workspace.config.encoding &&
      (recorded.config?.hash ?? null) === settings &&
      recorded.charter.path === workspace.charter.file.path &&
      recorded.charter.hash === workspace.charter.file.hash &&
      recorded.prompt.hash === sha256(normalizeNewlines(prompt.bytes.toString('utf8'))) &&
      recorded.spec.path === chain.chain[chain.chain.length - 1]!.file.path &&
      recorded.spec.hash === chain.chain[chain.chain.length - 1]!.file.hash &&
      recorded.chain === chainDigests(chain.chain).at(-1) &&
      recorded.fragments.every((f) => fragmentHashes.get(f.path) === f.hash);
    if (!same) changed.push(ref);
  }
  return changed;
}
