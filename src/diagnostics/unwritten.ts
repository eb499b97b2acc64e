import type { Diagnostic } from './diagnostic.js';

/**
 * For a compiled prompt that was not written: a position in it is in this
 * run's text, not in the file on disk (which is older, or absent), so the
 * message says so instead of citing the path as if that line were there.
 */
export function markUnwritten(diagnostics: readonly Diagnostic[], promptPath: string): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.file === promptPath) return { ...d, message: `${d.message} (in the compiled text, not written)` };
    if (d.related?.file === promptPath)
      return { ...d, related: { ...d.related, message: `${d.related.message} (in the compiled text, not written)` } };
    return d;
  });
}
