import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';

export interface StarterWorkspace {
  root: string;
  write: (file: string, text: string) => Promise<void>;
}

/**
 * A factory of workspaces laid out by `wavec init` (a stub charter, phase
 * 01 wave 1, the package's fragment library as the base layer) in temp folders, removed after
 * each test: fixtures of their own, independent of the repository's example.
 */
export function useStarterWorkspaces(): () => Promise<StarterWorkspace> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'wavec-starter-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    expect((await initWorkspace(root)).written).toBe(true);
    // A fragment written under templates/ is the user's layer: the folder is made on the first.
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    return { root, write };
  };
}
