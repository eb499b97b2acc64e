import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readHandBack, type HandBackReading } from './check.js';
import type { HandBackContract } from './contract.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * A reply up to this size is read in the calling thread: a real hand-back is a
 * few kilobytes, read in a few milliseconds. A larger one (up to the
 * workspace's max_file_bytes) takes longer however linear the reader is, and a
 * server must keep answering its other requests meanwhile.
 */
export const IN_THREAD_BYTES = 16 * 1024;

type Read = { diagnostics: Diagnostic[]; reading: HandBackReading };

/**
 * Reads a hand-back without holding the event loop: a large reply on a worker
 * thread (the compiled read-worker.js of this package), a small one here. Where
 * the worker script is not there (the sources run without a build), here too.
 */
export async function readHandBackOffThread(
  contract: HandBackContract,
  reply: { path: string; text: string },
): Promise<Read> {
  const script = reply.text.length > IN_THREAD_BYTES ? workerScript() : undefined;
  if (!script) return readHandBack(contract, reply);
  return new Promise<Read>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { contract, reply } });
    worker.once('message', (read: Read) => {
      resolve(read);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the hand-back reader's worker stopped with code ${code}`));
    });
  });
}

let found: string | null | undefined;

/** dist/handback/read-worker.js of this package: found from this module's file, in dist/ or the CLI bundle. */
function workerScript(): string | undefined {
  if (found === undefined) {
    found = null;
    for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
      const script = path.join(dir, 'dist', 'handback', 'read-worker.js');
      if (existsSync(path.join(dir, 'package.json')) && existsSync(script)) {
        found = script;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return found ?? undefined;
}
