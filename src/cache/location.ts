import path from 'node:path';
import { openCacheFolder, type CacheFolder } from './folder.js';

/**
 * Where wavec keeps its on-disk caches: `$WAVEC_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/wavec`, else `~/.cache/wavec`. Undefined when the
 * environment names no home (then nothing is cached on disk).
 */
export function cacheDirectory(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.WAVEC_CACHE_DIR) return path.resolve(env.WAVEC_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(path.resolve(env.XDG_CACHE_HOME), 'wavec');
  const home = env.HOME ?? env.USERPROFILE;
  return home ? path.join(home, '.cache', 'wavec') : undefined;
}

/** Cache folders already refused in this process: a watch that compiles again does not warn again. */
const refused = new Set<string>();

/**
 * The cache folder this run may use, or undefined (then nothing is cached on disk): none named by the environment, or
 * one that is not fit (see openCacheFolder), which `warn` is told about once per process.
 */
export function useCacheFolder(
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): CacheFolder | undefined {
  const directory = cacheDirectory(env);
  if (directory === undefined) return undefined;
  const opened = openCacheFolder(directory);
  if (opened.ok) return opened.folder;
  if (!refused.has(directory)) {
    refused.add(directory);
    warn(`wavec: warning: not using the cache folder ${directory}: ${opened.reason}; working without a cache\n`);
  }
  return undefined;
}
