import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileUnchecked, type CompileResult } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { outputPath, provenancePath } from '../load/output-path.js';
import { serializeProvenance } from '../schema/provenance.js';
import { trackOpenItems } from '../handback/open-items.js';
import { readRecord, recordPath } from '../handback/record.js';
import { listWaves, loadSpec, type WaveRef } from '../load/specs.js';
import { loadWorkspace, type Workspace } from '../load/workspace.js';
import { formatPullRequest } from '../pr/pr-file.js';
import { buildPullRequest, prPath } from '../pr/pull-request.js';
import { resolveWaveAddress, type WaveSpec } from '../schema/spec.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/regular-file.js';
import { normalizeNewlines } from '../util/text.js';

/**
 * Where a wave's prompt stands: a fresh compile's bytes with a current
 * sidecar; stale (an input changed since); edited by hand (it no longer
 * matches the hash its sidecar records); missing; its spec does not compile;
 * or its spec is gone (a prompt and sidecar without one).
 */
export type PromptState = 'fresh' | 'stale' | 'edited' | 'missing' | 'does-not-compile' | 'spec-gone';

export interface WaveStatus {
  phase: number;
  wave: number;
  /** The spec's path; null for a wave known only from a compiled prompt's sidecar. */
  spec: string | null;
  prompt: { path: string; state: PromptState };
  /**
   * `fresh`: the file is what `wavec pr --write` writes now; false when the prompt or anything else it shows changed
   * since (or it was edited by hand); null when it is not written or the wave does not compile.
   */
  pr_body: { path: string; written: boolean; fresh: boolean | null };
  hand_back: {
    path: string;
    recorded: boolean;
    /** Null when there is no record (or it cannot be read). */
    met_contract: boolean | null;
    /** Why a record that is there could not be read. */
    unreadable?: string;
  };
  /**
   * The open items of the recorded hand-back and what the waves after it made of them: taken up (in a later spec's
   * module note or task), deferred (in a later spec's `deferred`), or not carried.
   */
  open_items: { total: number; taken_up: number; deferred: number; not_carried: number };
}

export interface StatusResult {
  ok: boolean;
  /** Every wave of every phase, by phase then wave. */
  waves: WaveStatus[];
  /** Why the workspace did not load (ok false), or why a wave's spec does not load (ok true: the others are listed). */
  diagnostics: Diagnostic[];
}

/** A sidecar or record larger than this was not written by wavec: not read. */
const MAX_SIDE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Where the programme stands: every wave of every phase (from the specs, and
 * from compiled prompts whose spec is gone), its prompt fresh or stale, its
 * PR body written, its hand-back recorded and whether it met the contract,
 * and its open items carried or not. Never writes.
 */
export async function programmeStatus(workspaceOrRoot: Workspace | string): Promise<StatusResult> {
  let workspace: Workspace;
  if (typeof workspaceOrRoot === 'string') {
    const loaded = await loadWorkspace(workspaceOrRoot);
    if (!loaded.ok) return { ok: false, waves: [], diagnostics: loaded.diagnostics };
    workspace = loaded.workspace;
  } else workspace = workspaceOrRoot;
  const { root, config } = workspace;

  const refs = await listWaves(root, config);
  const specs = new Map<string, WaveSpec>();
  const specDiagnostics: Diagnostic[] = [];
  for (const ref of refs) {
    const loaded = await loadSpec(root, config, ref);
    if (loaded.ok) specs.set(key(ref), loaded.loaded.spec);
    else specDiagnostics.push(...loaded.diagnostics);
  }
  // The waves after each: every wave whose predecessor chain passes through it.
  const children = new Map<string, WaveSpec[]>();
  for (const spec of specs.values()) {
    if (spec.predecessor === null) continue;
    const parent = key(resolveWaveAddress(spec.predecessor, spec.phase));
    children.set(parent, [...(children.get(parent) ?? []), spec]);
  }
  const laterOf = (spec: WaveSpec): WaveSpec[] => {
    const found: WaveSpec[] = [];
    const seen = new Set<WaveSpec>();
    const visit = (at: WaveSpec) => {
      for (const child of children.get(key(at)) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        found.push(child);
        visit(child);
      }
    };
    visit(spec);
    return found;
  };

  const waves = new Map<string, { phase: number; wave: number; spec: WaveRef | null }>();
  for (const ref of refs) waves.set(key(ref), { phase: ref.phase, wave: ref.wave, spec: ref });
  for (const known of compiledWaves(root, config.output_dir, (at) => outputPath(config, at)))
    if (!waves.has(key(known))) waves.set(key(known), { ...known, spec: null });

  const statuses: WaveStatus[] = [];
  for (const at of [...waves.values()].sort((a, b) => a.phase - b.phase || a.wave - b.wave)) {
    const promptPath = outputPath(config, at);
    const record = readRecord(root, promptPath);
    const spec = at.spec ? specs.get(key(at)) : undefined;
    // One compile of the wave serves its prompt's state and its PR body's; none when neither file is there.
    const compiled =
      at.spec && (isFile(root, promptPath) || isFile(root, prPath(promptPath)))
        ? await compileUnchecked(workspace, { wave: at.wave, phase: at.phase })
        : undefined;
    const items = spec
      ? trackOpenItems(root, config, [spec], laterOf)
      : record.kind === 'ok'
        ? record.record.open_items.map((item) => ({ ...item, carried: 'open' as const }))
        : [];
    statuses.push({
      phase: at.phase,
      wave: at.wave,
      spec: at.spec?.path ?? null,
      prompt: { path: promptPath, state: promptState(workspace, at, promptPath, compiled) },
      pr_body: await prBodyState(workspace, at, prPath(promptPath), compiled),
      hand_back: {
        path: recordPath(promptPath),
        recorded: record.kind === 'ok',
        met_contract: record.kind === 'ok' ? record.record.met_contract : null,
        ...(record.kind === 'unreadable' ? { unreadable: record.reason } : {}),
      },
      open_items: {
        total: items.length,
        taken_up: items.filter((item) => item.carried === 'taken-up').length,
        deferred: items.filter((item) => item.carried === 'deferred').length,
        not_carried: items.filter((item) => item.carried === 'open').length,
      },
    });
  }
  return { ok: true, waves: statuses, diagnostics: specDiagnostics };
}

