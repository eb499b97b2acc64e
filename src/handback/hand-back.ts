import { compileUnchecked, type CompileRequest } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Workspace } from '../load/workspace.js';
import { checkReply } from './check.js';
import { handBackContract, type HandBackContract } from './contract.js';

export interface HandBackResult {
  /** The reply meets the contract: no error-severity finding. */
  ok: boolean;
  /** Absent when the wave did not compile (its diagnostics say why). */
  contract?: HandBackContract;
  /** Findings in the reply, or the wave's input errors. */
  diagnostics: Diagnostic[];
  /** The wave could not be compiled: a usage or input error, not a finding about the reply. */
  inputError: boolean;
}

/**
 * Checks an agent's reply against the hand-back contract of a wave, derived
 * from the same composition its prompt is rendered from. Never writes.
 */
export async function checkHandBack(workspaceOrRoot: Workspace | string, request: CompileRequest, reply: { path: string; text: string }): Promise<HandBackResult> {
  const compiled = await compileUnchecked(workspaceOrRoot, request);
  const composition = compiled.facts?.composition;
  if (!composition) return { ok: false, diagnostics: compiled.diagnostics.filter((d) => d.severity === 'error'), inputError: true };
  const contract = handBackContract(composition.context);
  const diagnostics = checkReply(contract, reply);
  return { ok: !hasErrors(diagnostics), contract, diagnostics, inputError: false };
}
