import type { CliIo } from './io.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** Shown in help; the command applies it. */
  placeholder?: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  /** Absolute workspace root (`--root`, else the nearest folder upwards with a wavec.config.yaml). */
  root: string;
  debug: boolean;
}

/** One CLI command: a file under cli/commands/, registered in cli/commands/index.ts. */
export interface Command {
  name: string;
  summary: string;
  /** Usage line without the leading `wavec `. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Extra help text after the options: exit codes, examples. */
  details?: string;
  /** The command lays out a workspace, so its root need not exist yet (`init`). */
  createsWorkspace?: boolean;
  /**
   * The command can run outside a workspace: with no `--root` and no
   * wavec.config.yaml in the current folder or above, its root is the current
   * folder (`init`, `schema`). Every other command needs a workspace.
   */
  standalone?: boolean;
  /** Options that cannot be given together (a usage error, exit 2), e.g. `[['stdout', 'format']]`. */
  conflicts?: readonly (readonly [string, string])[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  root: {
    type: 'string',
    description: 'workspace root (default: the nearest folder upwards with a wavec.config.yaml)',
    placeholder: 'dir',
  },
  debug: { type: 'boolean', description: 'print stack traces of internal errors' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export function commandHelp(command: Command): string {
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag =
      `${spec.short ? `-${spec.short}, ` : '    '}--${name}` +
      `${spec.type === 'string' ? ` <${spec.placeholder ?? 'value'}>` : ''}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = [
    `Usage: wavec ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ];
  if (command.details) lines.push('', command.details.trimEnd());
  return `${lines.join('\n')}\n`;
}

/** Parses a positive integer argument, or says what was wrong with it. */
export function parsePositiveInt(value: string | undefined, what: string): number | string {
  if (value === undefined) return `missing ${what}`;
  if (!/^\d+$/.test(value) || Number(value) < 1) return `${what} must be a positive whole number, got "${value}"`;
  return Number(value);
}

/**
 * A wave on the command line: `4` (a wave number) or `2:4` (wave 4 of phase
 * 2, for naming a wave of another phase).
 */
export function parseWaveSelector(
  value: string | undefined,
  what: string,
): number | { phase: number; wave: number } | string {
  if (value === undefined) return `missing ${what}`;
  const qualified = /^(\d+):(\d+)$/.exec(value);
  if (qualified && Number(qualified[1]) > 0 && Number(qualified[2]) > 0)
    return { phase: Number(qualified[1]), wave: Number(qualified[2]) };
  if (/^\d+$/.test(value) && Number(value) > 0) return Number(value);
  return `${what} must be a wave number or <phase>:<wave> (e.g. 4 or 2:4), got "${value}"`;
}
