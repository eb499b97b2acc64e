import { parsePositiveInt, parseWaveSelector, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const newCommand: Command = {
  name: 'new',
  summary: 'Scaffold the spec of a new wave from its predecessor, with TODO placeholders for what is new.',
  usage: 'new <wave> [--from <n>] [--phase <n>] [--stdout]',
  options: {
    from: {
      type: 'string',
      description:
        'the wave to start from and inherit from: a wave number, or <phase>:<wave> for a wave of an earlier phase ' +
        '(default: the previous wave of the phase)',
      placeholder: 'n',
    },
    phase: {
      type: 'string',
      description: 'phase of the new wave (default: the phase of --from, or the only phase)',
      placeholder: 'n',
    },
    stdout: { type: 'boolean', description: 'print the scaffold instead of writing it' },
  },
  details: `Inherited: compose project, budget, layout, the trigger's commands and the
branch prefix (moved on to the new wave) and, through \`predecessor\`, every
hard constraint. Left as "TODO:" placeholders: title, subsystem, compose
profile, mission, why, modules, new patterns, charter reasons, hand-back,
the trigger's precondition and note; emptied: pivot, cross-module tasks,
canary PRs.
\`wavec compile\` and \`wavec lint\` report every placeholder left. Never
overwrites an existing spec.

Exit codes: 0 written; 2 usage errors, or the spec exists or cannot be scaffolded.

Example: wavec new 5   (writes waves/phase-02/wave-5.yaml from wave 4)`,
  async run(args, io) {
    const wave = parsePositiveInt(args.positionals[0], 'wave number');
    const from = args.values.from === undefined ? undefined : parseWaveSelector(String(args.values.from), '--from');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const problems = [wave, from, phase].filter((value): value is string => typeof value === 'string');
    if (problems.length > 0 || typeof wave !== 'number' || typeof from === 'string' || typeof phase === 'string') {
      io.stderr.write(`wavec new: ${problems[0]}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }

    const request = {
      wave,
      write: !args.values.stdout,
      ...(from === undefined ? {} : { from }),
      ...(phase === undefined ? {} : { phase }),
    };
    const { newWave } = await import('../../authoring/new-wave.js');
    const result = await newWave(args.root, request);
    printDiagnostics(result.diagnostics, io, args.root);
    if (!result.text) return EXIT.usage;
    if (!result.written) {
      io.stdout.write(result.text);
      return EXIT.ok;
    }
    const named = result.waveArgument;
    io.stdout.write(
      `${result.path} written (from ${result.from!.name})\n` +
        `  next: replace every "TODO:" in it, then \`wavec explain ${named}\` and \`wavec compile ${named}\` ` +
        '(add --watch while you edit)\n',
    );
    return EXIT.ok;
  },
};
