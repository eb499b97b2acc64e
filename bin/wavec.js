#!/usr/bin/env node
// The CLI, bundled by `npm run build` into one CommonJS file (scripts/bundle.mjs): one file to read at start-up
// instead of a few hundred modules. Loading it runs no dependency; each command loads its own when it runs.
import { createRequire } from 'node:module';

const { processIo, run } = createRequire(import.meta.url)('../dist/cli.cjs');
const argv = process.argv.slice(2);
process.exitCode = await run(argv, processIo());
