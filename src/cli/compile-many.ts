import { compileMany, exitCodeOf, type WaveOutcome, type WaveRun } from '../compile-all.js';
import { loadWorkspace } from '../load/workspace.js';
import { diagnosticKey } from '../diagnostics/diagnostic.js';
import type { CliIo } from './io.js';
import { printDiagnostics, printInputErrors } from './report.js';

const OUTCOMES: readonly WaveOutcome[] = ['written', 'unchanged', 'stale', 'failing'];

/**
 * `wavec compile --all` / `--changed`: one loaded workspace, every wave
 * compiled and written in chain order, the findings of each wave that needs
 * attention, then the summary. On a terminal, a progress line on stderr
 * that the findings and the summary replace.
 */
export async function compileManyForCli(
  root: string,
  options: { which: 'all' | 'changed'; force: boolean; format: 'human' | 'json' },
  io: CliIo,
): Promise<number> {
  const loaded = await loadWorkspace(root);
  if (!loaded.ok) {
    await printInputErrors(loaded.diagnostics, options.format, io, root);
    return 2;
  }
  const progress = io.stderrIsTTY === true && options.format === 'human';
  const clear = () => progress && io.stderr.write('\r\x1b[K');
  const runs = await compileMany(loaded.workspace, {
    which: options.which,
    force: options.force,
    progress: progress
      ? (index, total, ref) => io.stderr.write(`\r\x1b[K[${index + 1}/${total}] phase ${ref.phase} wave ${ref.wave}`)
      : undefined,
  });
  clear();
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, runs.filter((r) => r.outcome === o).length]));
  if (options.format === 'json') {
    const waves = runs.map(({ phase, wave, path, outcome, diagnostics }) => ({
      phase,
      wave,
      path,
      status: outcome,
      diagnostics,
    }));
    io.stdout.write(`${JSON.stringify({ which: options.which, summary: counts, waves }, null, 2)}\n`);
    return exitCodeOf(runs);
  }
  printDiagnostics(loaded.diagnostics, io, root);
  const shown = new Set<string>();
  for (const run of runs) report(run, shown, io, root);
  const scope = options.which === 'all' ? 'waves' : 'changed waves';
  const total = `${runs.length} ${runs.length === 1 ? scope.replace(/s$/, '') : scope}`;
  // A spec edited early in a long chain rewrites every later wave's sidecar (its chain digest) but few prompts.
  const recordedOnly = runs.filter((r) => r.provenanceOnly).length;
  const outcomes = OUTCOMES.map((o) =>
    o === 'written' && recordedOnly > 0
      ? `${counts[o]} written (${recordedOnly} of them only their provenance)`
      : `${counts[o]} ${o}`,
  );
  io.stdout.write(`${total}: ${outcomes.join(', ')}\n`);
  return exitCodeOf(runs);
}

/**
 * One wave's findings and what became of it. A finding already printed for an earlier wave is not printed again: one
 * bad spec (a gap in the chain, a module declared twice) fails every wave after it with the same finding, and a
 * programme of hundreds of waves would print it hundreds of times. `--format json` keeps every wave's own list.
 */
function report(run: WaveRun, shown: Set<string>, io: CliIo, root: string): void {
  const { prompt } = run.result;
  const fresh = run.diagnostics.filter((d) => !shown.has(diagnosticKey(d)));
  for (const d of fresh) shown.add(diagnosticKey(d));
  if (fresh.length > 0) printDiagnostics(fresh, io, root, prompt ? new Map([[prompt.path, prompt.text]]) : undefined);
  const repeated = run.diagnostics.length - fresh.length;
  const what =
    run.outcome === 'stale'
      ? 'stale (edited by hand; not written)'
      : run.outcome === 'failing'
        ? 'not written'
        : run.provenanceOnly
          ? 'written (its provenance only: the prompt is the same)'
          : run.outcome;
  const again = repeated === 0 ? '' : ` (${repeated === 1 ? 'a finding' : `${repeated} findings`} shown above)`;
  if (run.outcome !== 'unchanged') io.stdout.write(`${run.path} ${what}${again}\n`);
}
