import { closestMatch } from '../util/similar.js';
import type { OptionSpec } from './command.js';

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Splits a command's arguments into options and positionals, or says in
 * wavec's words what is wrong (Node's parseArgs messages name its own API:
 * "To specify a positional argument starting with a '-'…"). `--name value`,
 * `--name=value`, `-h`, and `--` ends the options.
 */
export function parseCommandArgs(
  args: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
): ParsedCommandArgs | string {
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  const byShort = new Map(
    Object.entries(options).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])),
  );
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const name = flag.startsWith('--') ? flag.slice(2) : byShort.get(flag.slice(1));
    const spec = name === undefined ? undefined : options[name];
    if (name === undefined || spec === undefined) return unknownOption(flag, options);
    if (spec.type === 'boolean') {
      if (equals !== -1) return `${flag} takes no value`;
      values[name] = true;
      continue;
    }
    const value = equals !== -1 ? arg.slice(equals + 1) : args[i + 1];
    // A following option is not taken as the value: `--phase --force` is a forgotten value, not phase "--force".
    if (value === undefined || value === '' || (equals === -1 && value.startsWith('-') && value !== '-'))
      return `${flag} needs a value: ${flag} <${spec.placeholder ?? 'value'}>`;
    if (equals === -1) i++;
    values[name] = value;
  }
  return { values, positionals };
}

export function unknownOption(flag: string, options: Readonly<Record<string, OptionSpec>>): string {
  const suggestion = flag.startsWith('--') ? closestMatch(flag.slice(2), Object.keys(options)) : undefined;
  return `unknown option ${flag}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
}

/**
 * How many positional arguments a usage line allows (`compile <wave> […]`: 1,
 * `diff <a> <b>`: 2, `lint [paths…]`: any), so the limit is written once, in
 * the usage the help shows.
 */
export function positionalLimit(usage: string): number {
  const words = usage
    .replace(/\[-[^\]]*\]/g, ' ')
    .split(/\s+/)
    .slice(1)
    .filter((word) => /^[<[][^-]/.test(word));
  return words.some((word) => word.includes('…') || word.includes('...')) ? Infinity : words.length;
}
