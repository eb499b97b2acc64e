// Loads the bundled CLI (dist/cli.cjs) with V8's code cache of it, made by
// `npm run build` (scripts/code-cache.mjs): the functions a run needs are
// then taken from the cache instead of parsed and compiled, which was about
// a quarter of a cold compile's main thread. There are two caches, one per
// set of V8 flags a command runs with (src/cli/compiler-tuning.ts). V8
// checks a cache itself and rejects one made by another V8, with other
// flags or for another source; the bundle is then compiled as usual, with
// the same result.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { tuneCompilerFor } from '../dist/cli/compiler-tuning.js';

const BUNDLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.cjs');
const SCRIPT_NAME = 'wavec/dist/cli.cjs';

/** The code cache for a run whose compiler was tuned for a one-shot command, or not. */
export function codeCacheFile(oneShot) {
  return `${BUNDLE}.${oneShot ? 'one-shot' : 'long-running'}.cache`;
}

/**
 * The CLI's exports for a command line, with V8 tuned for it first. `codeCache`
 * says what became of the cache: used, rejected by V8, or missing.
 */
export function loadCli(argv) {
  const cacheFile = codeCacheFile(tuneCompilerFor(argv));
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: compiled as usual
  }
  // A name relative to the package, not BUNDLE: a function taken from the
  // cache keeps the script name it was cached under, so an absolute name
  // would put the build machine's path in every stack trace.
  const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), { filename: SCRIPT_NAME, cachedData });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  const codeCache = cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  return { ...module.exports, codeCache, writeCodeCache: () => writeFileSync(cacheFile, script.createCachedData()) };
}
