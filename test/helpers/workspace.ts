import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';

/** The repository root: the example workspace the tests compile. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const WORKSPACE_ENTRIES = ['wavec.config.yaml', 'charter', 'templates', 'waves', 'prompts'];

/** A private copy of the example workspace, for tests that edit or break it. */
export async function copyWorkspace(): Promise<{ root: string; edit: (file: string, change: (text: string) => string) => Promise<void>; write: (file: string, text: string) => Promise<void>; read: (file: string) => Promise<string>; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'wavec-test-'));
  for (const entry of WORKSPACE_ENTRIES) await cp(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
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
export function useScratchWorkspaces(): () => ReturnType<typeof copyWorkspace> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async () => {
    const ws = await copyWorkspace();
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
