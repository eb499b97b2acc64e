#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs, built by `npm run build`), loaded
// with its code cache (./load-cli.js). Loading it runs no dependency; each
// command loads its own when it runs.
import { loadCli } from './load-cli.js';

const argv = process.argv.slice(2);
const { processIo, run } = loadCli(argv);
process.exitCode = await run(argv, processIo());
