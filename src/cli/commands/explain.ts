import type { BarStyle } from '../../explain/bar-chart.js';
import { defineCommand, waveRequest } from '../command.js';
import { PHASE, WAVE } from '../declaration.js';
import { EXIT } from '../io.js';
import { printDiagnostics, useColor } from '../report.js';

export const explainCommand = defineCommand({
  name: 'explain',
  summary: "Show where a wave's token and line budget goes, per section and per fragment, as bar charts.",
  workspace: 'required',
  positionals: [{ ...WAVE, optional: true }],
  conflicts: [
    ['overrides', 'base'],
    ['overrides', 'phase'],
  ],
  options: {
    overrides: {
      type: 'boolean',
      description: "list your fragments that replace wavec's own, and whether the base under each changed since",
    },
    phase: PHASE,
    by: {
      type: 'string',
      choices: ['tokens', 'lines'],
      default: 'tokens',
      description: 'what the bars measure: tokens (default) or lines',
      placeholder: 'unit',
    },
    base: {
      type: 'string',
      description: "compare each fragment's tokens with the same wave at a git revision (e.g. main)",
      placeholder: 'git-ref',
    },
    format: { type: 'string', choices: ['text', 'json'], default: 'text', description: 'text (default) or json' },
  },
  details: `Bars are cumulative: each starts where the previous ended, and the vertical line
is the budget (max_tokens − reserve_tokens, or max_lines), so the row the line
crosses is where the budget runs out; cells past it are drawn as ! (▓ on a
terminal). Plain ASCII when stdout is not a terminal; colour only on a
terminal without NO_COLOR. Nothing is written.

With --overrides, no wave: it lists the fragments of your templates folder
that replace wavec's own, each with what became of the base under it since
\`wavec eject\` copied it (unchanged, changed, or no longer shipped), and the
fragments of your own.

Exit codes: 0 explained (also when over budget: see \`wavec compile\` for the verdict);
2 usage or input errors, or a --base that cannot be read.

Example: wavec explain 4 --base main`,
  async execute({ wave, phase, base, by, format, overrides }, { io, root }) {
    if (overrides) {
      const { listOverrides, formatOverrides } = await import('../../explain/overrides.js');
      const report = await listOverrides(root);
      if (format === 'json') io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        printDiagnostics(report.diagnostics, io, root);
        io.stdout.write(formatOverrides(report));
      }
      return report.loaded ? EXIT.ok : EXIT.usage;
    }
    if (wave === undefined) {
      io.stderr.write(
        `wavec explain: missing wave number (or pass --overrides)\nUsage: wavec ${explainCommand.usage}\n`,
      );
      return EXIT.usage;
    }
    const request = { ...waveRequest(wave, phase), ...(base === undefined ? {} : { base }) };
    const [{ explainBudget }, { formatExplanation }] = await Promise.all([
      import('../../explain/explain.js'),
      import('../../explain/explain-text.js'),
    ]);
    const explanation = await explainBudget(root, request);
    const baseFailed = explanation.base !== null && explanation.base.totals === null;
    if (format === 'json') io.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
    else {
      // explain writes nothing: a position in the prompt is in the compiled text, not in the file on disk.
      printDiagnostics(
        [...explanation.diagnostics, ...(explanation.base?.diagnostics ?? [])],
        io,
        root,
        new Map(),
        explanation.path === null ? {} : { unwritten: explanation.path },
      );
      // A --base that cannot be read is a usage error: the error alone, not a chart without the comparison asked for.
      if (explanation.compiled && !baseFailed) {
        const style: BarStyle = { width: 40, unicode: io.isTTY, color: useColor(io, 'stdout') };
        io.stdout.write(formatExplanation(explanation, by, style));
      }
    }
    return explanation.compiled && !baseFailed ? EXIT.ok : EXIT.usage;
  },
});
