import { diagnosticKey, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The findings of a lint run, gathered prompt by prompt: each kept once (the first of its repeats, as
 * `dedupeDiagnostics` keeps it over the whole run), and nothing else of a prompt.
 */
export class Findings {
  private readonly kept: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(first: readonly Diagnostic[] = []) {
    this.add(first);
  }

  add(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      const key = diagnosticKey(d);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      // A message built from a slice of the prompt would keep the whole prompt's text alive until the end of the
      // run: the copy holds only its own characters.
      this.kept.push(JSON.parse(JSON.stringify(d)) as Diagnostic);
    }
  }

  /** Every finding once, sorted: `sortDiagnostics(dedupeDiagnostics(all))` of everything added, in order. */
  sorted(): Diagnostic[] {
    return sortDiagnostics(this.kept);
  }
}
