import { statSync } from 'node:fs';
import path from 'node:path';
import { VERSION } from '../version.js';
import { parseCommandArgs, positionalLimit, unknownOption } from './args.js';
import { commandHelp, GLOBAL_OPTIONS, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, OutputWriteError, type CliIo } from './io.js';
import { findWorkspaceRoot, noWorkspaceMessage } from './workspace-root.js';
import { closestMatch } from '../util/similar.js';

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
    io.stderr.write(name.startsWith('-') ? topLevelUnknownOption(name) : unknownCommand(name));
    return EXIT.usage;
  }

  const usageError = (problem: string) => {
    io.stderr.write(`wavec ${command.name}: ${problem}\nUsage: wavec ${command.usage}\n`);
    return EXIT.usage;
  };
  const parsed = parseCommandArgs(rest, { ...command.options, ...GLOBAL_OPTIONS });
  if (typeof parsed === 'string') return usageError(parsed);
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  if (positionals.length > positionalLimit(command.usage))
    return usageError(`unexpected argument "${positionals[positionalLimit(command.usage)]}"`);
  const conflict = command.conflicts?.find(([a, b]) => values[a] !== undefined && values[b] !== undefined);
  if (conflict) return usageError(`--${conflict[0]} and --${conflict[1]} cannot be used together`);

  const debug = Boolean(values.debug);
  let root: string;
  if (typeof values.root === 'string') {
    root = path.resolve(io.cwd, values.root);
  } else if (command.createsWorkspace) {
    root = io.cwd; // `wavec init` in a subfolder of a workspace lays out a new one there, as `git init` does
  } else {
    const found = findWorkspaceRoot(io.cwd);
    if (found === undefined && !command.standalone) {
      io.stderr.write(noWorkspaceMessage(command.name, io.cwd));
      return EXIT.usage;
    }
    root = found ?? io.cwd;
  }
  // Checked once here, so no command meets a missing root as an internal error deep in a stage.
  if (!command.createsWorkspace && !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr.write(`wavec ${command.name}: workspace root is not a folder: ${root}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run({ positionals, values, root, debug }, io);
  } catch (error) {
    if (error instanceof OutputWriteError) {
      io.stderr.write(`wavec ${command.name}: ${error.message}\n`);
      return EXIT.usage;
    }
    // Content problems are diagnostics; reaching here is a wavec bug or an environment failure.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`wavec ${command.name}: internal error: ${message}\n`);
    io.stderr.write(
      debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'rerun with --debug for the stack trace\n',
    );
    return EXIT.usage;
  }
}

function unknownCommand(name: string): string {
  const suggestion = closestMatch(
    name,
    COMMANDS.map((c) => c.name),
  );
  return (
    `wavec: unknown command "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}\n` +
    'Run `wavec --help` for the list of commands.\n'
  );
}

/** `wavec --bogus`: an option before any command; only --help and --version are valid there. */
function topLevelUnknownOption(arg: string): string {
  const flag = arg.split('=')[0]!;
  const problem = unknownOption(flag, {
    help: { type: 'boolean', description: '' },
    version: { type: 'boolean', description: '' },
  });
  return `wavec: ${problem}\nUsage: wavec <command> [options]; run \`wavec --help\` for the commands.\n`;
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
    "Run `wavec <command> --help` for a command's options. `wavec --version` prints the version.",
    '',
  ].join('\n');
}
