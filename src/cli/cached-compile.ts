import type { CompileRequest, CompileResult } from '../compile.js';
import { lookupCompile, storeCompile } from '../cache/compile-cache.js';
import { DiskTokenCounts } from '../cache/token-store.js';
import type { Budget } from '../schema/config.js';

/**
 * A compile for the CLI: from the on-disk cache when every input is
 * unchanged (nothing but the cache entry and the inputs is read then), else
 * a fresh compile, with token counts looked up in and added to the cache,
 * and its result stored. Without a cache folder, just a fresh compile.
 */
export async function compileForCli(
  root: string,
  request: CompileRequest,
  cacheDir: string | undefined,
): Promise<{ result: CompileResult; budget: Budget | undefined }> {
  const hit = cacheDir === undefined ? undefined : lookupCompile(cacheDir, root, request);
  if (hit) return hit;
  const [{ compileWave }, { useTokenCountStore }] = await Promise.all([
    import('../compile.js'),
    import('../analyse/tokens.js'),
  ]);
  const counts = cacheDir === undefined ? undefined : new DiskTokenCounts(cacheDir);
  useTokenCountStore(counts && ((encoding) => counts.storeFor(encoding)));
  let result: CompileResult;
  try {
    result = await compileWave(root, request);
  } finally {
    useTokenCountStore(undefined);
    counts?.flush();
  }
  if (cacheDir !== undefined) storeCompile(cacheDir, root, request, result);
  return { result, budget: result.facts?.composition.context.budget };
}
