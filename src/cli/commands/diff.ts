import { hasErrors } from '../../diagnostics/diagnostic.js';
import { parsePositiveInt, parseWaveSelector, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show the modules, patterns, hard constraints and charter references added and removed between two waves.',
  usage: 'diff <a> <b> [--phase <n>] [--format human|json]',
  options: {
    phase: {
      type: 'string',
      description: 'phase of both waves (needed only when a wave number exists in several phases)',
      placeholder: 'n',
    },
    format: { type: 'string', description: 'output format: human (default) or json', placeholder: 'format' },
  },
  details: `Hard constraints are compared as resolved along each wave's predecessor chain
(inherited, dropped, added and implied by patterns), exactly as the prompt's
"Additional vs wave N-1" list is derived. A pattern-implied constraint whose
pattern no module of the second wave uses is marked "lapsed".

A wave is a number (of the phase --phase names, or the only phase that has
it) or <phase>:<wave> for a wave of a named phase, e.g. wavec diff 2:4 3:1.

Exit codes: 0 compared; 2 usage or input errors.

Example: wavec diff 3 4`,
  async run(args, io) {
    const from = parseWaveSelector(args.positionals[0], 'first wave');
    const to = parseWaveSelector(args.positionals[1], 'second wave');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'human';
    const problems = [from, to, phase].filter((value): value is string => typeof value === 'string');
    if (format !== 'human' && format !== 'json')
      problems.push(`--format must be human or json, got "${String(format)}"`);
    if (problems.length > 0 || typeof from === 'string' || typeof to === 'string' || typeof phase === 'string') {
      io.stderr.write(`wavec diff: ${problems[0]}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }

    const [{ diffWaves }, { formatDiff }] = await Promise.all([
      import('../../authoring/diff.js'),
      import('../../authoring/diff-text.js'),
    ]);
    const result = await diffWaves(args.root, phase === undefined ? { from, to } : { from, to, phase });
    if (format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      printDiagnostics(result.diagnostics, io, args.root);
      if (result.diff) io.stdout.write(formatDiff(result.diff));
    }
    return result.diff && !hasErrors(result.diagnostics) ? EXIT.ok : EXIT.usage;
  },
};
