import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';

export { REPO_ROOT } from './paths.js';

/**
 * The prepared, read-only copy of a fixture workspace under
 * test/fixtures/workspaces (templates and compiled prompts in place). Tests
 * read it; a test that edits a workspace takes a {@link copyWorkspace}.
 */
export function fixtureRoot(name = 'example'): string {
  const root = inject('fixtureRoots')[name];
  if (root === undefined) throw new Error(`no fixture workspace "${name}" under test/fixtures/workspaces`);
  return root;
}

/**
 * The `example` fixture: a frozen copy of the repository's example workspace
 * (phase 02 waves 2–4). Tests use it, never the live example, so the
 * operator's data is free to grow.
 */
export const EXAMPLE = fixtureRoot('example');

export interface WorkspaceCopy {
  root: string;
  edit: (file: string, change: (text: string) => string) => Promise<void>;
  write: (file: string, text: string) => Promise<void>;
  read: (file: string) => Promise<string>;
  cleanup: () => Promise<void>;
}

/** A private copy of a fixture workspace (default: the example), for tests that edit or break it. */
export function copyWorkspace(name = 'example'): Promise<WorkspaceCopy> {
  return copyWorkspaceOf(fixtureRoot(name));
}

/** A private copy of any workspace folder (a committed example), for a test that edits it. */
export async function copyWorkspaceOf(source: string): Promise<WorkspaceCopy> {
  const root = await mkdtemp(path.join(tmpdir(), 'wavec-test-'));
  await cp(source, root, { recursive: true });
  return {
    root,
    async edit(file, change) {
      const target = path.join(root, file);
      const before = await readFile(target, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing: the test's search text is stale`);
      await writeFile(target, after);
    },
    write: (file, text) => writeFile(path.join(root, file), text),
    read: (file) => readFile(path.join(root, file), 'utf8'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * A factory of private workspace copies for one test file; every copy made
 * during a test is removed after it.
 */
export function useScratchWorkspaces(): (name?: string) => ReturnType<typeof copyWorkspace> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async (name?: string) => {
    const ws = await copyWorkspace(name);
    cleanups.push(ws.cleanup);
    return ws;
  };
}

/** Every file under a folder with its content, to prove a failed run touched nothing. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = await readFile(full, 'utf8');
  }
  return out;
}

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** A CliIo that records what the CLI prints. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    cwd,
    env,
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}
