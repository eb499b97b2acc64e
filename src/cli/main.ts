/**
 * The CLI's entry point, bundled by scripts/bundle.mjs into dist/bundle/
 * (one file for start-up, every command's implementation a lazy chunk);
 * bin/wavec.js runs it. The library (the package root) is not bundled.
 */
export { tuneCompilerFor } from './compiler-tuning.js';
export { processIo } from './io.js';
export { run } from './run.js';
