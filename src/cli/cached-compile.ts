import type { CompileRequest, CompileResult } from '../compile.js';
import { lookupCompile, storeCompile } from '../cache/compile-cache.js';
import type { CacheFolder } from '../cache/folder.js';
import { SpecIndexFile } from '../cache/spec-index.js';
import type { Budget } from '../schema/config.js';

/**
 * A compile for the CLI: from the on-disk cache when every input is
 * unchanged (nothing but the cache entry and the inputs is read then), else
 * a fresh compile, whose result is stored; the specs it validated are kept
 * in the cache folder's spec index, so the next fresh compile of a long
 * programme parses only the specs that changed. Without a cache folder,
 * just a fresh compile.
 */
export async function compileForCli(
  root: string,
  request: CompileRequest,
  cache: CacheFolder | undefined,
): Promise<{ result: CompileResult; budget: Budget | undefined }> {
  const hit = cache === undefined ? undefined : lookupCompile(cache, root, request);
  if (hit) return hit;
  const { compileWave, compileWaveLoading } = await import('../compile.js');
  if (cache === undefined) {
    const result = await compileWave(root, request);
    return { result, budget: result.facts?.composition.context.budget };
  }
  const parsedSpecs = new SpecIndexFile(cache, root);
  const result = await compileWaveLoading(root, request, { parsedSpecs });
  const listed = await result.facts?.workspace.specs.waves();
  parsedSpecs.save(listed?.map((ref) => ref.path));
  storeCompile(cache, root, request, result);
  return { result, budget: result.facts?.composition.context.budget };
}
