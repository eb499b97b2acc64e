import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/format.js';
import type { CliIo } from './io.js';

export function useColor(io: CliIo): boolean {
  return io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

/** Prints diagnostics to stderr with source excerpts read from the workspace. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo, root: string): void {
  if (diagnostics.length === 0) return;
  const cache = new Map<string, string | undefined>();
  const sourceOf = (file: string) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(path.resolve(root, file), 'utf8').replace(/\r\n?/g, '\n').replace(/^\uFEFF/, ''));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
  const color = useColor(io) && io.env.NO_COLOR === undefined;
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d, { color, sourceOf })}\n`);
  io.stderr.write(`${formatSummary(diagnostics)}\n`);
}
