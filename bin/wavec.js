#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs, built by `npm run build`): one file
// to load at start-up instead of hundreds.
import { processIo, run } from '../dist/bundle/main.js';

process.exitCode = await run(process.argv.slice(2), processIo());