function key(at: { phase: number; wave: number }): string {
  return `${at.phase}:${at.wave}`;
}

function promptState(
  workspace: Workspace,
  at: { phase: number; wave: number; spec: WaveRef | null },
  promptPath: string,
  fresh: CompileResult | undefined,
): PromptState {
  const onDisk = readRegularFile(path.join(workspace.root, promptPath), workspace.config.max_file_bytes);
  if (onDisk.kind !== 'ok') return 'missing';
  if (!at.spec || !fresh) return 'spec-gone';
  if (!fresh.prompt || !fresh.provenance) return 'does-not-compile';
  const text = normalizeNewlines(onDisk.bytes.toString('utf8'));
  const sidecar = readRegularFile(path.join(workspace.root, provenancePath(promptPath)), MAX_SIDE_FILE_BYTES);
  const sidecarText = sidecar.kind === 'ok' ? normalizeNewlines(sidecar.bytes.toString('utf8')) : undefined;
  if (text === fresh.prompt.text && sidecarText === serializeProvenance(fresh.provenance)) return 'fresh';
  return recordedPromptHash(sidecarText) === sha256(text) ? 'stale' : 'edited';
}

/** Whether the PR file is written, and whether it is what `wavec pr --write` would write now. */
async function prBodyState(
  workspace: Workspace,
  at: { phase: number; wave: number; spec: WaveRef | null },
  prFile: string,
  compiled: CompileResult | undefined,
): Promise<WaveStatus['pr_body']> {
  const onDisk = readRegularFile(path.join(workspace.root, prFile), MAX_SIDE_FILE_BYTES);
  if (onDisk.kind !== 'ok') return { path: prFile, written: isFile(workspace.root, prFile), fresh: null };
  if (!at.spec || !compiled) return { path: prFile, written: true, fresh: null };
  const built = await buildPullRequest(workspace, { wave: at.wave, phase: at.phase }, compiled);
  if (!built.pr) return { path: prFile, written: true, fresh: null };
  const fresh = normalizeNewlines(onDisk.bytes.toString('utf8')) === formatPullRequest(built.pr);
  return { path: prFile, written: true, fresh };
}

function recordedPromptHash(sidecarText: string | undefined): string | undefined {
  try {
    const hash = (JSON.parse(sidecarText ?? '') as { prompt?: { hash?: unknown } }).prompt?.hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

/** The waves whose prompt sidecars are in the output folder (a prompt whose spec is gone is still a wave). */
function compiledWaves(
  root: string,
  outputDir: string,
  pathOf: (at: { phase: number; wave: number }) => string,
): { phase: number; wave: number }[] {
  let files: string[];
  try {
    files = readdirSync(path.join(root, outputDir));
  } catch {
    return [];
  }
  const found: { phase: number; wave: number }[] = [];
  for (const file of files.filter((name) => name.endsWith('.provenance.json')).sort()) {
    const read = readRegularFile(path.join(root, outputDir, file), MAX_SIDE_FILE_BYTES);
    if (read.kind !== 'ok') continue;
    let at: { phase?: unknown; wave?: unknown };
    try {
      at = JSON.parse(read.bytes.toString('utf8')) as typeof at;
    } catch {
      continue;
    }
    const { phase, wave } = at;
    if (!Number.isInteger(phase) || !Number.isInteger(wave) || (phase as number) < 1 || (wave as number) < 1) continue;
    const wanted = { phase: phase as number, wave: wave as number };
    // Only a sidecar where that wave's prompt would be names a wave.
    if (provenancePath(pathOf(wanted)) === `${outputDir.replace(/\/+$/, '')}/${file}`) found.push(wanted);
  }
  return found;
}

function isFile(root: string, relative: string): boolean {
  return statSync(path.join(root, relative), { throwIfNoEntry: false })?.isFile() === true;
}
