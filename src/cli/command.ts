import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Workspace } from '../load/workspace.js';
import { readArguments, type GivenArgs } from './args.js';
import type { ArgumentsOf, CommandDeclaration, OptionSpec, PositionalSpec, WorkspaceNeed } from './declaration.js';
import { usageError, usageLine } from './help.js';
import { EXIT, type CliIo } from './io.js';
import { printInputErrors } from './report.js';

/** A command's arguments as given, with the workspace root it runs in. */
export interface ParsedArgs extends GivenArgs {
  /** Absolute workspace root (`--root`, else the nearest folder upwards with a wavec.config.yaml). */
  root: string;
  debug: boolean;
}

export interface CommandContext {
  io: CliIo;
  root: string;
  debug: boolean;
  /** The arguments as given, to run the command again (`compile --watch`). */
  given: ParsedArgs;
  /**
   * Prints input errors (bad specs, fragments, …) in the command's `--format` (with excerpts for people); returns exit
   * code 2.
   */
  inputErrors(diagnostics: readonly Diagnostic[]): Promise<number>;
}

export interface LoadedContext extends CommandContext {
  workspace: Workspace;
  /** What loading it found that does not stop it (warnings). */
  workspaceDiagnostics: readonly Diagnostic[];
}

type Options = Readonly<Record<string, OptionSpec>>;

/** One CLI command as its file declares it (a file under cli/commands/, registered in cli/commands/index.ts). */
export interface CommandSpec<
  O extends Options,
  P extends readonly PositionalSpec[],
  W extends WorkspaceNeed,
> extends CommandDeclaration {
  positionals: P;
  options: O;
  workspace: W;
  /** Reports a workspace that does not load (`workspace: 'loaded'`); default: `inputErrors`. */
  reportLoadFailure?(diagnostics: readonly Diagnostic[], args: ArgumentsOf<O, P>, context: CommandContext): unknown;
  /** What the command does, on checked arguments. */
  execute(args: ArgumentsOf<O, P>, context: W extends 'loaded' ? LoadedContext : CommandContext): Promise<number>;
}

export interface Command extends CommandDeclaration {
  /** The usage line without the leading `wavec `. */
  readonly usage: string;
  /** The arguments by name, checked as declared, or a usage problem. */
  read(given: GivenArgs, io: CliIo): Record<string, unknown> | string;
  /** Runs the command on arguments `read` returned (loading the workspace first if it is declared `loaded`). */
  execute(args: Record<string, unknown>, given: ParsedArgs, io: CliIo): Promise<number>;
  /** `read`, then `execute`; a usage problem is printed and exits 2. */
  run(given: ParsedArgs, io: CliIo): Promise<number>;
}

/** The common prologue of every command, written once: checked arguments, then the workspace, then the command. */
export function defineCommand<
  const O extends Options,
  const P extends readonly PositionalSpec[],
  const W extends WorkspaceNeed,
>(spec: CommandSpec<O, P, W>): Command {
  // The context is a LoadedContext exactly when the declaration says `workspace: 'loaded'`.
  const execute = spec.execute as (args: ArgumentsOf<O, P>, context: CommandContext) => Promise<number>;
  const command: Command = {
    ...spec,
    usage: usageLine(spec),
    read: (given, io) => readArguments(spec, given, io),
    async execute(checked, given, io) {
      const args = checked as ArgumentsOf<O, P>;
      const { root, debug } = given;
      const format = (args as Record<string, unknown>).format;
      const inputErrors = async (diagnostics: readonly Diagnostic[]) => {
        await printInputErrors(diagnostics, format, io, root);
        return EXIT.usage;
      };
      const context: CommandContext = { io, root, debug, given, inputErrors };
      if (spec.workspace !== 'loaded') return execute(args, context);
      const { loadWorkspace } = await import('../load/workspace.js');
      const loaded = await loadWorkspace(root);
      if (!loaded.ok) {
        if (!spec.reportLoadFailure) return inputErrors(loaded.diagnostics);
        await spec.reportLoadFailure(loaded.diagnostics, args, context);
        return EXIT.usage;
      }
      const workspaceDiagnostics = loaded.diagnostics;
      return execute(args, { ...context, workspace: loaded.workspace, workspaceDiagnostics } as LoadedContext);
    },
    async run(given, io) {
      const args = command.read(given, io);
      if (typeof args !== 'string') return command.execute(args, given, io);
      io.stderr.write(usageError(spec, args));
      return EXIT.usage;
    },
  };
  return command;
}

/** The library's request for a wave: `{wave}`, with `phase` when `--phase` names one. */
export function waveRequest<T>(wave: T, phase: number | undefined): { wave: T; phase?: number } {
  return phase === undefined ? { wave } : { wave, phase };
}
