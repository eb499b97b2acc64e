import { parsePositiveInt, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const reportCommand: Command = {
  name: 'report',
  summary: "Print the PR body's Verification checklist for a wave, with measured values.",
  usage: 'report <wave> [--phase <n>] [--format markdown|json]',
  options: {
    phase: {
      type: 'string',
      description: 'phase of the wave (needed only when the wave number exists in several phases)',
      placeholder: 'n',
    },
    format: {
      type: 'string',
      description: 'markdown (default: the checklist to paste into the PR body) or json',
      placeholder: 'format',
    },
  },
  details: `Measures the committed prompt (or, when there is none yet, a fresh compile): length against
the budget, PR references, charter sections, wakeup honesty, pivot rationale, emotional
context, PR count. A box is ticked only when its measurement holds and its lint rules pass.

Exit codes: 0 every box ticked; 1 a box is not ticked; 2 usage or input errors.

Example: wavec report 4`,
  async run(args, io) {
    const wave = parsePositiveInt(args.positionals[0], 'wave number');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'markdown';
    if (typeof wave === 'string' || typeof phase === 'string' || (format !== 'markdown' && format !== 'json')) {
      const problem =
        typeof wave === 'string'
          ? wave
          : typeof phase === 'string'
            ? phase
            : `--format must be markdown or json, got "${String(format)}"`;
      io.stderr.write(`wavec report: ${problem}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }
    const [{ formatVerification }, { measureWave }, { loadWorkspace }] = await Promise.all([
      import('../../report/verification.js'),
      import('../../report/wave-verification.js'),
      import('../../load/workspace.js'),
    ]);
    const loaded = await loadWorkspace(args.root);
    if (!loaded.ok) {
      printDiagnostics(loaded.diagnostics, io, args.root);
      return EXIT.usage;
    }
    const measured = await measureWave(loaded.workspace, phase === undefined ? { wave } : { wave, phase });
    if (!measured.ok) {
      printDiagnostics(measured.diagnostics, io, args.root);
      return EXIT.usage;
    }
    const { verification } = measured.measured;
    io.stdout.write(
      format === 'json' ? `${JSON.stringify(verification, null, 2)}\n` : formatVerification(verification),
    );
    return verification.ok ? EXIT.ok : EXIT.check;
  },
};
