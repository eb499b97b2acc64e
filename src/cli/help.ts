import { valuePlaceholder } from './args.js';
import { GLOBAL_OPTIONS, type CommandDeclaration, type OptionSpec, type PositionalSpec } from './declaration.js';

/** The usage line without the leading `wavec `: `compile <wave> [--phase <n>] [--force] [--format human|json]`. */
export function usageLine(command: CommandDeclaration): string {
  return [
    command.name,
    ...command.positionals.map(positionalUsage),
    ...Object.entries(command.options).map(([name, spec]) => `[${optionUsage(name, spec)}]`),
  ].join(' ');
}

function positionalUsage(spec: PositionalSpec): string {
  if (spec.variadic) return `[${spec.name}…]`;
  const name = spec.type === 'file-or-stdin' ? `${spec.name}|-` : spec.name;
  return spec.optional ? `[${name}]` : `<${name}>`;
}

function optionUsage(name: string, spec: OptionSpec): string {
  if (spec.type === 'boolean') return `--${name}`;
  if (spec.type === 'string' && spec.choices) return `--${name} ${spec.choices.join('|')}`;
  return `--${name} ${valuePlaceholder(name, spec)}`;
}

/** A usage error: what is wrong, then the usage line. */
export function usageError(command: CommandDeclaration, problem: string): string {
  return `wavec ${command.name}: ${problem}\nUsage: wavec ${usageLine(command)}\n`;
}

/** `wavec <command> --help`, and `wavec help <command>`. */
export function commandHelp(command: CommandDeclaration): string {
  const rows = Object.entries({ ...command.options, ...GLOBAL_OPTIONS }).map(([name, spec]) => {
    const short = 'short' in spec && spec.short ? `-${spec.short}, ` : '    ';
    const flag = `${short}--${name}${spec.type === 'boolean' ? '' : ` ${valuePlaceholder(name, spec)}`}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = [
    `Usage: wavec ${usageLine(command)}`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ];
  if (command.details) lines.push('', command.details.trimEnd());
  return `${lines.join('\n')}\n`;
}

/** `wavec --help`, `wavec help`. */
export function mainHelp(commands: readonly CommandDeclaration[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: wavec <command> [options]',
    '',
    'wavec compiles wave specs and a fragment library into checked master prompts.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `wavec help <command>` for a command's options. `wavec --version` prints the version.",
    '',
  ].join('\n');
}
