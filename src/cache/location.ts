import path from 'node:path';

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
