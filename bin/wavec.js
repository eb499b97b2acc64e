#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs, built by `npm run build`): one file
// to load at start-up instead of hundreds. Loading it loads no dependency;
// each command loads its own when it runs, after the compiler is tuned for it.
import { processIo, run, tuneCompilerFor } from '../dist/bundle/main.js';

const argv = process.argv.slice(2);
tuneCompilerFor(argv);
process.exitCode = await run(argv, processIo());
