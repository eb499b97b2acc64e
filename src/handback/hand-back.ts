import type { CompileRequest } from '../compile.js';
import { compose } from '../compose/context.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadWorkspace, type Workspace } from '../load/workspace.js';
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
 * from the same composition its prompt is rendered from. The prompt itself
 * is not rendered nor measured: the contract needs only the composition, so
 * no tokenizer is loaded. Never writes.
 */
export async function checkHandBack(
  workspaceOrRoot: Workspace | string,
  request: CompileRequest,
  reply: { path: string; text: string },
): Promise<HandBackResult> {
  const failed = (diagnostics: Diagnostic[]): HandBackResult => ({
    ok: false,
    diagnostics: diagnostics.filter((d) => d.severity === 'error'),
    inputError: true,
  });
  let workspace: Workspace;
  if (typeof workspaceOrRoot === 'string') {
    const loaded = await loadWorkspace(workspaceOrRoot);
    if (!loaded.ok) return failed(loaded.diagnostics);
    workspace = loaded.workspace;
  } else workspace = workspaceOrRoot;
  const found = await workspace.specs.find(request.wave, request.phase);
  if (!found.ok) return failed([diagnostic(found.code, 'error', found.message, found.at)]);
  const chain = await workspace.specs.chain(found.ref);
  if (!chain.ok) return failed(chain.diagnostics);
  const composed = compose(workspace, chain.chain);
  if (!composed.composition) return failed(composed.diagnostics);
  const contract = handBackContract(composed.composition.context);
  const diagnostics = checkReply(contract, reply);
  return { ok: !hasErrors(diagnostics), contract, diagnostics, inputError: false };
}
