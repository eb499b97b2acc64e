import { afterEach } from 'vitest';
import path from 'node:path';
import { run } from '../../src/cli/run.js';
import { captureIo, copyWorkspace, snapshot } from '../helpers/workspace.js';

export type Workspace = Awaited<ReturnType<typeof copyWorkspace>>;

export const SPEC = 'waves/phase-02/wave-4.yaml';
export const MISSION = 'templates/sections/mission.md';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A private copy of the example workspace, removed after the test. */
export async function workspace(): Promise<Workspace> {
  const ws = await copyWorkspace();
  cleanups.push(ws.cleanup);
  return ws;
}

/** A fragment file: five lines of front matter, so the body starts on line 6. */
export function fragment(id: string, kind: string, body: string): string {
  return `---\nid: ${id}\nkind: ${kind}\ntitle: ${id}\n---\n${body}`;
}

export interface Outcome {
  exit: number;
  stdout: string;
  stderr: string;
  /** The `file:line:col severity code message` lines, in the order printed. */
  diagnostics: string[];
  /** Whether every file under prompts/ has the same bytes as before the run. */
  promptsUntouched: boolean;
}

/** Runs the CLI in-process on a workspace and records what it printed and whether prompts/ changed. */
export async function compile(ws: Workspace, args: string[] = ['compile', '4']): Promise<Outcome> {
  const prompts = path.join(ws.root, 'prompts');
  const before = await snapshot(prompts).catch(() => undefined);
  const io = captureIo(ws.root);
  const exit = await run(args, io);
  const after = await snapshot(prompts).catch(() => undefined);
  return {
    exit,
    stdout: io.out(),
    stderr: io.err(),
    diagnostics: io
      .err()
      .split('\n')
      .filter((line) => /^\S+:\d+:\d+ (error|warning|info) /.test(line)),
    promptsUntouched: JSON.stringify(before) === JSON.stringify(after),
  };
}

/** Runs a compile after `setup` and returns what happened. */
export async function compileAfter(
  setup: (ws: Workspace) => Promise<unknown>,
  args?: string[],
): Promise<Outcome & { ws: Workspace }> {
  const ws = await workspace();
  await setup(ws);
  return { ...(await compile(ws, args)), ws };
}

/** The 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  return index + 1;
}
