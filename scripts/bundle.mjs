// Bundles the CLI (src/cli/main.ts) into one CommonJS file, dist/cli.cjs,
// for bin/wavec.js: one file to read at start-up instead of a few hundred
// modules to resolve and read (docs/performance.md measures what it buys).
// Every module the CLI imports lazily (each command's implementation, and
// the dependencies only it needs) stays lazy: esbuild wraps it in an
// initializer that runs on the first import. Run by `npm run build` after
// tsc; the library (dist/index.js and its .d.ts) is tsc's. The source map
// goes to build/ (not shipped: it points at src/, which the package does
// not contain).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/cli.cjs');
const TOOLS_OUT = path.join(ROOT, 'build');

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

await rm(path.join(ROOT, 'dist/bundle'), { recursive: true, force: true });
await rm(TOOLS_OUT, { recursive: true, force: true });
await mkdir(TOOLS_OUT, { recursive: true });
const result = await build({
  entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
  outfile: OUT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The sources use import.meta.url to find files of the package (templates, token tables) and to require() at run
  // time.
  define: { 'import.meta.url': '__wavecModuleUrl' },
  banner: { js: "var __wavecModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [noSourceMap],
  logLevel: 'warning',
  legalComments: 'none',
  // The map is read only by tools (bench/profile.mjs attributes time to packages through it), from build/; Node does
  // not load it.
  sourcemap: 'external',
  write: false,
});
for (const file of result.outputFiles) {
  await writeFile(
    file.path.endsWith('.map') ? path.join(TOOLS_OUT, path.basename(file.path)) : file.path,
    file.contents,
  );
}
