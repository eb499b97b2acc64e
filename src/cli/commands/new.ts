import { defineCommand } from '../command.js';
import { WAVE } from '../declaration.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const newCommand = defineCommand({
  name: 'new',
  summary: 'Scaffold the spec of a new wave from its predecessor, with TODO placeholders for what is new.',
  workspace: 'required',
  positionals: [WAVE],
  options: {
    from: {
      type: 'wave-selector',
      description:
        'the wave to start from and inherit from: a wave number, or <phase>:<wave> for a wave of an earlier phase ' +
        '(default: the previous wave of the phase)',
    },
    phase: {
      type: 'number',
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
  async execute(args, { io, root }) {
    const request = {
      wave: args.wave,
      write: !args.stdout,
      ...(args.from === undefined ? {} : { from: args.from }),
      ...(args.phase === undefined ? {} : { phase: args.phase }),
    };
    const { newWave } = await import('../../authoring/new-wave.js');
    const result = await newWave(root, request);
    printDiagnostics(result.diagnostics, io, root);
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
});
