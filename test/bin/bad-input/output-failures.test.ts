import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../../helpers/bin.js';
import { useStarterWorkspaces } from '../../helpers/starter-workspace.js';
import { workspace } from '../../bad-input/harness.js';

// Issue 21, item 9: output that cannot be written is exit 2 and no unhandled error, on either stream; a reader that
// went away (`| head -1`) ends the run quietly.

const starter = useStarterWorkspaces();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** Runs the bin under `sh -c` with the given redirections; exit code, stdout and stderr as the shell saw them. */
function shell(cwd: string, args: string[], redirections: string) {
  const result = spawnSync(
    'sh',
    ['-c', `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} ${redirections}`],
    {
      cwd,
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  return { exit: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the bin writing into a pipe whose reader has already gone; exit code and what it said on stderr. */
function intoClosedPipe(cwd: string, args: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'wavec-pipe-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const code = path.join(dir, 'code');
  const err = path.join(dir, 'err');
  // The reader (`true`) exits at once; the writer starts after it is gone, so its first write meets a closed pipe.
  const script =
    `{ sleep 0.3; ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} 2>${quote(err)}; ` +
    `echo $? >${quote(code)}; } | true`;
  spawnSync('sh', ['-c', script], { cwd, timeout: 10_000, env: { ...process.env, NO_COLOR: '1' } });
  return { exit: Number(readFileSync(code, 'utf8')), stderr: readFileSync(err, 'utf8') };
}

describe('standard error that cannot be written', () => {
  it('a command that would exit 0 with a note on stderr exits 2 when the note cannot be written', async () => {
    const ws = await starter();
    const fine = shell(ws.root, ['lint'], '');
    expect(fine.exit).toBe(0);
    expect(fine.stderr).toContain('no prompts yet');
    const full = shell(ws.root, ['lint'], '2>/dev/full');
    expect(full.exit).toBe(2);
  });

  it('a failing command with stderr full or closed exits 2, no unhandled error on stdout', async () => {
    const ws = await workspace();
    for (const redirection of ['2>/dev/full', '2>&-']) {
      const run = shell(ws.root, ['compile', '9'], redirection);
      expect(run.exit, redirection).toBe(2);
      expect(run.stdout, redirection).toBe('');
    }
    const bad = shell(ws.root, ['lint', 'bad'], '2>/dev/full');
    expect(bad.exit).toBe(2);
  });
});

describe('standard output that cannot be written', () => {
  it('a full disk is exit 2, said on stderr', async () => {
    const ws = await workspace();
    const run = shell(ws.root, ['lint', '--format', 'json'], '>/dev/full');
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('wavec lint: could not write to standard output');
    expect(run.stderr).not.toContain('internal error');
  });

  it('a reader that went away (| head -1) ends the run quietly with exit 2', async () => {
    const ws = await workspace();
    for (const args of [['--help'], ['lint', '--format', 'json'], ['explain', '4', '--phase', '2']]) {
      const run = intoClosedPipe(ws.root, args);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.exit, args.join(' ')).toBe(2);
    }
  });
});
