import { setFlagsFromString } from 'node:v8';

/**
 * Whether a command line runs once and ends within a fraction of a second:
 * every command but `lint` (which may read hundreds of prompts), `mcp` and
 * `--watch` (which serve until stopped).
 */
export function isOneShot(argv: readonly string[]): boolean {
  const [name, ...rest] = argv;
  return name !== 'lint' && name !== 'mcp' && !rest.includes('--watch');
}

/**
 * Turns V8's optimizing compiler off for a one-shot command: a cold compile
 * ends before most of what it would optimize runs again, and on two busy
 * cores the optimizing work costs more than it saves (docs/performance.md,
 * "No optimizing compiler for one-shot commands"). Only on the V8 it was
 * measured on (Node 20's 11.x): V8 prints an unknown flag to stdout, so a
 * flag that a later V8 renamed must not be set. Called by bin/load-cli.js
 * before any command is loaded; it changes speed only, never output.
 */
export function tuneCompilerFor(argv: readonly string[], v8Version = process.versions.v8): boolean {
  if (!isOneShot(argv) || !v8Version.startsWith('11.')) return false;
  setFlagsFromString('--no-opt');
  return true;
}
