/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Directory relative paths and the default workspace root resolve against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, bar charts). */
  isTTY: boolean;
  /** Whether stderr is a terminal (colour of diagnostics); absent: it is not. */
  stderrIsTTY?: boolean;
  /** All of standard input, for commands that read `-`; absent where there is none (a terminal). */
  readStdin?: () => Promise<Uint8Array>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, isTTY: Boolean(process.stdout.isTTY), stderrIsTTY: Boolean(process.stderr.isTTY), ...(process.stdin.isTTY ? {} : { readStdin }) };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const EXIT = {
  /** Everything passed. */
  ok: 0,
  /** The prompt was produced or read but fails a check. */
  check: 1,
  /** Usage errors and input errors: nothing could be produced. */
  usage: 2,
} as const;
