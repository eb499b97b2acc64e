// Bundles the CLI (src/cli/main.ts) into dist/bundle/ for bin/wavec.js: one
// file to resolve and load at start-up instead of a few hundred, with every
// dynamic import kept as a lazy chunk (code splitting). Run by `npm run
// build` after tsc; the library (dist/index.js and its .d.ts) is tsc's.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/bundle');

/**
 * Handlebars' code generator tries `require('source-map')` and falls back to
 * its own string builder when it is missing. wavec never asks for template
 * source maps, so the bundle gets an empty module there and never loads the
 * library (about 16 ms of start-up).
 */
const noSourceMap = {
  name: 'no-source-map',
  setup(b) {
    b.onResolve({ filter: /^source-map$/ }, () => ({ path: 'source-map', namespace: 'wavec-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'wavec-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

await rm(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: path.join(ROOT, 'src/cli/main.ts') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __wavecCreateRequire } from 'node:module'; const require = __wavecCreateRequire(import.meta.url);" },
  plugins: [noSourceMap],
  logLevel: 'warning',
  legalComments: 'none',
  // Linked maps are read only by tools (bench/profile.mjs attributes time to packages through them); Node does not load them.
  sourcemap: 'linked',
  // What each chunk holds and imports: test/bundle.test.ts checks that start-up loads no heavy dependency.
  metafile: true,
});
await writeFile(path.join(OUT, 'meta.json'), JSON.stringify(result.metafile));
