import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './workspace.js';

export const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

export interface BinOutcome {
  exit: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the shipped bin (build first) with a hard 10 s limit: a hang fails the test instead of stalling the run. */
export function wavecBin(args: readonly string[], cwd: string, options: { input?: string; env?: Record<string, string> } = {}): BinOutcome {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 10_000,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { exit: result.status, stdout: result.stdout, stderr: result.stderr };
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
