import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './workspace.js';

/** A `wavec compile --watch` child process and what it has printed so far. */
export interface WatchedProcess {
  child: ChildProcess;
  readonly out: string;
  readonly err: string;
  exited: Promise<number | null>;
  /** Both streams, for a timeout message. */
  output(): string;
  /** Kills the process if a failing test left it running. */
  dispose(): Promise<void>;
}

export function spawnWatch(args: readonly string[]): WatchedProcess {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wavec.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return {
    child,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    output: () => `${out}\n--- stderr ---\n${err}`,
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Polls until `condition` holds; the generous limit only bounds a hung test. */
export async function until(condition: () => boolean, what: string, output: () => string): Promise<void> {
  for (let waited = 0; !condition(); waited += 25) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}; output so far:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
