import type { CacheFolder } from '../cache/folder.js';
import { LintCache, type LintOutcome } from '../cache/lint-cache.js';
import type { LintOptions } from '../lint.js';
import type { Workspace } from '../load/workspace.js';

/**
 * Lints prompt files for the CLI, one at a time, each outcome yielded in
 * input order as soon as it is known: from the on-disk cache where a prompt
 * and everything its lint read are unchanged, else afresh, and then stored.
 * Nothing that lints is loaded until a prompt misses the cache. No text is
 * handed on (an excerpt reads its file again): what a caller keeps of an
 * outcome is all that outlives it, so memory holds one prompt at a time.
 *
 * One thread: worker threads were measured (docs/performance.md) and did not
 * pay on two cores, each having to load the workspace and a vocabulary of
 * its own before it lints its first prompt.
 */
export async function* lintEach(
  workspace: Workspace,
  files: Iterable<string>,
  options: LintOptions,
  cacheFolder: CacheFolder | undefined,
): AsyncGenerator<LintOutcome> {
  const cache =
    cacheFolder === undefined
      ? undefined
      : new LintCache(cacheFolder, workspace.root, options, workspace.config.max_file_bytes);
  let lintWithDetails: typeof import('../lint.js').lintWithDetails | undefined;
  for (const file of files) {
    const hit = cache?.lookup(file);
    if (hit) {
      yield { ...hit, text: undefined };
      continue;
    }
    lintWithDetails ??= (await import('../lint.js')).lintWithDetails;
    const { result, text, inputError } = await lintWithDetails(workspace, { path: file }, options);
    cache?.store(file, { result, text, inputError }, workspace);
    yield { result, text: undefined, inputError };
  }
}
