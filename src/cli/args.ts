import { parseArgs } from 'node:util';
import { closestMatch } from '../util/similar.js';
import { GLOBAL_OPTIONS, type CommandDeclaration, type OptionSpec, type WaveSelector } from './declaration.js';
import type { CliIo } from './io.js';

/** A command's arguments as given: split into options and positionals, not yet checked. */
export interface GivenArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * Splits a command's arguments with Node's parseArgs, strict (`--name value`, `--name=value`, `-h`; `--` ends the
 * options), or says in wavec's words what is wrong: Node's messages name its own API.
 */
export function parseCommandArgs(args: readonly string[], command: CommandDeclaration): GivenArgs | string {
  const declared = { ...command.options, ...GLOBAL_OPTIONS };
  const options = Object.fromEntries(
    Object.entries(declared).map(([name, { type, short }]) => [
      name,
      { type: type === 'boolean' ? ('boolean' as const) : ('string' as const), ...(short ? { short } : {}) },
    ]),
  );
  const config = { args: [...args], options, allowPositionals: true };
  try {
    const { values, positionals } = parseArgs({ ...config, strict: true });
    // parseArgs takes `--phase=` as the empty value; it is a forgotten one.
    const empty = Object.keys(values).find((name) => values[name] === '');
    return empty === undefined ? { values, positionals } : needsValue(`--${empty}`, declared[empty]!);
  } catch {
    // The same arguments read as tokens show which one strict parsing refused.
    for (const token of parseArgs({ ...config, strict: false, tokens: true }).tokens) {
      if (token.kind !== 'option') continue;
      const spec = Object.hasOwn(declared, token.name) ? declared[token.name]! : undefined;
      if (!spec) return unknownOption(token.rawName, declared);
      if (spec.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
      // A following option is not taken as the value: `--phase --force` is a forgotten value, not phase "--force".
      if (spec.type !== 'boolean' && (token.value === undefined || (!token.inlineValue && /^-./.test(token.value))))
        return needsValue(token.rawName, spec);
    }
    throw new Error(`parseArgs refused ${JSON.stringify(args)} for no reason wavec knows`);
  }
}

export function unknownOption(flag: string, options: Readonly<Record<string, unknown>>): string {
  const suggestion = flag.startsWith('--') ? closestMatch(flag.slice(2), Object.keys(options)) : undefined;
  return `unknown option ${flag}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
}

function needsValue(flag: string, spec: OptionSpec): string {
  return `${flag} needs a value: ${flag} ${valuePlaceholder(flag.replace(/^-+/, ''), spec)}`;
}

/** An option's value in help and messages: `<n>`, `<git-ref>`, `<n>|<phase>:<n>`. */
export function valuePlaceholder(name: string, spec: OptionSpec): string {
  if (spec.type === 'wave-selector') return '<n>|<phase>:<n>';
  return `<${('placeholder' in spec && spec.placeholder) || name}>`;
}

/** The command's arguments by name, each parsed and checked as declared, or the first usage problem. */
export function readArguments(
  command: CommandDeclaration,
  { positionals, values }: GivenArgs,
  io: Pick<CliIo, 'readStdin'>,
): Record<string, unknown> | string {
  if (!command.positionals.at(-1)?.variadic && positionals.length > command.positionals.length)
    return `unexpected argument "${positionals[command.positionals.length]}"`;
  for (const [a, b, value] of command.conflicts ?? []) {
    if (values[a] !== undefined && values[b] !== undefined && (value === undefined || values[b] === value))
      return `--${a} and --${b}${value === undefined ? '' : ` ${value}`} cannot be used together`;
  }
  const args: Record<string, unknown> = {};
  for (const [i, { name, type, label = name, optional, variadic }] of command.positionals.entries()) {
    const given = type === 'file-or-stdin' ? (positionals[i] ?? '-') : positionals[i];
    if (given === '-' && type === 'file-or-stdin' && !io.readStdin)
      return `no standard input to read the ${label} from: name the ${label} file`;
    if (given === undefined && !optional && !variadic) return `missing ${label}`;
    const value = variadic ? positionals.slice(i) : given === undefined ? undefined : parseValue(type, given, label);
    if (value instanceof Problem) return value.message;
    args[name] = value;
  }
  for (const [name, spec] of Object.entries(command.options)) {
    const given = values[name];
    if (spec.type === 'boolean' || typeof given !== 'string') {
      args[name] = spec.type === 'boolean' ? given === true : spec.type === 'string' ? spec.default : undefined;
      continue;
    }
    const value = parseValue(spec.type, given, `--${name}`);
    if (value instanceof Problem) return value.message;
    if (spec.type === 'string' && spec.choices && !spec.choices.includes(given))
      return `--${name} must be ${oneOf(spec.choices)}, got "${given}"`;
    args[name] = value;
  }
  return args;
}

class Problem {
  constructor(readonly message: string) {}
}

/** A number or a wave parsed, other text as it is; a Problem says what is wrong with it. */
function parseValue(type: OptionSpec['type'] | 'path' | 'file-or-stdin', text: string, what: string): unknown {
  const parsed =
    type === 'number' ? parsePositiveInt(text, what) : type === 'wave-selector' ? parseWaveSelector(text, what) : text;
  return parsed !== text && typeof parsed === 'string' ? new Problem(parsed) : parsed;
}

/** `human or json`; `one of human, json, github`. */
function oneOf(choices: readonly string[]): string {
  return choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`;
}

/** Parses a positive integer argument, or says what was wrong with it. */
export function parsePositiveInt(value: string | undefined, what: string): number | string {
  if (value === undefined) return `missing ${what}`;
  if (!/^\d+$/.test(value) || Number(value) < 1) return `${what} must be a positive whole number, got "${value}"`;
  return Number(value);
}

/** Parses `4` or `2:4`, or says what was wrong with it. */
export function parseWaveSelector(value: string, what: string): WaveSelector | string {
  const qualified = /^(\d+):(\d+)$/.exec(value);
  if (qualified && Number(qualified[1]) > 0 && Number(qualified[2]) > 0)
    return { phase: Number(qualified[1]), wave: Number(qualified[2]) };
  if (/^\d+$/.test(value) && Number(value) > 0) return Number(value);
  return `${what} must be a wave number or <phase>:<wave> (e.g. 4 or 2:4), got "${value}"`;
}
