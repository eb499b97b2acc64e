// Bundles the CLI (src/cli/main.ts) into dist/bundle/ for bin/wavec.js: one
// file to resolve and load at start-up instead of a few hundred, with every
// dynamic import kept as a lazy chunk (code splitting). Run by `npm run
// build` after tsc; the library (dist/index.js and its .d.ts) is tsc's.
// The source maps and esbuild's metafile go to build/bundle/ (same layout,
// not shipped: they point at src/, which the package does not contain).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/bundle');
const TOOLS_OUT = path.join(ROOT, 'build/bundle');

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
await rm(TOOLS_OUT, { recursive: true, force: true });
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
  // Maps are read only by tools (bench/profile.mjs attributes time to packages through them), from build/bundle/; Node does not load them.
  sourcemap: 'external',
  // What each chunk holds and imports: test/bundle.test.ts checks that start-up loads no heavy dependency.
  metafile: true,
  write: false,
});
for (const file of result.outputFiles) {
  const target = file.path.endsWith('.map') ? path.join(TOOLS_OUT, path.relative(OUT, file.path)) : file.path;
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.contents);
}
await writeFile(path.join(TOOLS_OUT, 'meta.json'), JSON.stringify(result.metafile));
