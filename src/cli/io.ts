import { writeSync } from 'node:fs';
import { describeFsError } from '../util/fs-error.js';

/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /**
   * `failed`: whether a write to it did not complete. A failed write of a diagnostic never throws (the command goes on
   * and decides its answer), but the run then exits 2: what it had to say was not all said.
   */
  stderr: { write(text: string): unknown; failed?(): boolean };
  /** Directory relative paths and the default workspace root resolve against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, bar charts). */
  isTTY: boolean;
  /** Whether stderr is a terminal (colour of diagnostics); absent: it is not. */
  stderrIsTTY?: boolean;
  /**
   * All of standard input, for commands that read `-`, or undefined when it is longer than `maxBytes` (reading stops
   * there, as a file over the limit is not read); absent where there is none (a terminal).
   */
  readStdin?: (maxBytes: number) => Promise<Uint8Array | undefined>;
}

export function processIo(): CliIo {
  return {
    stdout: checkedWriter(1, 'standard output'),
    stderr: failingQuietly(checkedWriter(2, 'standard error')),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stdin.isTTY ? {} : { readStdin }),
  };
}

async function readStdin(maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    // Leaving the loop destroys the stream: the rest is never read into memory.
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A write to standard output that did not complete (a full disk, `/dev/full`, a closed pipe): the command fails with
 * exit 2.
 */
export class OutputWriteError extends Error {
  constructor(
    readonly destination: string,
    readonly reason: string,
    /** The system's error code (`EPIPE`: the reader is gone), when there is one. */
    readonly code?: string,
  ) {
    super(`could not write to ${destination} (${reason})`);
  }
}

/**
 * Writes every byte or throws {@link OutputWriteError}: a prompt printed with
 * `--stdout` into a file on a full disk must not end half-written with exit 0.
 * Synchronous, so the exit code is known when the command returns.
 */
function checkedWriter(fd: number, destination: string): CliIo['stdout'] {
  return {
    write(text: string) {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) {
        let written: number;
        try {
          written = writeSync(fd, bytes, offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') {
            // A non-blocking pipe whose reader is behind: wait for it rather than drop output.
            Atomics.wait(PAUSE, 0, 0, 5);
            continue;
          }
          throw new OutputWriteError(destination, describeFsError(error), code);
        }
        if (written <= 0) throw new OutputWriteError(destination, `short write: ${offset} of ${bytes.length} bytes`);
        offset += written;
      }
      return true;
    },
  };
}

/** A writer that stops at its first failed write and remembers it, instead of throwing. */
function failingQuietly(writer: CliIo['stdout']): CliIo['stderr'] {
  let failed = false;
  return {
    write(text: string) {
      if (failed) return false;
      try {
        return writer.write(text);
      } catch {
        failed = true;
        return false;
      }
    },
    failed: () => failed,
  };
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export const EXIT = {
  /** Everything passed. */
  ok: 0,
  /** The prompt was produced or read but fails a check. */
  check: 1,
  /** Usage errors and input errors: nothing could be produced. */
  usage: 2,
} as const;
