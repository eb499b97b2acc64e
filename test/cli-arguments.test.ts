import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../src/cli/args.js';
import { COMMANDS } from '../src/cli/commands/index.js';
import { run } from '../src/cli/run.js';
import { USAGE_ERRORS } from './helpers/usage-errors.js';
import { captureIo, EXAMPLE, REPO_ROOT } from './helpers/workspace.js';

/** Every argument rule, in-process; test/e2e/cli-arguments.test.ts runs the same through the shipped bin. */
interface Outcome {
  exit: number | null;
  stdout: string;
  stderr: string;
}

async function inProcess(argv: readonly string[]): Promise<Outcome> {
  const io = captureIo(EXAMPLE);
  const exit = await run(argv, io);
  return { exit, stdout: io.out(), stderr: io.err() };
}

describe('one declaration per command', () => {
  it("README's CLI reference lists exactly the commands' own usage lines", async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /^## CLI reference\n\n```\n([^]*?)```/m.exec(readme)?.[1];
    expect(block, 'the CLI reference code block').toBeDefined();
    const lines = block!.trimEnd().split('\n');
    expect(lines.filter((line) => !line.startsWith('wavec --help')).sort()).toEqual(
      COMMANDS.map((c) => `wavec ${c.usage}`).sort(),
    );
  });

  it('prints one help for `wavec <command> --help` and `wavec help <command>`, and the main help alone', async () => {
    for (const command of COMMANDS) {
      const flag = await inProcess([command.name, '--help']);
      expect(flag).toMatchObject({ exit: 0, stderr: '' });
      expect(flag.stdout).toMatch(new RegExp(`^Usage: wavec ${command.name}\\b`));
      expect(await inProcess(['help', command.name])).toEqual(flag);
    }
    const main = await inProcess(['--help']);
    expect(main).toMatchObject({ exit: 0, stderr: '' });
    expect(await inProcess(['help'])).toEqual(main);
  });

  it.each(USAGE_ERRORS)('exits 2 on %s', async (_what, argv, stderr) => {
    expect(await inProcess(argv)).toEqual({ exit: 2, stdout: '', stderr });
  });

  it('reads --opt=value as --opt value', async () => {
    const spaced = await inProcess(['diff', '3', '4', '--format', 'json']);
    expect(spaced).toMatchObject({ exit: 0, stderr: '' });
    expect(JSON.parse(spaced.stdout)).toHaveProperty('diff');
    expect(await inProcess(['diff', '3', '4', '--format=json'])).toEqual(spaced);
  });
});

describe('parseCommandArgs', () => {
  const compile = COMMANDS.find((c) => c.name === 'compile')!;
  const words = [
    '4',
    '-',
    '--',
    '--phase',
    '--phase=2',
    '--phase=',
    '--force',
    '--force=1',
    '--forse',
    '-h',
    '-x',
    '-4',
  ];

  it("refuses exactly what strict parseArgs refuses (and an empty value), each in wavec's words", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 6 }), (argv) => {
        const options = Object.fromEntries(
          Object.entries({ ...compile.options, root: { type: 'string' }, debug: { type: 'boolean' } }).map(
            ([name, spec]) => [name, { type: spec.type === 'boolean' ? 'boolean' : 'string' } as const],
          ),
        );
        let strict: ReturnType<typeof parseArgs> | undefined;
        try {
          strict = parseArgs({
            args: argv,
            options: { ...options, help: { type: 'boolean', short: 'h' } },
            allowPositionals: true,
            strict: true,
          });
        } catch {
          strict = undefined;
        }
        const ours = parseCommandArgs(argv, compile);
        const emptyValue = strict !== undefined && Object.values(strict.values).includes('');
        if (strict === undefined || emptyValue) {
          expect(typeof ours).toBe('string');
          const flag = /^(?:unknown option )?(-[^\s;]+)/.exec(ours as string)?.[1];
          expect(ours).toMatch(
            /^(unknown option -\S+(; did you mean --\S+\?)?|--?\S+ takes no value|--?\S+ needs a value: .+)$/,
          );
          expect(argv.some((arg) => arg.startsWith(flag!))).toBe(true);
        } else {
          expect(ours).toEqual({ values: strict.values, positionals: strict.positionals });
        }
      }),
    );
  });
});
