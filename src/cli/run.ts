import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION } from '../version.js';
import { commandHelp, GLOBAL_OPTIONS, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, OutputWriteError, type CliIo } from './io.js';

/**
 * The whole CLI: argv in, exit code out. No process.exit, no globals, so
 * tests run it in-process with a fake io.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(topic ? commandHelp(topic) : mainHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`wavec: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        Object.entries({ ...command.options, ...GLOBAL_OPTIONS }).map(([key, spec]) => [key, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`wavec ${command.name}: ${(error as Error).message}\nUsage: wavec ${command.usage}\n`);
    return EXIT.usage;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  const debug = Boolean(values.debug);
  const root = path.resolve(io.cwd, typeof values.root === 'string' ? values.root : '.');
  // Checked once here, so no command meets a missing root as an internal error deep in a stage.
  if (!command.createsWorkspace && !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr.write(`wavec ${command.name}: workspace root is not a folder: ${root}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values, root, debug }, io);
  } catch (error) {
    if (error instanceof OutputWriteError) {
      io.stderr.write(`wavec ${command.name}: ${error.message}\n`);
      return EXIT.usage;
    }
    // Content problems are diagnostics; reaching here is a wavec bug or an environment failure.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`wavec ${command.name}: internal error: ${message}\n`);
    io.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'rerun with --debug for the stack trace\n');
    return EXIT.usage;
  }
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c: Command) => c.name.length));
  return [
    'Usage: wavec <command> [options]',
    '',
    'wavec compiles wave specs and a fragment library into checked master prompts.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `wavec <command> --help` for a command\'s options. `wavec --version` prints the version.',
    '',
  ].join('\n');
}
