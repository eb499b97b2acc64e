/** What a command declares about its arguments, once: parsing, checks, the usage line, help and usage errors. */

/** A wave on the command line: `4` (a wave number) or `2:4` (wave 4 of phase 2). */
export type WaveSelector = number | { phase: number; wave: number };

/**
 * `number`: a positive whole number; `wave-selector`: `4` or `2:4`; `path`: any text; `file-or-stdin`: a file, or
 * `-` (also when left out) for standard input.
 */
type ValueType = 'number' | 'wave-selector' | 'path' | 'file-or-stdin';

export type OptionSpec = { description: string; short?: string } & (
  | { type: 'boolean' }
  | { type: 'number' | 'wave-selector'; placeholder?: string }
  /** `choices` are the only values allowed; `placeholder` names the value in help (default: the option's name). */
  | { type: 'string'; placeholder?: string; choices?: readonly string[]; default?: string }
);

export interface PositionalSpec {
  /** Its name in the usage line, and its key among the command's arguments. */
  name: string;
  type: ValueType;
  /** What messages call it (default: its name). */
  label?: string;
  optional?: true;
  /** Takes every remaining argument, none or more: only the last positional. */
  variadic?: true;
}

/** Two options that cannot be given together: `[a, b]`, or `[a, b, value]` when only that value of `b` excludes `a`. */
export type Conflict = readonly [string, string] | readonly [string, string, string];

/**
 * Where a command runs. `creates`: it lays out a workspace, so its root (`--root`, else the current folder) need not
 * be one yet. `optional`: the nearest workspace, else the current folder. `required`: the nearest workspace, or a
 * usage error. `loaded`: that workspace, loaded; one that does not load is reported and exits 2.
 */
export type WorkspaceNeed = 'creates' | 'optional' | 'required' | 'loaded';

export interface CommandDeclaration {
  name: string;
  summary: string;
  positionals: readonly PositionalSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  conflicts?: readonly Conflict[];
  workspace: WorkspaceNeed;
  /** Help text after the options: exit codes, examples. */
  details?: string;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  root: {
    type: 'string',
    description: 'workspace root (default: the nearest folder upwards with a wavec.config.yaml)',
    placeholder: 'dir',
  },
  debug: { type: 'boolean', description: 'print stack traces of internal errors' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** The wave a command names, and the `--phase` it may need. */
export const WAVE = { name: 'wave', type: 'number', label: 'wave number' } as const satisfies PositionalSpec;
export const PHASE = {
  type: 'number',
  description: 'phase of the wave (needed only when the wave number exists in several phases)',
  placeholder: 'n',
} as const satisfies OptionSpec;

type Value<T> = T extends 'number' ? number : T extends 'wave-selector' ? WaveSelector : string;

/** The typed value of one option: absent options are `undefined` unless they have a default. */
type OptionValue<O> = O extends { type: 'boolean' }
  ? boolean
  : | (O extends { choices: readonly (infer C)[] } ? C : O extends { type: infer T } ? Value<T> : never)
    | (O extends { default: string } ? never : undefined);

type PositionalValue<P extends PositionalSpec> = P extends { variadic: true }
  ? string[]
  : | Value<P['type']>
    | (P extends { optional: true } ? (P extends { type: 'file-or-stdin' } ? never : undefined) : never);

/** A command's checked arguments: each positional and option by name, typed as declared. */
export type ArgumentsOf<O extends Readonly<Record<string, OptionSpec>>, P extends readonly PositionalSpec[]> = Flat<
  { [K in keyof O]: OptionValue<O[K]> } & { [E in P[number] as E['name']]: PositionalValue<E> }
>;

type Flat<T> = { -readonly [K in keyof T]: T[K] };
