import { findProblemDiagnostic } from '../load/spec-store.js';
import type { CompileRequest } from '../compile.js';
import { compose } from '../compose/context.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { outputPath } from '../load/output-path.js';
import { loadWorkspace, type Workspace } from '../load/workspace.js';
import { readHandBack, type HandBackReading } from './check.js';
import { handBackContract, type HandBackContract } from './contract.js';

export interface HandBackResult {
  /** The reply meets the contract: no error-severity finding. */
  ok: boolean;
  /** Absent when the wave did not compile (its diagnostics say why). */
  contract?: HandBackContract;
  /** What was read from the reply (the PR URLs, each module's claims, the open items): what `--record` stores. */
  reading?: HandBackReading;
  /** The wave's prompt, beside which a record is written. */
  promptPath?: string;
  /** Findings in the reply, or the wave's input errors. */
  diagnostics: Diagnostic[];
  /** The wave could not be compiled: a usage or input error, not a finding about the reply. */
  inputError: boolean;
}

export type ContractResult =
  | { ok: true; contract: HandBackContract; workspace: Workspace; promptPath: string }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * The hand-back contract of a wave, derived from the same composition its
 * prompt is rendered from. The prompt itself is not rendered nor measured:
 * the contract needs only the composition, so no tokenizer is loaded.
 */
export async function handBackContractOf(
  workspaceOrRoot: Workspace | string,
  request: CompileRequest,
): Promise<ContractResult> {
  const failed = (diagnostics: Diagnostic[]): ContractResult => ({
    ok: false,
    diagnostics: diagnostics.filter((d) => d.severity === 'error'),
  });
  let workspace: Workspace;
  if (typeof workspaceOrRoot === 'string') {
    const loaded = await loadWorkspace(workspaceOrRoot);
    if (!loaded.ok) return failed(loaded.diagnostics);
    workspace = loaded.workspace;
  } else workspace = workspaceOrRoot;
  const found = await workspace.specs.find(request.wave, request.phase);
  if (!found.ok) return failed([findProblemDiagnostic(found)]);
  const chain = await workspace.specs.chain(found.ref);
  if (!chain.ok) return failed(chain.diagnostics);
  const composed = compose(workspace, chain.chain);
  if (!composed.composition) return failed(composed.diagnostics);
  return {
    ok: true,
    contract: handBackContract(composed.composition.context),
    workspace,
    promptPath: outputPath(workspace.config, { phase: found.ref.phase, wave: found.ref.wave }),
  };
}

/**
 * Checks an agent's reply against the hand-back contract of a wave. Never
 * writes: see {@link ./record.js} for `--record`.
 */
export async function checkHandBack(
  workspaceOrRoot: Workspace | string,
  request: CompileRequest,
  reply: { path: string; text: string },
  read: (
    contract: HandBackContract,
    reply: { path: string; text: string },
  ) =>
    | { diagnostics: Diagnostic[]; reading: HandBackReading }
    | Promise<{
        diagnostics: Diagnostic[];
        reading: HandBackReading;
      }> = readHandBack,
): Promise<HandBackResult> {
  const derived = await handBackContractOf(workspaceOrRoot, request);
  if (!derived.ok) return { ok: false, diagnostics: derived.diagnostics, inputError: true };
  const { diagnostics, reading } = await read(derived.contract, reply);
  return {
    ok: !hasErrors(diagnostics),
    contract: derived.contract,
    reading,
    promptPath: derived.promptPath,
    diagnostics,
    inputError: false,
  };
}
