import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from './workspace.js';

export const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

/** The test process's own cache folder: never the user's; removed when the test file is done. */
const TEST_CACHE = path.join(tmpdir(), `wavec-test-cache-${process.pid}`);
afterAll(() => rmSync(TEST_CACHE, { recursive: true, force: true }));

export interface BinOutcome {
  exit: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the shipped bin (build first) with a hard 10 s limit: a hang fails the test instead of stalling the run. */
export function wavecBin(
  args: readonly string[],
  cwd: string,
  options: { input?: string; env?: Record<string, string>; stdoutTo?: string } = {},
): BinOutcome {
  const stdoutFd = options.stdoutTo === undefined ? undefined : openSync(options.stdoutTo, 'w');
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 10_000,
      input: options.input ?? '',
      stdio: ['pipe', stdoutFd ?? 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', WAVEC_CACHE_DIR: TEST_CACHE, ...options.env },
    });
    return { exit: result.status, stdout: result.stdout ?? '', stderr: result.stderr };
  } finally {
    if (stdoutFd !== undefined) closeSync(stdoutFd);
  }
}

/** Every entry under a folder (regular files by hash, others by kind), to prove a failed run changed nothing. */
export function treeState(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      const info = lstatSync(full);
      if (entry.isDirectory()) {
        out[relative] = 'dir';
        walk(full);
      } else if (info.isFile()) out[relative] = `${info.mode.toString(8)} ${hashOrUnreadable(full)}`;
      else out[relative] = info.isSymbolicLink() ? 'link' : 'special';
    }
  };
  walk(root);
  return out;
}

function hashOrUnreadable(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'unreadable';
  }
}
