import type { CompileRequest, CompileResult } from '../compile.js';
import { lookupCompile, storeCompile } from '../cache/compile-cache.js';
import type { CacheFolder } from '../cache/folder.js';
import type { Budget } from '../schema/config.js';

/**
 * A compile for the CLI: from the on-disk cache when every input is
 * unchanged (nothing but the cache entry and the inputs is read then), else
 * a fresh compile, whose result is stored. Without a cache folder, just a
 * fresh compile.
 */
export async function compileForCli(
  root: string,
  request: CompileRequest,
  cache: CacheFolder | undefined,
): Promise<{ result: CompileResult; budget: Budget | undefined }> {
  const hit = cache === undefined ? undefined : lookupCompile(cache, root, request);
  if (hit) return hit;
  const { compileWave } = await import('../compile.js');
  const result = await compileWave(root, request);
  if (cache !== undefined) storeCompile(cache, root, request, result);
  return { result, budget: result.facts?.composition.context.budget };
}
