import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { run } from '../../../src/cli/run.js';
import { BIN } from '../../helpers/bin.js';
import { USAGE_ERRORS } from '../../helpers/usage-errors.js';
import { captureIo, EXAMPLE } from '../../helpers/workspace.js';

/** test/cli-arguments.test.ts's argument rules, through the shipped bin/wavec.js. */
interface Outcome {
  exit: number | null;
  stdout: string;
  stderr: string;
}

function throughBin(argv: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...argv],
      { cwd: EXAMPLE, timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const exit = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ exit, stdout, stderr });
      },
    );
  });
}

/** Each test spawns up to 24 processes: minutes on a loaded machine are slow, not wrong. */
const BIN_TIMEOUT = 180_000;

/** Each argv's outcome, two processes at a time (more only queue on a busy machine, and may meet the timeout). */
async function allThroughBin(argvs: readonly (readonly string[])[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < argvs.length; i = next++) outcomes[i] = await throughBin(argvs[i]!);
  };
  await Promise.all([worker(), worker()]);
  return outcomes;
}

describe('arguments, through bin/wavec.js', () => {
  it(
    'prints one help for `wavec <command> --help` and `wavec help <command>`, and the main help alone',
    async () => {
      const topics = [...COMMANDS.map((c) => [c.name]), []];
      const flags = await allThroughBin(topics.map((topic) => [...topic, '--help']));
      const topicsOut = await allThroughBin(topics.map((topic) => ['help', ...topic]));
      for (const [i, topic] of topics.entries()) {
        expect(flags[i]).toMatchObject({ exit: 0, stderr: '' });
        expect(flags[i]!.stdout).toMatch(new RegExp(`^Usage: wavec ${topic[0] ?? '<command>'}[ \n]`));
        expect(topicsOut[i], topic[0] ?? 'main help').toEqual(flags[i]);
      }
    },
    BIN_TIMEOUT,
  );

  it(
    'exits 2 on every usage error, with the message the in-process run prints',
    async () => {
      const outcomes = await allThroughBin(USAGE_ERRORS.map(([, argv]) => argv));
      for (const [i, [what, , stderr]] of USAGE_ERRORS.entries())
        expect(outcomes[i], what).toEqual({ exit: 2, stdout: '', stderr });
    },
    BIN_TIMEOUT,
  );

  it(
    'reads --opt=value as --opt value',
    async () => {
      const io = captureIo(EXAMPLE);
      const exit = await run(['diff', '3', '4', '--format', 'json'], io);
      const [spaced, joined] = await allThroughBin([
        ['diff', '3', '4', '--format', 'json'],
        ['diff', '3', '4', '--format=json'],
      ]);
      expect(spaced).toEqual({ exit, stdout: io.out(), stderr: io.err() });
      expect(joined).toEqual(spaced);
    },
    BIN_TIMEOUT,
  );
});
