#!/usr/bin/env node
import { processIo } from '../dist/cli/io.js';
import { run } from '../dist/cli/run.js';

process.exitCode = await run(process.argv.slice(2), processIo());
