import { compileMany, exitCodeOf, type WaveOutcome, type WaveRun } from '../compile-all.js';
import { loadWorkspace } from '../load/workspace.js';
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
  for (const run of runs) report(run, io, root);
  const scope = options.which === 'all' ? 'waves' : 'changed waves';
  io.stdout.write(`${runs.length} ${scope}: ${OUTCOMES.map((o) => `${counts[o]} ${o}`).join(', ')}\n`);
  return exitCodeOf(runs);
}

function report(run: WaveRun, io: CliIo, root: string): void {
  const { prompt } = run.result;
  if (run.diagnostics.length > 0)
    printDiagnostics(run.diagnostics, io, root, prompt ? new Map([[prompt.path, prompt.text]]) : undefined);
  const what =
    run.outcome === 'stale'
      ? 'stale (edited by hand; not written)'
      : run.outcome === 'failing'
        ? 'not written'
        : run.outcome;
  if (run.outcome !== 'unchanged') io.stdout.write(`${run.path} ${what}\n`);
}
