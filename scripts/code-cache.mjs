// Makes one of V8's code caches of the bundled CLI (see bin/load-cli.js):
// `node scripts/code-cache.mjs one-shot|long-running`. Runs what a
// first-time user runs, `wavec init` and `wavec compile 1` on the starter
// workspace in a temporary folder (and `wavec lint` for the long-running
// kind), with V8 tuned as for that kind of command, then records every
// function compiled by then. Run by scripts/bundle.mjs, each kind in a
// process of its own, so V8's flags are a CLI run's.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeCacheFile, loadCli } from '../bin/load-cli.js';

const kind = process.argv[2];
const commands = { 'one-shot': [['init'], ['compile', '1']], 'long-running': [['init'], ['compile', '1'], ['lint']] }[
  kind
];
if (!commands) throw new Error(`usage: node scripts/code-cache.mjs one-shot|long-running`);
rmSync(codeCacheFile(kind === 'one-shot'), { force: true });
const workspace = mkdtempSync(path.join(os.tmpdir(), 'wavec-code-cache-'));
try {
  const { processIo, run, writeCodeCache } = loadCli(kind === 'one-shot' ? ['compile', '1'] : ['lint']);
  const quiet = {
    ...processIo(),
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: { ...process.env, WAVEC_CACHE_DIR: path.join(workspace, '.cache') },
  };
  for (const argv of commands) {
    const code = await run([...argv, '--root', workspace], quiet);
    if (code !== 0) throw new Error(`wavec ${argv.join(' ')} exited ${code} while making the code cache`);
  }
  writeCodeCache();
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
