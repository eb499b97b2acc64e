import type { CompileResult } from '../../compile.js';
import { cacheDirectory } from '../../cache/location.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import type { Budget } from '../../schema/config.js';
import { parsePositiveInt, type Command } from '../command.js';
import { EXIT, type CliIo } from '../io.js';
import { markUnwritten } from '../../diagnostics/unwritten.js';
import { printDiagnostics } from '../report.js';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'Compile a wave spec into its master prompt, check it, and write it with its provenance.',
  usage: 'compile <wave> [--phase <n>] [--force] [--stdout] [--watch] [--format human|json] [--no-cache]',
  conflicts: [
    ['stdout', 'format'],
    ['stdout', 'watch'],
  ],
  options: {
    phase: {
      type: 'string',
      description: 'phase of the wave (needed only when the wave number exists in several phases)',
      placeholder: 'n',
    },
    force: { type: 'boolean', description: 'overwrite a prompt that was edited by hand since it was generated' },
    stdout: { type: 'boolean', description: 'print the prompt to stdout instead of writing it' },
    format: { type: 'string', description: 'summary format: human (default) or json', placeholder: 'format' },
    watch: {
      type: 'boolean',
      description: 'compile again on every change of the spec, a fragment, the charter or the config (Ctrl-C stops)',
    },
    'no-cache': {
      type: 'boolean',
      description: 'compile afresh: neither read nor write the on-disk cache (see the README)',
    },
  },
  details: `Exit codes: 0 written and every check passed; 1 the prompt fails a check (nothing written);
2 usage or input errors (nothing written).

Example: wavec compile 4   (writes the prompt of wave 4; add --watch while you edit)`,
  async run(args, io) {
    if (args.values.watch) return (await import('../watch.js')).watchCompile(this, args, io);
    const wave = parsePositiveInt(args.positionals[0], 'wave number');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'human';
    if (typeof wave === 'string' || typeof phase === 'string' || (format !== 'human' && format !== 'json')) {
      const problem =
        typeof wave === 'string'
          ? wave
          : typeof phase === 'string'
            ? phase
            : `--format must be human or json, got "${String(format)}"`;
      io.stderr.write(`wavec compile: ${problem}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }

    const cacheDir = args.values['no-cache'] ? undefined : cacheDirectory(io.env);
    const { compileForCli } = await import('../cached-compile.js');
    const { result, budget } = await compileForCli(
      args.root,
      phase === undefined ? { wave } : { wave, phase },
      cacheDir,
    );
    if (!result.prompt || !result.provenance) {
      report(result, budget, undefined, io, args.root, format);
      return EXIT.usage;
    }
    if (args.values.stdout) {
      io.stdout.write(result.prompt.text);
      printDiagnostics(result.diagnostics, io, args.root, new Map([[result.prompt.path, result.prompt.text]]), {
        unwritten: result.prompt.path,
      });
      return result.ok ? EXIT.ok : EXIT.check;
    }
    // The checks' findings are about this run's text; the prompt on disk is another (or none).
    const unwritten = markUnwritten(result.diagnostics, result.prompt.path);
    if (!result.ok) {
      report({ ...result, diagnostics: unwritten }, budget, 'not written', io, args.root, format);
      return EXIT.check;
    }
    const { writePrompt } = await import('../../emit/write.js');
    const written = await writePrompt(args.root, result.prompt, result.provenance, {
      force: Boolean(args.values.force),
    });
    if (!written.ok) {
      report(
        { ...result, diagnostics: [...unwritten, ...written.diagnostics] },
        budget,
        'not written',
        io,
        args.root,
        format,
      );
      return hasErrors(written.diagnostics) ? EXIT.usage : EXIT.check;
    }
    report(result, budget, written.status, io, args.root, format);
    return EXIT.ok;
  },
};

function report(
  result: CompileResult,
  budget: Budget | undefined,
  status: string | undefined,
  io: CliIo,
  root: string,
  format: string | boolean,
): void {
  if (format === 'json') {
    const { facts: _facts, prompt, ...rest } = result;
    io.stdout.write(`${JSON.stringify({ status: status ?? 'failed', path: prompt?.path, ...rest }, null, 2)}\n`);
    return;
  }
  printDiagnostics(
    result.diagnostics,
    io,
    root,
    result.prompt ? new Map([[result.prompt.path, result.prompt.text]]) : undefined,
  );
  if (!result.prompt || !result.stats || !budget) return;
  const tokenLimit = budget.max_tokens - budget.reserve_tokens;
  const tokensOk = result.stats.tokens <= tokenLimit;
  const linesOk = result.stats.lines <= budget.max_lines;
  const top = result.sections.filter((s) => s.depth === 2).map((s) => s.title);
  const lines = [
    `${result.prompt.path} ${status}`,
    `  lines     ${result.stats.lines} / ${budget.max_lines}`,
    `  tokens    ${result.stats.tokens} / ${tokenLimit}` +
      `${budget.reserve_tokens ? ` (${budget.reserve_tokens} reserved)` : ''} (${result.stats.encoding})`,
    '  budget    ' +
      (tokensOk && linesOk
        ? 'within budget'
        : `over budget (${[tokensOk ? '' : 'tokens', linesOk ? '' : 'lines'].filter(Boolean).join(', ')})`),
    `  sections  ${top.length}: ${top.join(' · ')}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}
