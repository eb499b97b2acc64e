import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadWorkspace, type Workspace } from '../load/workspace.js';

/**
 * The authoring functions take a loaded Workspace or a root path, like
 * compileWave: a path is loaded here, and its load problems come back as
 * diagnostics.
 */
export async function useWorkspace(
  workspaceOrRoot: Workspace | string,
): Promise<{ workspace: Workspace; diagnostics: Diagnostic[] } | { workspace: undefined; diagnostics: Diagnostic[] }> {
  if (typeof workspaceOrRoot !== 'string') return { workspace: workspaceOrRoot, diagnostics: [] };
  const loaded = await loadWorkspace(workspaceOrRoot);
  return loaded.ok
    ? { workspace: loaded.workspace, diagnostics: loaded.diagnostics }
    : { workspace: undefined, diagnostics: loaded.diagnostics };
}

/** Throws for API misuse, the way compileWave does. */
export function assertWaveNumber(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new TypeError(`${what} must be a positive integer, got ${String(value)}`);
}
