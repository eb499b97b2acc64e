import type { CacheFolder } from '../cache/folder.js';
import { LintCache, type LintOutcome } from '../cache/lint-cache.js';
import type { LintOptions } from '../lint.js';
import type { Workspace } from '../load/workspace.js';

/**
 * Lints prompt files for the CLI, results in input order: from the on-disk
 * cache where a prompt and everything its lint read are unchanged, the rest
 * afresh, and those results stored. Nothing that lints is loaded when every
 * prompt is cached. Only the findings are kept, never the texts: memory holds
 * one prompt at a time.
 *
 * One thread: worker threads were measured (docs/performance.md) and did not
 * pay on two cores, each having to load the workspace and a vocabulary of
 * its own before it lints its first prompt.
 */
export async function lintFiles(
  workspace: Workspace,
  files: readonly string[],
  options: LintOptions,
  cacheFolder: CacheFolder | undefined,
): Promise<LintOutcome[]> {
  const cache =
    cacheFolder === undefined
      ? undefined
      : new LintCache(cacheFolder, workspace.root, options, workspace.config.max_file_bytes);
  const outcomes: (LintOutcome | undefined)[] = files.map((file) => {
    const hit = cache?.lookup(file);
    return hit && { ...hit, text: undefined };
  });
  if (outcomes.every((outcome) => outcome !== undefined)) return outcomes as LintOutcome[];

  const { lintWithDetails } = await import('../lint.js');
  for (const [i, file] of files.entries()) {
    if (outcomes[i]) continue;
    const { result, text, inputError } = await lintWithDetails(workspace, { path: file }, options);
    cache?.store(file, { result, text, inputError }, workspace);
    // The text is not kept: holding every prompt linted made memory grow with the number of files (an excerpt
    // reads its file again).
    outcomes[i] = { result, text: undefined, inputError };
  }
  return outcomes as LintOutcome[];
}
