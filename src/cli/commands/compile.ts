import type { CompileResult } from '../../compile.js';
import { useCacheFolder } from '../../cache/location.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import type { Budget } from '../../schema/config.js';
import { defineCommand, waveRequest, type Command } from '../command.js';
import { PHASE, WAVE } from '../declaration.js';
import { EXIT, type CliIo } from '../io.js';
import { markUnwritten } from '../../diagnostics/unwritten.js';
import { usageError } from '../help.js';
import { printDiagnostics } from '../report.js';

export const compileCommand: Command = defineCommand({
  name: 'compile',
  summary: 'Compile a wave spec into its master prompt, check it, and write it with its provenance.',
  workspace: 'required',
  positionals: [{ ...WAVE, optional: true }],
  options: {
    phase: PHASE,
    all: {
      type: 'boolean',
      description: 'compile every wave of every phase, in chain order, in one process (instead of one wave)',
    },
    changed: {
      type: 'boolean',
      description: 'compile the waves whose inputs changed since their sidecars (or that have no prompt yet)',
    },
    force: { type: 'boolean', description: 'overwrite a prompt that was edited by hand since it was generated' },
    stdout: { type: 'boolean', description: 'print the prompt to stdout instead of writing it' },
    watch: {
      type: 'boolean',
      description: 'compile again on every change of the spec, a fragment, the charter or the config (Ctrl-C stops)',
    },
    format: {
      type: 'string',
      choices: ['human', 'json'],
      default: 'human',
      description: 'summary format: human (default) or json',
    },
    'no-cache': {
      type: 'boolean',
      description: 'compile afresh: neither read nor write the on-disk cache (see the README)',
    },
  },
  conflicts: [
    ['stdout', 'format'],
    ['stdout', 'watch'],
    ['all', 'changed'],
    ['all', 'phase'],
    ['all', 'stdout'],
    ['all', 'watch'],
    ['changed', 'phase'],
    ['changed', 'stdout'],
    ['changed', 'watch'],
  ],
  details: `Exit codes: 0 written and every check passed; 1 the prompt fails a check (nothing written);
2 usage or input errors (nothing written).

With --all or --changed: the same codes over every wave compiled (2 if any had input errors, else 1 if any
failed a check); a summary of what was written, unchanged, stale or failing.

Example: wavec compile 4   (writes the prompt of wave 4; add --watch while you edit)
         wavec compile --changed   (recompiles what the last edits made stale)`,
  async execute(args, { io, root, given }) {
    if (args.all || args.changed) {
      if (args.wave !== undefined) {
        io.stderr.write(
          usageError(compileCommand, `give a wave number or --${args.all ? 'all' : 'changed'}, not both`),
        );
        return EXIT.usage;
      }
      const { compileManyForCli } = await import('../compile-many.js');
      return compileManyForCli(
        root,
        { which: args.all ? 'all' : 'changed', force: args.force, format: args.format },
        io,
      );
    }
    if (args.wave === undefined) {
      io.stderr.write(usageError(compileCommand, 'missing wave number (or --all, or --changed)'));
      return EXIT.usage;
    }
    if (args.watch) return (await import('../watch.js')).watchCompile(compileCommand, given, io);
    const { format } = args;
    const cache = args['no-cache'] ? undefined : useCacheFolder(io.env, (warning) => io.stderr.write(warning));
    const { compileForCli } = await import('../cached-compile.js');
    const { result, budget } = await compileForCli(root, waveRequest(args.wave, args.phase), cache);
    const show = (shown: CompileResult, status: string | undefined) => report(shown, budget, status, io, root, format);
    if (!result.prompt || !result.provenance) {
      show(result, undefined);
      return EXIT.usage;
    }
    if (args.stdout) {
      io.stdout.write(result.prompt.text);
      printDiagnostics(result.diagnostics, io, root, new Map([[result.prompt.path, result.prompt.text]]), {
        unwritten: result.prompt.path,
      });
      return result.ok ? EXIT.ok : EXIT.check;
    }
    // The checks' findings are about this run's text; the prompt on disk is another (or none).
    const unwritten = markUnwritten(result.diagnostics, result.prompt.path);
    if (!result.ok) {
      show({ ...result, diagnostics: unwritten }, 'not written');
      return EXIT.check;
    }
    const { writePrompt } = await import('../../emit/write.js');
    const written = await writePrompt(root, result.prompt, result.provenance, { force: args.force });
    if (!written.ok) {
      show({ ...result, diagnostics: [...unwritten, ...written.diagnostics] }, 'not written');
      return hasErrors(written.diagnostics) ? EXIT.usage : EXIT.check;
    }
    show(result, written.status);
    return EXIT.ok;
  },
});

function report(
  result: CompileResult,
  budget: Budget | undefined,
  status: string | undefined,
  io: CliIo,
  root: string,
  format: 'human' | 'json',
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
