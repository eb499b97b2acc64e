import { defineCommand, waveRequest } from '../command.js';
import { PHASE, WAVE } from '../declaration.js';
import { EXIT } from '../io.js';

export const reportCommand = defineCommand({
  name: 'report',
  summary: "Print the PR body's Verification checklist for a wave, with measured values.",
  workspace: 'loaded',
  positionals: [WAVE],
  options: {
    phase: PHASE,
    format: {
      type: 'string',
      choices: ['markdown', 'json'],
      default: 'markdown',
      description: 'markdown (default: the checklist to paste into the PR body) or json',
    },
  },
  details: `Measures the committed prompt (or, when there is none yet, a fresh compile): length against
the budget, PR references, charter sections, wakeup honesty, pivot rationale, emotional
context, PR count. A box is ticked only when its measurement holds and its lint rules pass.

Exit codes: 0 every box ticked; 1 a box is not ticked; 2 usage or input errors.

Example: wavec report 4`,
  async execute({ wave, phase, format }, { io, workspace, inputErrors }) {
    const [{ formatVerification }, { measureWave }] = await Promise.all([
      import('../../report/verification.js'),
      import('../../report/wave-verification.js'),
    ]);
    const measured = await measureWave(workspace, waveRequest(wave, phase));
    if (!measured.ok) return inputErrors(measured.diagnostics);
    const { verification } = measured.measured;
    io.stdout.write(
      format === 'json' ? `${JSON.stringify(verification, null, 2)}\n` : formatVerification(verification),
    );
    return verification.ok ? EXIT.ok : EXIT.check;
  },
});
