import { diagnosticKey, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';

/**
 * The findings of a lint run, gathered prompt by prompt and handed on in the order the whole run's sorted list has
 * them, as soon as that order is settled: `emit` sees exactly `sortDiagnostics(dedupeDiagnostics(all))`, one by one.
 * A finding is settled once no later prompt can name a file that sorts before its own: the caller says, with each
 * prompt's findings, the least file a later prompt may still name (`bound`). Only the unsettled findings, and the
 * keys of what may still repeat, are held; the rest is counted.
 */
export class FindingStream {
  /** Not yet handed on, in the order they came (the sort is stable: ties keep it). */
  private pending: Diagnostic[] = [];
  /** The least file of the pending findings: a bound not above it settles nothing, and nothing is scanned. */
  private leastPending: string | undefined;
  /** What was kept, by file, to drop repeats; a file is forgotten once no later prompt can name it. */
  private readonly seen = new Map<string, Set<string>>();
  readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };

  constructor(private readonly emit: (d: Diagnostic) => void) {}

  /**
   * A prompt's findings (the first call: those of the workspace). `bound`: no later call brings a finding in a file
   * that sorts before it; undefined when any file may still come (nothing is settled then).
   */
  add(diagnostics: readonly Diagnostic[], bound: string | undefined): void {
    for (const d of diagnostics) {
      let keys = this.seen.get(d.file);
      if (!keys) this.seen.set(d.file, (keys = new Set()));
      const key = diagnosticKey(d);
      if (keys.has(key)) continue;
      keys.add(key);
      this.counts[d.severity]++;
      // A message built from a slice of the prompt would keep the whole prompt's text alive while the finding waits:
      // the copy holds only its own characters.
      this.pending.push(JSON.parse(JSON.stringify(d)) as Diagnostic);
      if (this.leastPending === undefined || d.file < this.leastPending) this.leastPending = d.file;
    }
    if (bound !== undefined) this.settle(bound);
  }

  /** Hands on every finding not yet handed on: no prompt is left. */
  end(): void {
    for (const d of sortDiagnostics(this.pending)) this.emit(d);
    this.pending = [];
    this.leastPending = undefined;
    this.seen.clear();
  }

  private settle(bound: string): void {
    if (this.leastPending !== undefined && this.leastPending < bound) {
      const settled: Diagnostic[] = [];
      const waiting: Diagnostic[] = [];
      let least: string | undefined;
      for (const d of this.pending) {
        if (d.file < bound) settled.push(d);
        else {
          waiting.push(d);
          if (least === undefined || d.file < least) least = d.file;
        }
      }
      this.pending = waiting;
      this.leastPending = least;
      for (const d of sortDiagnostics(settled)) this.emit(d);
    }
    // Files no later prompt can name: their keys are not needed to drop repeats any more.
    if (bound !== '') for (const file of this.seen.keys()) if (file < bound) this.seen.delete(file);
  }
}
