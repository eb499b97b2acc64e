import { hasErrors } from '../../diagnostics/diagnostic.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Show the modules, patterns, hard constraints and charter references added and removed between two waves.',
  workspace: 'required',
  positionals: [
    { name: 'a', type: 'wave-selector', label: 'first wave' },
    { name: 'b', type: 'wave-selector', label: 'second wave' },
  ],
  options: {
    phase: {
      type: 'number',
      description: 'phase of both waves (needed only when a wave number exists in several phases)',
      placeholder: 'n',
    },
    format: {
      type: 'string',
      choices: ['human', 'json'],
      default: 'human',
      description: 'output format: human (default) or json',
    },
  },
  details: `Hard constraints are compared as resolved along each wave's predecessor chain
(inherited, dropped, added and implied by patterns), exactly as the prompt's
"Additional vs wave N-1" list is derived. A pattern-implied constraint whose
pattern no module of the second wave uses is marked "lapsed".

A wave is a number (of the phase --phase names, or the only phase that has
it) or <phase>:<wave> for a wave of a named phase, e.g. wavec diff 2:4 3:1.

Exit codes: 0 compared; 2 usage or input errors.

Example: wavec diff 3 4`,
  async execute({ a, b, phase, format }, { io, root }) {
    const [{ diffWaves }, { formatDiff }] = await Promise.all([
      import('../../authoring/diff.js'),
      import('../../authoring/diff-text.js'),
    ]);
    const result = await diffWaves(root, phase === undefined ? { from: a, to: b } : { from: a, to: b, phase });
    if (format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      printDiagnostics(result.diagnostics, io, root);
      if (result.diff) io.stdout.write(formatDiff(result.diff));
    }
    return result.diff && !hasErrors(result.diagnostics) ? EXIT.ok : EXIT.usage;
  },
});
