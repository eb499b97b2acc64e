/**
 * The CLI's entry point, bundled by scripts/bundle.mjs into dist/cli.cjs
 * (one file; every command's implementation initialised only when it runs);
 * bin/wavec.js loads it. The library (the package root) is not bundled.
 */
export { processIo } from './io.js';
export { run } from './run.js';
