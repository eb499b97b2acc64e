import type { BarStyle } from '../../authoring/bar-chart.js';
import { parsePositiveInt, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics, useColor } from '../report.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: "Show where a wave's token and line budget goes, per section and per fragment, as bar charts.",
  usage: 'explain <wave> [--phase <n>] [--by tokens|lines] [--base <git-ref>] [--format text|json]',
  options: {
    phase: {
      type: 'string',
      description: 'phase of the wave (needed only when the wave number exists in several phases)',
      placeholder: 'n',
    },
    by: { type: 'string', description: 'what the bars measure: tokens (default) or lines', placeholder: 'unit' },
    base: {
      type: 'string',
      description: "compare each fragment's tokens with the same wave at a git revision (e.g. main)",
      placeholder: 'git-ref',
    },
    format: { type: 'string', description: 'text (default) or json', placeholder: 'format' },
  },
  details: `Bars are cumulative: each starts where the previous ended, and the vertical line
is the budget (max_tokens − reserve_tokens, or max_lines), so the row the line
crosses is where the budget runs out; cells past it are drawn as ! (▓ on a
terminal). Plain ASCII when stdout is not a terminal; colour only on a
terminal without NO_COLOR. Nothing is written.

Exit codes: 0 explained (also when over budget: see \`wavec compile\` for the verdict);
2 usage or input errors, or a --base that cannot be read.

Example: wavec explain 4 --base main`,
  async run(args, io) {
    const wave = parsePositiveInt(args.positionals[0], 'wave number');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'text';
    const by = args.values.by ?? 'tokens';
    const base = args.values.base;
    const problems = [wave, phase].filter((value): value is string => typeof value === 'string');
    if (format !== 'text' && format !== 'json') problems.push(`--format must be text or json, got "${String(format)}"`);
    if (by !== 'tokens' && by !== 'lines') problems.push(`--by must be tokens or lines, got "${String(by)}"`);
    if (problems.length > 0 || typeof wave !== 'number' || typeof phase === 'string') {
      io.stderr.write(`wavec explain: ${problems[0]}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }

    const request = { wave, ...(phase === undefined ? {} : { phase }), ...(typeof base === 'string' ? { base } : {}) };
    const [{ explainBudget }, { formatExplanation }] = await Promise.all([
      import('../../explain.js'),
      import('../../authoring/explain-text.js'),
    ]);
    const explanation = await explainBudget(args.root, request);
    const baseFailed = explanation.base !== null && explanation.base.totals === null;
    if (format === 'json') io.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
    else {
      // explain writes nothing: a position in the prompt is in the compiled text, not in the file on disk.
      printDiagnostics(
        [...explanation.diagnostics, ...(explanation.base?.diagnostics ?? [])],
        io,
        args.root,
        new Map(),
        explanation.path === null ? {} : { unwritten: explanation.path },
      );
      if (explanation.compiled) {
        const style: BarStyle = { width: 40, unicode: io.isTTY, color: useColor(io, 'stdout') };
        io.stdout.write(formatExplanation(explanation, by === 'lines' ? 'lines' : 'tokens', style));
      }
    }
    return explanation.compiled && !baseFailed ? EXIT.ok : EXIT.usage;
  },
};
