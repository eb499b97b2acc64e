import { statSync } from 'node:fs';
import path from 'node:path';
import { closestMatch } from '../util/similar.js';
import { VERSION } from '../version.js';
import { parseCommandArgs, unknownOption } from './args.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, mainHelp, usageError } from './help.js';
import { EXIT, OutputWriteError, type CliIo } from './io.js';
import { findWorkspaceRoot, noWorkspaceMessage } from './workspace-root.js';

/**
 * The whole CLI: argv in, exit code out. No process.exit, no globals, so
 * tests run it in-process with a fake io. Output that could not be written
 * is exit 2 wherever it happens: a closed pipe (`| head -1`) quietly, any
 * other failure said on stderr, and a failed stderr write once the command
 * is done.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number;
  try {
    code = await runCommand(argv, io);
  } catch (error) {
    if (!(error instanceof OutputWriteError)) throw error;
    if (error.code !== 'EPIPE') io.stderr.write(`wavec${argv[0] ? ` ${argv[0]}` : ''}: ${error.message}\n`);
    return EXIT.usage;
  }
  return io.stderr.failed?.() ? EXIT.usage : code;
}

async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  // `wavec help <command>` is `wavec <command> --help`: one help, and an unknown topic is an unknown command.
  if (name === 'help' && rest[0] !== undefined) return run([rest[0], '--help'], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp(COMMANDS));
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

  const given = parseCommandArgs(rest, command);
  if (typeof given === 'string') return usage(command, given, io);
  if (given.values.help) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  const args = command.read(given, io);
  if (typeof args === 'string') return usage(command, args, io);
  const root = workspaceRoot(command, given.values.root, io);
  if (root === undefined) return EXIT.usage;
  const debug = given.values.debug === true;
  try {
    return await command.execute(args, { ...given, root, debug }, io);
  } catch (error) {
    if (error instanceof OutputWriteError) throw error;
    // Content problems are diagnostics; reaching here is a wavec bug or an environment failure.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`wavec ${command.name}: internal error: ${message}\n`);
    io.stderr.write(
      debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'rerun with --debug for the stack trace\n',
    );
    return EXIT.usage;
  }
}

function usage(command: Command, problem: string, io: CliIo): number {
  io.stderr.write(usageError(command, problem));
  return EXIT.usage;
}

/**
 * The folder the command runs in (`--root`, else the nearest workspace), checked once here so that no command meets
 * a missing root as an internal error deep in a stage; undefined when there is none (said on stderr).
 */
function workspaceRoot(command: Command, rootOption: unknown, io: CliIo): string | undefined {
  let root: string;
  if (typeof rootOption === 'string') root = path.resolve(io.cwd, rootOption);
  // `wavec init` in a subfolder of a workspace lays out a new one there, as `git init` does.
  else if (command.workspace === 'creates') root = io.cwd;
  else {
    const found = findWorkspaceRoot(io.cwd);
    if (found === undefined && command.workspace !== 'optional') {
      io.stderr.write(noWorkspaceMessage(command.name, io.cwd));
      return undefined;
    }
    root = found ?? io.cwd;
  }
  if (command.workspace !== 'creates' && !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr.write(`wavec ${command.name}: workspace root is not a folder: ${root}\n`);
    return undefined;
  }
  return root;
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
  const problem = unknownOption(arg.split('=')[0]!, { help: true, version: true });
  return `wavec: ${problem}\nUsage: wavec <command> [options]; run \`wavec --help\` for the commands.\n`;
}
